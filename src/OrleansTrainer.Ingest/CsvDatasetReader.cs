using System.Collections.ObjectModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest.Encoders;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads a numeric dataset from CSV text (RFC 4180) one row at a time, validating as it goes: features become
/// float32 or float64 (whichever <c>ReadRowAsync</c> overload the caller uses), the label and the optional instance
/// weight float64, and any bad input stops the read with a <see cref="CsvFormatException"/> that names the source,
/// the physical line and the field.
/// </summary>
/// <remarks>
/// <para>
/// The first record that is not a blank line is the header (or <see cref="CsvIngestOptions.ColumnNames"/> name the
/// columns of a file without one); it must name every column once, the label among them, and the weight column too
/// when one is asked for. Every other column not ignored is a feature column, encoded as its
/// <see cref="ColumnEncoding"/> says (<see cref="Encoding"/>): a number, one-hot categories, or hashed categories,
/// with empty cells refused or imputed. Fields are separated by the dialect's delimiter (a comma by default) and may be
/// enclosed in its quotes (doubled inside them); whitespace around a field is ignored; lines end with \n or \r\n; a NUL
/// character is refused. Blank lines before the first record and after the last are skipped; a blank line between
/// records is refused unless <see cref="CsvIngestOptions.SkipBlankLines"/>, which skips and counts it. Line numbers
/// count every physical line.
/// </para>
/// <para>
/// Every numeric cell must hold a finite number in the invariant culture ("1.5", "-2e-3"; a decimal comma, "3,5", is
/// refused by name); NaN, infinities, empty cells (unless imputed), numbers too large for float64, features too large
/// for float32 when read as float32, negative weights and unknown categories of a column without an other bucket are
/// refused, as are rows with the wrong number of fields. After the last row, call <see cref="EnsureHasRows"/> to
/// refuse an input that has a header but no rows.
/// </para>
/// <para>
/// Rows are parsed in place from a buffer of 64K characters or more: reading one allocates nothing, except for an
/// occasional refill of the buffer that completes asynchronously. Each row is parsed by the overload that reads it,
/// so a reader may be read as float32 and as float64; a caller normally keeps to one. The reader is not thread-safe.
/// </para>
/// </remarks>
public sealed class CsvDatasetReader : IRowReader, IBlankLineSkipper, IDisposable
{
    private readonly CsvTextBuffer _input;
    private readonly CsvHeader _header;
    private readonly int _fieldCount;
    private readonly RowEncoder _encoder;
    private readonly CsvDialect _dialect;
    private readonly bool _singleLineRecords;
    private readonly CsvBlankLines _blankLines;

    private CsvDatasetReader(CsvTextBuffer input, CsvHeader header, DatasetEncoding encoding, CsvDialect dialect, string sourceName, CsvBlankLines blankLines,
        bool singleLineRecords = false)
    {
        _singleLineRecords = singleLineRecords;
        _blankLines = blankLines;
        _input = input;
        _header = header;
        _fieldCount = header.ColumnNames.Length;
        _encoder = new RowEncoder(encoding);
        _dialect = dialect;
        SourceName = sourceName;
        FeatureNames = new ReadOnlyCollection<string>(encoding.FeatureNames());
    }

    /// <summary>
    /// The feature names in column order, the label, the weight and ignored columns left out: a numeric column's name
    /// (and <c>age=&lt;missing&gt;</c> for its indicator), <c>color=red</c> per one-hot category, <c>color#h17</c> per hashed feature.
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the source columns become the features.</summary>
    public DatasetEncoding Encoding => _encoder.Encoding;

    /// <summary>The label column's name.</summary>
    public string LabelName => _header.ColumnNames[_header.LabelIndex];

    /// <summary>The weight column's name, or <see langword="null"/> when the reader was opened without one.</summary>
    public string? WeightName => _header.WeightIndex < 0 ? null : _header.ColumnNames[_header.WeightIndex];

