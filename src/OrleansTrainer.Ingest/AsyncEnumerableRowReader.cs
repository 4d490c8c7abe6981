namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from an <see cref="IAsyncEnumerable{T}"/> of typed .NET rows through a <see cref="RowMapping{T}"/>.
/// Values are checked as from any other source (finite, weights at least 0); errors name the row type, the row and the
/// feature.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class AsyncEnumerableRowReader<T> : IRowReader, IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> _rows;
    private readonly Func<T, double>[] _cells;
    private readonly CheckedRow _row;

    /// <summary>Reads <paramref name="rows"/> through <paramref name="mapping"/>.</summary>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="mapping">The features, the label and the weight; at least one feature.</param>
    /// <param name="sourceName">Names the rows in error messages; the row type's name when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Passed to the enumeration.</param>
    /// <exception cref="ArgumentException">The mapping has no feature.</exception>
    public AsyncEnumerableRowReader(IAsyncEnumerable<T> rows, RowMapping<T> mapping, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mapping);
        FeatureNames = mapping.FeatureNames;
        if (FeatureNames.Count == 0)
        {
            throw new ArgumentException("The row mapping has no features.", nameof(mapping));
        }

        LabelName = mapping.LabelName;
        WeightName = mapping.WeightName;
        _cells = mapping.WeightName is null
            ? [.. mapping.Select(f => f.Value), mapping.Label]
            : [.. mapping.Select(f => f.Value), mapping.Label, mapping.Weight!];
        _row = new CheckedRow(sourceName ?? $"rows of {typeof(T).Name}", FeatureNames, LabelName, WeightName);
        _rows = rows.GetAsyncEnumerator(cancellationToken);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc />
    public string LabelName { get; }

    /// <inheritdoc />
    public string? WeightName { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <inheritdoc />
    public double CurrentLabel => _row.Label;

    /// <inheritdoc />
    public double CurrentWeight => _row.Weight;

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, new RowLocation(RowsRead));
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, new RowLocation(RowsRead));
        return true;
    }

    /// <inheritdoc />
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new DataSourceException(_row.SourceName, null, null, null, "no rows");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _rows.DisposeAsync();

    /// <summary>Moves to the next row and maps it into the checked row.</summary>
    private async ValueTask<bool> FetchAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await _rows.MoveNextAsync())
        {
            return false;
        }

        RowsRead++;
        var row = _rows.Current;
        for (var c = 0; c < _cells.Length; c++)
        {
            _row.Cells[c] = _cells[c](row);
        }

        return true;
    }
}
