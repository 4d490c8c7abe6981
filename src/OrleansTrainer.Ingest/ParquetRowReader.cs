using Parquet;
using Parquet.Schema;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from a Parquet file, its top-level columns chosen by name: features, the label and optionally an
/// instance weight. Boolean, integer, float, double and decimal columns are read (see <see cref="ParquetColumnLoader"/>),
/// required or nullable; a null goes to <see cref="MissingCell"/>. Row groups stream one at a time: memory holds one
/// row group of the chosen columns, as float64. Bad input stops the read with a <see cref="DataSourceException"/>
/// naming the file, the row group, the row and the column.
/// </summary>
public sealed class ParquetRowReader : IRowReader, IAsyncDisposable
{
    private readonly ParquetReader _file;
    private readonly DataField[] _fields;
    private readonly CheckedRow _row;
    private readonly double[][] _columns;
    private int _nextGroup;
    private long _groupStart;
    private int _groupRows;
    private int _next;

    private ParquetRowReader(ParquetReader file, DataField[] fields, TableColumns columns, string sourceName)
    {
        _file = file;
        _fields = fields;
        _row = new CheckedRow(sourceName, columns.FeatureNames, columns.LabelName, columns.WeightName);
        _columns = [.. fields.Select(_ => Array.Empty<double>())];
        FeatureNames = columns.FeatureNames;
        LabelName = columns.LabelName;
        WeightName = columns.WeightName;
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

    /// <summary>Opens the Parquet file at <paramref name="path"/>; errors name it by its file name.</summary>
    /// <inheritdoc cref="OpenAsync(Stream, string, TableIngestOptions, CancellationToken)" path="/exception"/>
    public static Task<ParquetRowReader> OpenAsync(string path, TableIngestOptions options, CancellationToken cancellationToken = default) =>
        OpenAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
            Path.GetFileName(path), options, cancellationToken);

    /// <summary>Opens Parquet data after checking its footer and the chosen columns' types.</summary>
    /// <param name="stream">A readable, seekable stream; the returned reader owns it, and it is disposed if opening fails.</param>
    /// <param name="sourceName">Names the file in error messages.</param>
    /// <param name="options">The label, weight and feature columns.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DataSourceException">
    /// The data is not a readable Parquet file (truncated, say), a named column is missing, or a chosen column is a
    /// string, nested, repeated or of another type that is neither numeric nor boolean.
    /// </exception>
    public static async Task<ParquetRowReader> OpenAsync(Stream stream, string sourceName, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ParquetReader file;
        try
        {
            file = await ParquetReader.CreateAsync(stream, leaveStreamOpen: false, cancellationToken: cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await stream.DisposeAsync();
            throw new DataSourceException(sourceName, null, null, null, $"not a readable Parquet file: {error.Message}", error);
        }

        try
        {
            var fields = file.Schema.Fields;
            var columns = TableColumns.Resolve(sourceName, [.. fields.Select(f => f.Name)], options);
            var chosen = columns.Ordinals.Select(i => fields[i]).ToArray();
            foreach (var field in chosen)
            {
                if (ParquetColumnLoader.Refusal(field) is { } reason)
                {
                    throw new DataSourceException(sourceName, null, null, field.Name, reason);
                }
            }

            return new ParquetRowReader(file, [.. chosen.Cast<DataField>()], columns, sourceName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, Location(_next - 1));
        return true;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken)
    {
        if (!await FetchAsync(cancellationToken))
        {
            return false;
        }

        _row.Deliver(features.Span, Location(_next - 1));
        return true;
    }

    /// <inheritdoc />
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new DataSourceException(_row.SourceName, null, null, null, "the file has no rows");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _file.DisposeAsync();

    /// <summary>Where row <paramref name="index"/> of the loaded row group is.</summary>
    private RowLocation Location(int index) => new(_groupStart + index + 1, _nextGroup);

    /// <summary>Moves to the next row, loading the next row group when this one is used up, and puts its cells in the checked row.</summary>
    private async ValueTask<bool> FetchAsync(CancellationToken cancellationToken)
    {
        while (_next == _groupRows)
        {
            if (_nextGroup == _file.RowGroupCount)
            {
                return false;
            }

            await LoadRowGroupAsync(cancellationToken);
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            _row.Cells[c] = _columns[c][_next];
        }

        _next++;
        RowsRead++;
        return true;
    }

    /// <summary>Reads the chosen columns of the next row group into the float64 column buffers.</summary>
    private async ValueTask LoadRowGroupAsync(CancellationToken cancellationToken)
    {
        _groupStart += _groupRows;
        using var group = _file.OpenRowGroupReader(_nextGroup);
        _nextGroup++;
        if (group.RowCount > Array.MaxLength)
        {
            throw new DataSourceException(_row.SourceName, _nextGroup, null, null, $"{group.RowCount} rows in one row group are more than are read at once");
        }

        var rows = (int)group.RowCount;
        for (var c = 0; c < _fields.Length; c++)
        {
            if (_columns[c].Length < rows)
            {
                _columns[c] = new double[rows];
            }

            var cell = c;
            try
            {
                await ParquetColumnLoader.LoadAsync(group, _fields[c], _columns[c], rows, i => MissingCell.Resolve(_row, Location(i), cell), cancellationToken);
            }
            catch (Exception error) when (error is not (OperationCanceledException or DataSourceException))
            {
                throw new DataSourceException(_row.SourceName, _nextGroup, null, _fields[c].Name, $"cannot read the column: {error.Message}", error);
            }
        }

        _groupRows = rows;
        _next = 0;
    }
}
