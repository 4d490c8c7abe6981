using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Assembles a shard's sparse rows from its decoded chunks, in chunk order, into one CSR matrix.</summary>
internal sealed class SparseRowsBuilder(long rows, bool weighted)
{
    private readonly long[] _pointers = new long[rows + 1];
    private readonly List<int> _indices = [];
    private readonly List<float> _values = [];
    private readonly double[] _labels = new double[rows];
    private readonly double[] _weights = weighted ? new double[rows] : [];
    private int _rows;

    /// <summary>Whether the rows carry instance weights.</summary>
    public bool Weighted => weighted;

    /// <summary>Appends a chunk's rows (its offsets start at 0).</summary>
    public void Append(ReadOnlySpan<int> pointers, ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        var baseOffset = _pointers[_rows];
        for (var r = 0; r < labels.Length; r++)
        {
            _pointers[_rows + r + 1] = baseOffset + pointers[r + 1];
        }

        _indices.AddRange(indices);
        _values.AddRange(values);
        labels.CopyTo(_labels.AsSpan(_rows));
        weights.CopyTo(_weights.AsSpan(weighted ? _rows : 0));
        _rows += labels.Length;
    }

    /// <summary>The rows as one CSR matrix of <paramref name="columns"/> columns.</summary>
    public ShardRows Build(int columns)
    {
        if (_rows != _labels.Length)
        {
            throw new InvalidOperationException($"Expected {_labels.Length} rows, assembled {_rows}.");
        }

        var matrix = new CsrMatrix(_rows, columns, _pointers, [.. _indices], [.. _values]);
        return new ShardRows(matrix, _labels, _weights);
    }
}
