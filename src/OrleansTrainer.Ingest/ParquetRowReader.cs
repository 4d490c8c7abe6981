using System.Collections.ObjectModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;
using Parquet;
using Parquet.Schema;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads dataset rows from a Parquet file, its top-level columns chosen by name: features, the label and optionally an
/// instance weight. Boolean, integer, float, double and decimal columns are read as numbers, UTF-8 string columns
/// (dictionary-encoded or not) as categorical columns, one-hot or hashed, encoded as CSV's are (see
/// <see cref="ParquetColumnLoader"/> and <see cref="Encoding"/>); any may be nullable, a null going through the
/// missing-value policy (<see cref="MissingCell"/>). One-hot vocabularies and column means come from a first pass over
/// the file. Row groups stream one at a time: memory holds one row group of the chosen columns. Bad input stops the
/// read with a <see cref="DataSourceException"/> naming the file, the row group, the row and the column.
/// </summary>
public sealed class ParquetRowReader : IRowReader, IAsyncDisposable
{
    private readonly ParquetReader _file;
    private readonly ParquetColumn[] _columns;
    private readonly CheckedRow _row;
    private readonly int _endGroup;
    private int _nextGroup;
    private long _groupStart;
    private int _groupRows;
    private int _next;

    private ParquetRowReader(ParquetReader file, ParquetColumn[] columns, TableColumns names, DatasetEncoding encoding, string sourceName,
        int firstGroup = 0, int? endGroup = null, long rowsBefore = 0)
    {
        _file = file;
        _nextGroup = firstGroup;
        _endGroup = endGroup ?? file.RowGroupCount;
        _groupStart = rowsBefore;
        _columns = columns;
        _row = new CheckedRow(sourceName, encoding, names.LabelName, names.WeightName);
        FeatureNames = new ReadOnlyCollection<string>(encoding.FeatureNames());
        LabelName = names.LabelName;
        WeightName = names.WeightName;
    }

    /// <summary>The feature names: a numeric column's name (and <c>age=&lt;missing&gt;</c> for its indicator), <c>color=red</c> per one-hot category, <c>color#h17</c> per hashed feature.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the feature columns become the features; recorded in the dataset's schema unless plain numeric.</summary>
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

