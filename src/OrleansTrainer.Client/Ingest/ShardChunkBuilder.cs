using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client.Ingest;

/// <summary>Collects rows bound for one shard until they fill a chunk.</summary>
internal sealed class ShardChunkBuilder(int columns, int chunkRows, bool weighted)
{
    private readonly float[] _features = new float[columns * chunkRows];
    private readonly double[] _labels = new double[chunkRows];
    private readonly double[] _weights = weighted ? new double[chunkRows] : [];

    /// <summary>Rows collected.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the chunk is full.</summary>
    public bool IsFull => Count == _labels.Length;

    /// <summary>Chunks already taken from this builder: the index of the next one.</summary>
    public int NextChunkIndex { get; private set; }

    /// <summary>Adds a row; <paramref name="weight"/> is kept only when the builder is weighted.</summary>
    public void Add(ReadOnlySpan<float> features, double label, double weight)
    {
        features.CopyTo(_features.AsSpan(Count * columns));
        if (weighted)
        {
            _weights[Count] = weight;
        }

        _labels[Count++] = label;
    }

    /// <summary>Takes the collected rows as a chunk and starts a new one.</summary>
    public ShardChunk Take()
    {
        var chunk = new ShardChunk
        {
            Rows = Count,
            Columns = columns,
            Features = new PackedVector { Bytes = DenseBuffers.ToBytes(_features.AsSpan(0, Count * columns)) },
            Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(_labels.AsSpan(0, Count)) },
            Weights = weighted ? new PackedVector { Bytes = DenseBuffers.ToBytes(_weights.AsSpan(0, Count)) } : PackedVector.Empty,
        };
        Count = 0;
        NextChunkIndex++;
        return chunk;
    }
}
