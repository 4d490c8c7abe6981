namespace OrleansTrainer.Ingest;

/// <summary>
/// Sparse rows already in memory, in compressed sparse row (CSR) form: row i holds the entries
/// <c>rowPointers[i] .. rowPointers[i+1]-1</c> of the index and value arrays. Every value is checked when the reader
/// is created; explicit zeros are allowed there and dropped when rows are read.
/// </summary>
public sealed class InMemorySparseRowReader : ISparseRowReader
{
    private readonly long[] _rowPointers;
    private readonly int[] _indices;
    private readonly float[] _values;
    private readonly double[] _labels;
    private readonly double[]? _weights;

    /// <summary>Wraps CSR rows with 64-bit row pointers, checking every value.</summary>
    /// <param name="dimension">The number of feature columns; at least 1.</param>
    /// <param name="rowPointers">labels.Length + 1 offsets: 0 first, never decreasing, indices.Length last.</param>
    /// <param name="indices">The 0-based column indices: in [0, <paramref name="dimension"/>), strictly increasing within each row.</param>
    /// <param name="values">One finite value per index.</param>
    /// <param name="labels">One finite label per row.</param>
    /// <param name="weights">One finite weight ≥ 0 per row, or <see langword="null"/> when each row weighs 1.</param>
    /// <exception cref="ArgumentException">The arrays disagree in length or a value breaks the rules above (the message names its row).</exception>
    public InMemorySparseRowReader(int dimension, long[] rowPointers, int[] indices, float[] values, double[] labels, double[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rowPointers.Length != labels.Length + 1)
        {
            throw new ArgumentException($"{rowPointers.Length} row pointers do not delimit {labels.Length} rows (expected {labels.Length + 1}).", nameof(rowPointers));
        }

        if (values.Length != indices.Length)
        {
            throw new ArgumentException($"{values.Length} values do not match {indices.Length} indices.", nameof(values));
        }

        if (rowPointers[0] != 0 || rowPointers[^1] != indices.Length)
        {
            throw new ArgumentException($"Row pointers must run from 0 to {indices.Length} (the number of entries), not from {rowPointers[0]} to {rowPointers[^1]}.", nameof(rowPointers));
        }

        for (int row = 0; row < labels.Length; row++)
        {
            CheckRow(row, dimension, rowPointers, indices, values);
            if (!double.IsFinite(labels[row]))
            {
                throw new ArgumentException($"Row {row}: the label is {labels[row]}; labels must be finite.", nameof(labels));
            }
        }

        CheckWeights(weights, labels.Length);
        Dimension = dimension;
        _rowPointers = rowPointers;
        _indices = indices;
        _values = values;
        _labels = labels;
        _weights = weights;
    }

    /// <summary>Wraps CSR rows with 32-bit row pointers, checking every value; see the other constructor for the rules.</summary>
    /// <param name="dimension">The number of feature columns; at least 1.</param>
    /// <param name="rowPointers">labels.Length + 1 offsets: 0 first, never decreasing, indices.Length last.</param>
    /// <param name="indices">The 0-based column indices: in [0, <paramref name="dimension"/>), strictly increasing within each row.</param>
    /// <param name="values">One finite value per index.</param>
    /// <param name="labels">One finite label per row.</param>
    /// <param name="weights">One finite weight ≥ 0 per row, or <see langword="null"/> when each row weighs 1.</param>
    /// <exception cref="ArgumentException">The arrays disagree in length or a value breaks the rules (the message names its row).</exception>
    public InMemorySparseRowReader(int dimension, int[] rowPointers, int[] indices, float[] values, double[] labels, double[]? weights = null)
        : this(dimension, Widen(rowPointers), indices, values, labels, weights)
    {
    }

    /// <summary>Always "memory".</summary>
    public string SourceName => "memory";

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <summary><c>"weight"</c> when the rows were given weights, else <see langword="null"/>.</summary>
    public string? WeightName => _weights is null ? null : "weight";

    /// <inheritdoc />
    public double CurrentWeight { get; private set; } = 1;

    /// <summary>The number of feature columns, as given.</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    /// <param name="indices">Receives the row's column indices.</param>
    /// <param name="values">Receives the row's values, one per index.</param>
    /// <param name="cancellationToken">Not used: the rows are in memory.</param>
    public ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        indices.Clear();
        values.Clear();
        if (RowsRead == _labels.Length)
        {
            return ValueTask.FromResult(false);
        }

        int row = (int)RowsRead;
        for (long k = _rowPointers[row]; k < _rowPointers[row + 1]; k++)
        {
            if (_values[k] != 0)
            {
                indices.Add(_indices[k]);
                values.Add(_values[k]);
            }
        }

        CurrentLabel = _labels[row];
        CurrentWeight = _weights is null ? 1 : _weights[row];
        RowsRead++;
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">There are no rows.</exception>
    public void EnsureHasRows()
    {
        if (_labels.Length == 0)
        {
            throw new ArgumentException("No rows to ingest.");
        }
    }

    private static long[] Widen(int[] rowPointers)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        return Array.ConvertAll(rowPointers, pointer => (long)pointer);
    }

    private static void CheckRow(int row, int dimension, long[] rowPointers, int[] indices, float[] values)
    {
        long start = rowPointers[row];
        long end = rowPointers[row + 1];
        if (end < start || end > indices.Length)
        {
            throw new ArgumentException($"Row {row}: row pointers {start} .. {end} do not delimit entries of the {indices.Length} given.", nameof(rowPointers));
        }

        int previous = -1;
        for (long k = start; k < end; k++)
        {
            int index = indices[k];
            if (index < 0 || index >= dimension)
            {
                throw new ArgumentException($"Row {row}: index {index} is outside [0, {dimension}).", nameof(indices));
            }

            if (index <= previous)
            {
                throw new ArgumentException($"Row {row}: index {index} follows {previous}; indices must strictly increase within a row.", nameof(indices));
            }

            if (!float.IsFinite(values[k]))
            {
                throw new ArgumentException($"Row {row}, index {index}: the value is {values[k]}; values must be finite.", nameof(values));
            }

            previous = index;
        }
    }

    private static void CheckWeights(double[]? weights, int rows)
    {
        if (weights is null)
        {
            return;
        }

        if (weights.Length != rows)
        {
            throw new ArgumentException($"{weights.Length} weights do not match {rows} rows.", nameof(weights));
        }

        for (int row = 0; row < rows; row++)
        {
            if (!double.IsFinite(weights[row]) || weights[row] < 0)
            {
                throw new ArgumentException($"Row {row}: the weight is {weights[row]}; weights must be finite numbers >= 0.", nameof(weights));
            }
        }
    }
}