    /// <summary>The name of the input used in error messages (usually its file name).</summary>
    public string SourceName { get; }

    /// <summary>The physical lines consumed so far: the header, the rows, the blank lines, and the extra lines of quoted fields that span lines.</summary>
    public long LinesRead => _input.NextLine - 1;

    /// <summary>The data rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The blank lines between records skipped so far (<see cref="CsvIngestOptions.SkipBlankLines"/>); blank lines before the first record and after the last are not counted.</summary>
    public long SkippedBlankLines => _blankLines.Skipped;

    /// <summary>The label of the row last read by <c>ReadRowAsync</c>.</summary>
    public double CurrentLabel { get; private set; }

    /// <summary>
    /// The weight of the row last read by <c>ReadRowAsync</c>: finite and at least 0; 1 when
    /// <see cref="WeightName"/> is <see langword="null"/>.
    /// </summary>
    public double CurrentWeight { get; private set; } = 1;

    /// <summary>The physical line on which the row last read by <c>ReadRowAsync</c> starts, for callers that validate it further.</summary>
    public long CurrentLine { get; private set; }

    /// <summary>Reads and validates the header row of <paramref name="reader"/>, for rows without instance weights.</summary>
    /// <param name="reader">The CSV text. The returned reader owns it and disposes it; it is also disposed if opening fails.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="labelColumn">The header name of the label column (compared ordinally).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="CsvFormatException">The input is empty, or the header is malformed, has an empty or repeated name, or lacks <paramref name="labelColumn"/>.</exception>
    public static Task<CsvDatasetReader> OpenAsync(TextReader reader, string sourceName, string labelColumn, CancellationToken cancellationToken) =>
        OpenAsync(reader, sourceName, labelColumn, weightColumn: null, cancellationToken);

    /// <summary>Reads and validates the header row of <paramref name="reader"/>.</summary>
    /// <param name="reader">The CSV text. The returned reader owns it and disposes it; it is also disposed if opening fails.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="labelColumn">The header name of the label column (compared ordinally).</param>
    /// <param name="weightColumn">
    /// The header name of the instance-weight column (compared ordinally), which is then neither a feature nor the
    /// label; <see langword="null"/> when rows carry no weight and each weighs 1.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="ArgumentException"><paramref name="labelColumn"/> or <paramref name="weightColumn"/> is empty.</exception>
    /// <exception cref="CsvFormatException">
    /// The input is empty, or the header is malformed, has an empty or repeated name, lacks <paramref name="labelColumn"/>
    /// or <paramref name="weightColumn"/>, or names the label as the weight column.
    /// </exception>
    public static Task<CsvDatasetReader> OpenAsync(
        TextReader reader, string sourceName, string labelColumn, string? weightColumn = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        if (weightColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(weightColumn);
        }

        return OpenAsync(reader, sourceName, new CsvIngestOptions { LabelColumn = labelColumn, WeightColumn = weightColumn }, cancellationToken);
    }

    /// <summary>Reads and validates the header row of <paramref name="reader"/>, for options that need no first pass over the file.</summary>
    /// <param name="reader">The CSV text. The returned reader owns it and disposes it; it is also disposed if opening fails.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="options">The columns' roles, the dialect and the encoding.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="ArgumentException">
    /// The options are invalid, or need a first pass (<see cref="ColumnIngestOptions.NeedsFirstPass"/>): use
    /// <see cref="OpenAsync(Func{TextReader}, string, CsvIngestOptions, CancellationToken)"/>.
    /// </exception>
    /// <exception cref="CsvFormatException">The input is empty, or the header is invalid or lacks a column the options name.</exception>
    public static Task<CsvDatasetReader> OpenAsync(TextReader reader, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        if (options.NeedsFirstPass)
        {
            reader.Dispose();
            throw new ArgumentException("One-hot columns and mean imputation need a first pass over the file: open it from a function that opens the text anew.", nameof(options));
        }

        return OpenAsync(() => reader, sourceName, options, cancellationToken);
    }

