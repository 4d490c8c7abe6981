using System.Collections.ObjectModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from an <see cref="IAsyncEnumerable{T}"/> of typed .NET rows through a <see cref="RowMapping{T}"/>.
/// Values are checked as from any other source (finite, weights at least 0); a null feature goes through the
/// missing-value policy (<see cref="MissingCell"/>: refused, a constant, an indicator; the rows are enumerated once,
/// so mean imputation, which needs a first pass, is refused). Errors name the row type, the row and the feature.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class AsyncEnumerableRowReader<T> : IRowReader, IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> _rows;
    private readonly Func<T, double?>[] _features;
    private readonly Func<T, double> _label;
    private readonly Func<T, double>? _weight;
    private readonly CheckedRow _row;

    /// <summary>Reads <paramref name="rows"/> through <paramref name="mapping"/>.</summary>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="mapping">The features, the label and the weight; at least one feature.</param>
    /// <param name="options">The missing-value policy for null features; null refuses them.</param>
    /// <param name="sourceName">Names the rows in error messages; the row type's name when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Passed to the enumeration.</param>
    /// <exception cref="ArgumentException">The mapping has no feature, or the options are invalid or ask for mean imputation.</exception>
    public AsyncEnumerableRowReader(IAsyncEnumerable<T> rows, RowMapping<T> mapping, MissingValueIngestOptions? options = null, string? sourceName = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.FeatureNames.Count == 0)
        {
            throw new ArgumentException("The row mapping has no features.", nameof(mapping));
        }

        options ??= new MissingValueIngestOptions();
        EncodingPlanner.Validate(options);
        var encoding = EncodingPlanner.PlanNumbers(mapping.FeatureNames, options, "typed rows");
        FeatureNames = new ReadOnlyCollection<string>(encoding.FeatureNames());
        LabelName = mapping.LabelName;
        WeightName = mapping.WeightName;
        _features = [.. mapping.Select(f => f.Value)];
        _label = mapping.Label;
        _weight = mapping.Weight;
        _row = new CheckedRow(sourceName ?? $"rows of {typeof(T).Name}", encoding, LabelName, WeightName);
        _rows = rows.GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>The feature names: the mapping's, each followed by <c>name=&lt;missing&gt;</c> under a missing indicator.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the features are encoded; recorded in the dataset's schema unless plain numeric.</summary>
    public DatasetEncoding Encoding => _row.Encoding;

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
        var cells = _row.Cells;
        for (var c = 0; c < _features.Length; c++)
        {
            cells[c] = _features[c](row) is { } value ? TableCell.Of(value) : TableCell.Null;
        }

        cells[_features.Length] = TableCell.Of(_label(row));
        if (_weight is not null)
        {
            cells[_features.Length + 1] = TableCell.Of(_weight(row));
        }

        return true;
    }
}
