using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Collects sparse rows bound for one shard until they fill a chunk of about <c>chunkBytes</c>, or of <c>maxRows</c>
/// rows (readers of parts of a file, whose chunk counts must follow from their row counts, fix the rows and not the bytes).
/// </summary>
internal sealed class SparseChunkBuilder(int chunkBytes, bool weighted, int maxRows = int.MaxValue) : IShardChunkBuilder
{
    private const int EntryBytes = sizeof(int) + sizeof(float);
    private const int RowBytes = sizeof(int) + sizeof(double) * 2;
    private readonly List<int> _pointers = [0];
    private readonly List<int> _indices = [];
    private readonly List<float> _values = [];
    private readonly List<double> _labels = [];
    private readonly List<double> _weights = [];
    private int _maxColumn = -1;

    /// <summary>Rows collected.</summary>
    public int Count => _labels.Count;

    /// <summary>Whether the chunk has reached its size.</summary>
    public bool IsFull => _labels.Count >= maxRows || (long)_indices.Count * EntryBytes + (long)_labels.Count * RowBytes >= chunkBytes;

    /// <summary>Chunks already taken from this builder: the index of the next one.</summary>
    public int NextChunkIndex { get; private set; }

    /// <summary>Adds a row; <paramref name="weight"/> is kept only when the builder is weighted.</summary>
    public void Add(List<int> indices, List<float> values, double label, double weight)
    {
        _indices.AddRange(indices);
        _values.AddRange(values);
        _pointers.Add(_indices.Count);
        if (indices.Count > 0)
        {
            _maxColumn = Math.Max(_maxColumn, indices[^1]);
        }

        _labels.Add(label);
        if (weighted)
        {
            _weights.Add(weight);
        }
    }

    /// <summary>Takes the collected rows as a chunk and starts a new one.</summary>
    public ShardChunk Take()
    {
        var chunk = new ShardChunk
        {
            Rows = _labels.Count,
            Columns = _maxColumn + 1,
            FeatureType = FeatureType.SparseFloat32,
            RowPointers = new PackedVector { Bytes = DenseBuffers.ToBytes(_pointers.ToArray()) },
            Indices = new PackedVector { Bytes = DenseBuffers.ToBytes(_indices.ToArray()) },
            Features = new PackedVector { Bytes = DenseBuffers.ToBytes(_values.ToArray()) },
            Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(_labels.ToArray()) },
            Weights = weighted ? new PackedVector { Bytes = DenseBuffers.ToBytes(_weights.ToArray()) } : PackedVector.Empty,
        };
        _pointers.RemoveRange(1, _pointers.Count - 1);
        _indices.Clear();
        _values.Clear();
        _labels.Clear();
        _weights.Clear();
        _maxColumn = -1;
        NextChunkIndex++;
        return chunk;
    }
}