    /// <summary>
    /// Reads and validates the header of the text <paramref name="open"/> returns; when the options need one-hot
    /// vocabularies or column means, first reads the whole text once for them (<paramref name="open"/> is then called
    /// twice, and must return the same text).
    /// </summary>
    /// <param name="open">Opens the CSV text. The returned reader owns the last text opened and disposes it; the first is disposed after its pass.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="options">The columns' roles, the dialect and the encoding.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="CsvFormatException">
    /// The input is empty, or the header is invalid or lacks a column the options name (the message suggests the
    /// nearest name), or a mean-imputed column holds no number.
    /// </exception>
    public static async Task<CsvDatasetReader> OpenAsync(Func<TextReader> open, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.LabelColumn, "options.LabelColumn");
        EncodingPlanner.Validate(options);
        options.Dialect.Validate();
        var roles = CsvColumnRoles.Of(options);
        ColumnProfile? profile = null;
        if (options.NeedsFirstPass)
        {
            using var first = new CsvTextBuffer(open(), sourceName);
            CsvHeader firstHeader = await CsvHeaderReader.ReadAsync(first, sourceName, roles, cancellationToken).ConfigureAwait(false);
            profile = await CsvFirstPass.ReadAsync(first, firstHeader, options.Dialect, new ColumnProfile(EncodingPlanner.Kinds(firstHeader, options), options.Missing),
                sourceName, cancellationToken).ConfigureAwait(false);
        }