    /// <summary>Opens the Parquet file at <paramref name="path"/>; errors name it by its file name.</summary>
    /// <inheritdoc cref="OpenAsync(Stream, string, TableIngestOptions, CancellationToken)" path="/exception"/>
    public static Task<ParquetRowReader> OpenAsync(string path, TableIngestOptions options, CancellationToken cancellationToken = default) =>
        OpenAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
            Path.GetFileName(path), options, cancellationToken);

    /// <summary>
    /// Opens Parquet data after checking its footer and the chosen columns' types; when the options need one-hot
    /// vocabularies or column means, first reads those columns over the whole file.
    /// </summary>
    /// <param name="stream">A readable, seekable stream; the returned reader owns it, and it is disposed if opening fails.</param>
    /// <param name="sourceName">Names the file in error messages.</param>
    /// <param name="options">The label, weight, feature and ignored columns, the categorical columns and the missing-value policy.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The options are invalid (a cap below 1, hash bits out of range, a constant that is not finite).</exception>
    /// <exception cref="DataSourceException">
    /// The data is not a readable Parquet file (truncated, say), a named column is missing, a chosen column is nested,
    /// repeated or of a type that is neither numeric nor boolean (a string column not named categorical or hashed, a
    /// date), a categorical column is not a string column, or a mean-imputed column holds no number.
    /// </exception>
    public static async Task<ParquetRowReader> OpenAsync(Stream stream, string sourceName, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        ParquetReader file;
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            EncodingPlanner.Validate(options);
            file = await ReadFooterAsync(stream, sourceName, cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        try
        {
            var (names, kinds, columns) = Columns(file, sourceName, options);
            var profile = options.NeedsFirstPass
                ? await ParquetFirstPass.ReadAsync(file, columns[..kinds.Length], kinds, options.Missing, sourceName, cancellationToken)
                : null;
            return new ParquetRowReader(file, columns, names, EncodingPlanner.Plan(names, options, profile), sourceName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The rows in each row group of the Parquet file at <paramref name="path"/>, from its footer.</summary>
    /// <exception cref="DataSourceException">The file is not a readable Parquet file.</exception>
    public static async Task<long[]> RowGroupRowsAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = await ReadFooterAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), Path.GetFileName(path), cancellationToken);
        var rows = new long[file.RowGroupCount];
        for (var g = 0; g < rows.Length; g++)
        {
            using var group = file.OpenRowGroupReader(g);
            rows[g] = group.RowCount;
        }

        return rows;
    }

    /// <summary>
    /// Opens row groups [<paramref name="firstGroup"/>, <paramref name="endGroup"/>) of a Parquet file for a reader of
    /// that part only (the silos' ingestion): the columns are checked as <see cref="OpenAsync(string, TableIngestOptions, CancellationToken)"/>
    /// checks them, the rows encoded with <paramref name="encoding"/> (decided beforehand over the whole file), and rows
    /// are numbered in errors from <paramref name="rowsBefore"/> + 1.
    /// </summary>
    internal static async Task<ParquetRowReader> OpenPartAsync(string path, TableIngestOptions options, DatasetEncoding encoding,
        int firstGroup, int endGroup, long rowsBefore, CancellationToken cancellationToken)
    {
        var sourceName = Path.GetFileName(path);
        var file = await ReadFooterAsync(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous),
            sourceName, cancellationToken);
        try
        {
            var (names, _, columns) = Columns(file, sourceName, options);
            return new ParquetRowReader(file, columns, names, encoding, sourceName, firstGroup, endGroup, rowsBefore);
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

    /// <summary>Reads the file's footer (its schema and row groups).</summary>
    /// <exception cref="DataSourceException">The data is not a readable Parquet file.</exception>
    private static async Task<ParquetReader> ReadFooterAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(stream, leaveStreamOpen: false, cancellationToken: cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new DataSourceException(sourceName, null, null, null, $"not a readable Parquet file: {error.Message}", error);
        }
    }

    /// <summary>The columns the options choose from the file's schema, each checked and read as categories or as numbers.</summary>
    /// <exception cref="DataSourceException">A named column is missing, or a chosen one cannot be read as it must be.</exception>
    private static (TableColumns Names, ColumnEncodingKind[] Kinds, ParquetColumn[] Columns) Columns(ParquetReader file, string sourceName, TableIngestOptions options)
    {
        var fields = file.Schema.Fields;
        var names = TableColumns.Resolve(sourceName, [.. fields.Select(f => f.Name)], options);
        var kinds = EncodingPlanner.Kinds(names, options);
        return (names, kinds, names.Ordinals.Select((ordinal, cell) => Choose(fields[ordinal], cell < kinds.Length && kinds[cell] != ColumnEncodingKind.Numeric, sourceName)).ToArray());
    }

    /// <summary>The column of <paramref name="field"/>, read as categories or as numbers.</summary>
    /// <exception cref="DataSourceException">The field cannot be read so.</exception>
    private static ParquetColumn Choose(Field field, bool categorical, string sourceName) =>
        ParquetColumnLoader.Refusal(field, categorical) is { } reason
            ? throw new DataSourceException(sourceName, null, null, field.Name, reason)
            : new ParquetColumn((DataField)field, categorical);

    /// <summary>Where row <paramref name="index"/> of the loaded row group is.</summary>
    private RowLocation Location(int index) => new(_groupStart + index + 1, _nextGroup);

    /// <summary>Moves to the next row, loading the next row group when this one is used up, and puts its cells in the checked row.</summary>
    private async ValueTask<bool> FetchAsync(CancellationToken cancellationToken)
    {
        while (_next == _groupRows)
        {
            if (_nextGroup == _endGroup)
            {
                return false;
            }

            _groupStart += _groupRows;
            _groupRows = await ParquetColumn.LoadRowGroupAsync(_file, _nextGroup, _columns, _row.SourceName, cancellationToken);
            _nextGroup++;
            _next = 0;
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            _row.Cells[c] = _columns[c][_next];
        }

        _next++;
        RowsRead++;
        return true;
    }
}
