using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Ingest;

/// <summary>Collects rows bound for one shard until they fill a chunk; features in the dataset's <see cref="FeatureType"/>.</summary>
internal sealed class ShardChunkBuilder(int columns, int chunkRows, bool weighted, FeatureType featureType) : IShardChunkBuilder
{
    private readonly float[] _features32 = featureType == FeatureType.Float32 ? new float[columns * chunkRows] : [];
    private readonly double[] _features64 = featureType == FeatureType.Float64 ? new double[columns * chunkRows] : [];
    private readonly double[] _labels = new double[chunkRows];
    private readonly double[] _weights = weighted ? new double[chunkRows] : [];

    /// <summary>Rows collected.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the chunk is full.</summary>
    public bool IsFull => Count == _labels.Length;

    /// <summary>Chunks already taken from this builder: the index of the next one.</summary>
    public int NextChunkIndex { get; private set; }

    /// <summary>Adds a float32 row; <paramref name="weight"/> is kept only when the builder is weighted.</summary>
    public void Add(ReadOnlySpan<float> features, double label, double weight)
    {
        features.CopyTo(_features32.AsSpan(Count * columns));
        AddLabel(label, weight);
    }

    /// <summary>Adds a float64 row; <paramref name="weight"/> is kept only when the builder is weighted.</summary>
    public void Add(ReadOnlySpan<double> features, double label, double weight)
    {
        features.CopyTo(_features64.AsSpan(Count * columns));
        AddLabel(label, weight);
    }

    /// <summary>Takes the collected rows as a chunk and starts a new one.</summary>
    public ShardChunk Take()
    {
        var features = featureType == FeatureType.Float64
            ? DenseBuffers.ToBytes(_features64.AsSpan(0, Count * columns))
            : DenseBuffers.ToBytes(_features32.AsSpan(0, Count * columns));
        var chunk = new ShardChunk
        {
            Rows = Count,
            Columns = columns,
            FeatureType = featureType,
            Features = new PackedVector { Bytes = features },
            Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(_labels.AsSpan(0, Count)) },
            Weights = weighted ? new PackedVector { Bytes = DenseBuffers.ToBytes(_weights.AsSpan(0, Count)) } : PackedVector.Empty,
        };
        Count = 0;
        NextChunkIndex++;
        return chunk;
    }

    private void AddLabel(double label, double weight)
    {
        if (weighted)
        {
            _weights[Count] = weight;
        }

        _labels[Count++] = label;
    }
}