        var input = new CsvTextBuffer(open(), sourceName);
        try
        {
            CsvHeader header = await CsvHeaderReader.ReadAsync(input, sourceName, roles, cancellationToken).ConfigureAwait(false);
            return new CsvDatasetReader(input, header, EncodingPlanner.Plan(header, options, profile), options.Dialect, sourceName,
                CsvPartPosition.Whole.BlankLines(header, sourceName, options.SkipBlankLines));
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens one part of a CSV file split at line breaks (<see cref="FileParts"/>), for a reader that reads the part
    /// only: the header comes from <paramref name="openHead"/> (the file from its start) unless the part is the file's
    /// first or the options name the columns; the rows are encoded with <paramref name="encoding"/>, decided beforehand
    /// over the whole file, and a quoted field spanning lines is refused (every record must be one line).
    /// </summary>
    /// <param name="part">The part's text; owned by the returned reader.</param>
    /// <param name="position">The line on which the part starts, and whether the file holds records before and after it (for the blank-line rule).</param>
    /// <param name="openHead">Opens the file from its start, to read the header when the part starts past it.</param>
    /// <param name="sourceName">The input's name in error messages.</param>
    /// <param name="options">The same options the whole file is read with.</param>
    /// <param name="encoding">The encoding of the whole file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CsvFormatException">The header is invalid or lacks a column the options name.</exception>
    internal static async Task<CsvDatasetReader> OpenPartAsync(TextReader part, CsvPartPosition position, Func<TextReader> openHead, string sourceName,
        CsvIngestOptions options, DatasetEncoding encoding, CancellationToken cancellationToken)
    {
        var roles = CsvColumnRoles.Of(options);
        var input = new CsvTextBuffer(part, sourceName, position.FirstLine);
        try
        {
            CsvHeader header;
            if (position.FirstLine == 1 || options.ColumnNames is not null)
            {
                header = await CsvHeaderReader.ReadAsync(input, sourceName, roles, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var head = new CsvTextBuffer(openHead(), sourceName);
                header = await CsvHeaderReader.ReadAsync(head, sourceName, roles, cancellationToken).ConfigureAwait(false);
            }

            return new CsvDatasetReader(input, header, encoding, options.Dialect, sourceName, position.BlankLines(header, sourceName, options.SkipBlankLines),
                singleLineRecords: true);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next data row: its features into <paramref name="features"/> (in <see cref="FeatureNames"/> order),
    /// its label into <see cref="CurrentLabel"/> and its weight into <see cref="CurrentWeight"/>.
    /// </summary>
    /// <param name="features">Receives the features; its length must be <see cref="FeatureNames"/>.Count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> at the end of the input.</returns>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have room for exactly <see cref="FeatureNames"/>.Count values.</exception>
    /// <exception cref="CsvFormatException">
    /// The row has the wrong number of fields, a cell that is empty, not a number, NaN or infinite, a feature outside
    /// the float32 range, a label or weight outside the float64 range, a negative weight, or a quoted field that is
    /// malformed. On this exception <paramref name="features"/> holds partial values and the reader cannot continue.
    /// </exception>
    public ValueTask<bool> ReadRowAsync(Memory<float> features, CancellationToken cancellationToken) => ReadRowCoreAsync(features, cancellationToken);

    /// <summary>
    /// Reads the next data row like <see cref="ReadRowAsync(Memory{float}, CancellationToken)"/>, but with its features
    /// parsed as float64 at full precision ("0.1" gives the double nearest 0.1) and held to the float64 range only.
    /// </summary>
    /// <param name="features">Receives the features; its length must be <see cref="FeatureNames"/>.Count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> if a row was read; <see langword="false"/> at the end of the input.</returns>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not have room for exactly <see cref="FeatureNames"/>.Count values.</exception>
    /// <exception cref="CsvFormatException">
    /// The row has the wrong number of fields, a cell that is empty, not a number, NaN or infinite, a value outside
    /// the float64 range, a negative weight, or a quoted field that is malformed. On this exception
    /// <paramref name="features"/> holds partial values and the reader cannot continue.
    /// </exception>
    public ValueTask<bool> ReadRowAsync(Memory<double> features, CancellationToken cancellationToken) => ReadRowCoreAsync(features, cancellationToken);

    /// <summary>Refuses an input without data rows; call it once <c>ReadRowAsync</c> has returned <see langword="false"/>.</summary>
    /// <exception cref="CsvFormatException">No data row was read; the exception names the line after the header.</exception>
    public void EnsureHasRows()
    {
        if (RowsRead == 0)
        {
            throw new CsvFormatException(SourceName, _header.Line + 1, null, null, "no data rows after the header");
        }
    }

    /// <summary>Disposes the underlying <see cref="TextReader"/>.</summary>
    public void Dispose() => _input.Dispose();

    /// <summary>The shared body of both <c>ReadRowAsync</c> overloads; <typeparamref name="T"/> is float or double.</summary>
    private ValueTask<bool> ReadRowCoreAsync<T>(Memory<T> features, CancellationToken cancellationToken)
        where T : unmanaged
    {
        if (features.Length != FeatureNames.Count)
        {
            throw new ArgumentException($"expected room for exactly {FeatureNames.Count} features, got {features.Length}", nameof(features));
        }

        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            switch (TryTakeRow(features.Span))
            {
                case CsvRecordOutcome.Record:
                    return ValueTask.FromResult(true);
                case CsvRecordOutcome.EndOfInput:
                    _blankLines.End();
                    return ValueTask.FromResult(false);
                case CsvRecordOutcome.NeedMoreData:
                    return ReadRowAfterFillAsync(features, cancellationToken);
                case CsvRecordOutcome.BlankLine:
                    continue;
            }
        }
    }

    private async ValueTask<bool> ReadRowAfterFillAsync<T>(Memory<T> features, CancellationToken cancellationToken)
        where T : unmanaged
    {
        while (true)
        {
            await _input.FillAsync(cancellationToken).ConfigureAwait(false);
            CsvRecordOutcome outcome;
            do
            {
                outcome = TryTakeRow(features.Span);
            }
            while (outcome == CsvRecordOutcome.BlankLine);

            if (outcome == CsvRecordOutcome.EndOfInput)
            {
                _blankLines.End();
            }

            if (outcome != CsvRecordOutcome.NeedMoreData)
            {
                return outcome == CsvRecordOutcome.Record;
            }
        }
    }

    /// <summary>Parses one record from the buffered text, consuming it only if it is complete and valid.</summary>
    private CsvRecordOutcome TryTakeRow<T>(Span<T> features)
        where T : unmanaged
    {
        var scanner = new CsvRecordScanner(_input.Pending, _input.IsEndOfInput, _input.NextLine, _dialect, _singleLineRecords);
        if (scanner.IsAtEndOfInput)
        {
            return CsvRecordOutcome.EndOfInput;
        }

        int[] featureSlots = _header.FeatureSlots;
        int labelIndex = _header.LabelIndex;
        int fieldIndex = 0;
        long extraFieldLine = 0;
        double label = 0;
        double weight = 1;
        var firstBadCell = default(CellFailure);
        CsvField field;
        do
        {
            CsvScanStatus status = scanner.Next(out field);
            if (status != CsvScanStatus.Field)
            {
                return status == CsvScanStatus.NeedMoreData
                    ? CsvRecordOutcome.NeedMoreData
                    : throw CsvScanErrors.Create(status, SourceName, scanner.Line, fieldIndex + 1, ColumnNameAt(fieldIndex));
            }

            if (fieldIndex == 0)
            {
                if (field.IsBlankLine)
                {
                    _blankLines.Blank(field.Line);
                    _input.Consume(scanner.Consumed, scanner.Line);
                    return CsvRecordOutcome.BlankLine;
                }

                _blankLines.Record();
            }

            if (fieldIndex < _fieldCount)
            {
                int slot = featureSlots[fieldIndex];
                CsvCellProblem problem = slot >= 0 ? _encoder.Encode(slot, field.HasEscapedQuotes ? field.ToValueString() : field.Text, features)
                    : fieldIndex == labelIndex ? CsvCellParser.ParseLabel(field.Text, out label)
                    : fieldIndex == _header.WeightIndex ? CsvCellParser.ParseWeight(field.Text, out weight)
                    : CsvCellProblem.None;
                if (problem != CsvCellProblem.None && firstBadCell.Problem == CsvCellProblem.None)
                {
                    firstBadCell = new CellFailure(problem, fieldIndex, field.Line, field.ToValueString());
                }
            }
            else if (fieldIndex == _fieldCount)
            {
                extraFieldLine = field.Line;
            }

            fieldIndex++;
        }
        while (!field.EndsRecord);

        if (fieldIndex != _fieldCount)
        {
            throw FieldCountError(fieldIndex, fieldIndex < _fieldCount ? scanner.Line - 1 : extraFieldLine);
        }

        if (firstBadCell.Problem != CsvCellProblem.None)
        {
            int column = firstBadCell.FieldIndex;
            throw new CsvFormatException(SourceName, firstBadCell.Line, column + 1, ColumnNameAt(column), CsvCellParser.Describe(firstBadCell.Problem, firstBadCell.Text));
        }

        CurrentLabel = label;
        CurrentWeight = weight;
        CurrentLine = _input.NextLine;
        _input.Consume(scanner.Consumed, scanner.Line);
        RowsRead++;
        return CsvRecordOutcome.Record;
    }

    private CsvFormatException FieldCountError(int found, long line)
    {
        int column = Math.Min(found, _fieldCount) + 1;
        return new CsvFormatException(SourceName, line, column, ColumnNameAt(column - 1), $"expected {_fieldCount} fields, found {found}");
    }

    private string? ColumnNameAt(int fieldIndex) => fieldIndex < _fieldCount ? _header.ColumnNames[fieldIndex] : null;

    /// <summary>The first cell of a record that failed to parse; reported once the record is known to have the right number of fields.</summary>
    private readonly record struct CellFailure(CsvCellProblem Problem, int FieldIndex, long Line, string Text);
}
