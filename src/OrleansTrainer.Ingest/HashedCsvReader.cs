using System.Text;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads CSV text (RFC 4180, with a header) as sparse rows of hashed features: the label and the optional weight
/// columns are read as numbers, and every other column becomes one feature hashed by <see cref="FeatureHasher"/>.
/// </summary>
/// <remarks>
/// <para>
/// A column named in <see cref="HashedCsvOptions.NumericColumns"/> is hashed by its name and contributes its value
/// (a finite number in the invariant culture, within the float32 range) times the sign; any other column is
/// categorical, hashed by name and cell text, and contributes the sign. An empty cell is an absent feature, in either
/// kind of column. Entries that land in the same column of a row are summed, the sums rounded once to float32, and
/// zeros are dropped, so each row holds sorted, distinct indices below 2^<see cref="HashedCsvOptions.Bits"/>.
/// </para>
/// <para>
/// The CSV rules are those of <see cref="CsvDatasetReader"/>: the first record that is not a blank line is the header,
/// quoted fields may hold commas, quotes ("") and line breaks, a blank line between records is refused unless
/// <see cref="HashedCsvOptions.SkipBlankLines"/>, line numbers count every physical line, and every record must have as
/// many fields as the header. Bad input stops the read with a
/// <see cref="CsvFormatException"/> naming the source, the physical line and the field; the reader cannot continue
/// after it. Rows stream from a buffer of 64K characters or more.
/// </para>
/// </remarks>
public sealed class HashedCsvReader : ISparseRowReader, IBlankLineSkipper, IDisposable
{
    private readonly CsvTextBuffer _input;
    private readonly CsvHeader _header;
    private readonly HashedColumn[] _columns;
    private readonly SparseRowAccumulator _row;
    private readonly CsvBlankLines _blankLines;

    private HashedCsvReader(CsvTextBuffer input, CsvHeader header, HashedColumn[] columns, FeatureHasher hasher, string sourceName, bool skipBlankLines)
    {
        _input = input;
        _blankLines = CsvPartPosition.Whole.BlankLines(header, sourceName, skipBlankLines);
        _header = header;
        _columns = columns;
        _row = new SparseRowAccumulator(columns.Length);
        Hasher = hasher;
        SourceName = sourceName;
    }

    /// <inheritdoc />
    public string SourceName { get; }

    /// <summary>The hasher that maps the features to columns, for hashing new rows the same way.</summary>
    public FeatureHasher Hasher { get; }

    /// <inheritdoc />
    public long RowsRead { get; private set; }

    /// <summary>The blank lines between records skipped so far (<see cref="HashedCsvOptions.SkipBlankLines"/>).</summary>
    public long SkippedBlankLines => _blankLines.Skipped;

    /// <inheritdoc />
    public double CurrentLabel { get; private set; }

    /// <inheritdoc />
    public string? WeightName { get; private init; }

    /// <inheritdoc />
    public double CurrentWeight { get; private set; } = 1;

    /// <summary>The number of hashed columns, 2^<see cref="HashedCsvOptions.Bits"/>, fixed from the start.</summary>
    public int Dimension => Hasher.Buckets;

    /// <summary>Opens a CSV file (UTF-8, or the encoding its byte order mark names) and reads its header.</summary>
    /// <param name="path">The file; its name, without the directory, names it in error messages.</param>
    /// <param name="options">The columns' roles and the hashing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="ArgumentException">The options are invalid: see <see cref="OpenAsync(TextReader, string, HashedCsvOptions, CancellationToken)"/>.</exception>
    /// <exception cref="CsvFormatException">The header is invalid: see <see cref="OpenAsync(TextReader, string, HashedCsvOptions, CancellationToken)"/>.</exception>
    public static async Task<HashedCsvReader> OpenAsync(string path, HashedCsvOptions options, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            return await OpenAsync(text, Path.GetFileName(path), options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads and validates the header row of <paramref name="reader"/>.</summary>
    /// <param name="reader">The CSV text. The returned reader owns it and disposes it; it is also disposed if opening fails.</param>
    /// <param name="sourceName">The name of the input used in error messages (usually its file name).</param>
    /// <param name="options">The columns' roles and the hashing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A reader positioned at the first data row.</returns>
    /// <exception cref="ArgumentException">
    /// The label column is empty, the weight column is empty but not null, <see cref="HashedCsvOptions.NumericColumns"/>
    /// is null, or <see cref="HashedCsvOptions.Bits"/> is outside 1 .. 30.
    /// </exception>
    /// <exception cref="CsvFormatException">
    /// The input is empty, or the header is malformed, has an empty or repeated name, lacks the label, the weight or
    /// a numeric column, or gives the label or weight column another role.
    /// </exception>
    public static async Task<HashedCsvReader> OpenAsync(TextReader reader, string sourceName, HashedCsvOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.LabelColumn, "options.LabelColumn");
        if (options.WeightColumn is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(options.WeightColumn, "options.WeightColumn");
        }

        ArgumentNullException.ThrowIfNull(options.NumericColumns, "options.NumericColumns");
        var hasher = new FeatureHasher(options.Bits, options.Seed);
        var input = new CsvTextBuffer(reader, sourceName);
        try
        {
            CsvHeader header = await CsvHeaderReader.ReadAsync(input, sourceName, CsvColumnRoles.Of(options.LabelColumn, options.WeightColumn), cancellationToken).ConfigureAwait(false);
            return new HashedCsvReader(input, header, HashColumns(header, options.NumericColumns, hasher, sourceName), hasher, sourceName, options.SkipBlankLines)
            {
                WeightName = options.WeightColumn,
            };
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="CsvFormatException">
    /// The row has the wrong number of fields, a numeric, label or weight cell that is not a finite number in range,
    /// an empty label or weight, a negative weight, a quoted field that is malformed, or colliding numeric features
    /// whose sum is beyond the float32 range.
    /// </exception>
    public ValueTask<bool> ReadRowAsync(List<int> indices, List<float> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            switch (TryTakeRow(indices, values))
            {
                case CsvRecordOutcome.Record:
                    return ValueTask.FromResult(true);
                case CsvRecordOutcome.EndOfInput:
                    _blankLines.End();
                    indices.Clear();
                    values.Clear();
                    return ValueTask.FromResult(false);
                case CsvRecordOutcome.NeedMoreData:
                    return ReadRowAfterFillAsync(indices, values, cancellationToken);
                case CsvRecordOutcome.BlankLine:
                    continue;
            }
        }
    }

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

    /// <summary>How each header column becomes features; the label's and the weight's entries are unused.</summary>
    private static HashedColumn[] HashColumns(CsvHeader header, IReadOnlyCollection<string> numericColumns, FeatureHasher hasher, string sourceName)
    {
        var columns = new HashedColumn[header.ColumnNames.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = new HashedColumn(FeatureHasher.CategoricalPrefix(header.ColumnNames[i]), 0, 0);
        }

        foreach (string name in numericColumns)
        {
            int i = Array.IndexOf(header.ColumnNames, name);
            if (i < 0 || i == header.LabelIndex || i == header.WeightIndex)
            {
                throw new CsvFormatException(sourceName, header.Line, i < 0 ? null : i + 1, name, i < 0
                    ? $"no numeric column \"{name}\" in the header"
                    : "the label or weight column cannot also be a numeric feature");
            }

            (int index, float sign) = hasher.Hash(name);
            columns[i] = new HashedColumn(null, index, sign);
        }

        return columns;
    }

    private async ValueTask<bool> ReadRowAfterFillAsync(List<int> indices, List<float> values, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _input.FillAsync(cancellationToken).ConfigureAwait(false);
            CsvRecordOutcome outcome;
            do
            {
                outcome = TryTakeRow(indices, values);
            }
            while (outcome == CsvRecordOutcome.BlankLine);

            if (outcome == CsvRecordOutcome.EndOfInput)
            {
                _blankLines.End();
                indices.Clear();
                values.Clear();
            }

            if (outcome != CsvRecordOutcome.NeedMoreData)
            {
                return outcome == CsvRecordOutcome.Record;
            }
        }
    }

    /// <summary>Parses one record from the buffered text, consuming it only if it is complete and valid.</summary>
    private CsvRecordOutcome TryTakeRow(List<int> indices, List<float> values)
    {
        var scanner = new CsvRecordScanner(_input.Pending, _input.IsEndOfInput, _input.NextLine, CsvDialect.Default);
        if (scanner.IsAtEndOfInput)
        {
            return CsvRecordOutcome.EndOfInput;
        }

        int fieldCount = _columns.Length;
        int fieldIndex = 0;
        long extraFieldLine = 0;
        double label = 0;
        double weight = 1;
        var firstBadCell = default(CellFailure);
        CsvField field;
        _row.Clear();
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

            if (fieldIndex < fieldCount)
            {
                CsvCellProblem problem = fieldIndex == _header.LabelIndex ? CsvCellParser.ParseLabel(field.Text, out label)
                    : fieldIndex == _header.WeightIndex ? CsvCellParser.ParseWeight(field.Text, out weight)
                    : TakeFeature(_columns[fieldIndex], field);
                if (problem != CsvCellProblem.None && firstBadCell.Problem == CsvCellProblem.None)
                {
                    firstBadCell = new CellFailure(problem, fieldIndex, field.Line, field.ToValueString());
                }
            }
            else if (fieldIndex == fieldCount)
            {
                extraFieldLine = field.Line;
            }

            fieldIndex++;
        }
        while (!field.EndsRecord);

        if (fieldIndex != fieldCount)
        {
            int column = Math.Min(fieldIndex, fieldCount) + 1;
            long line = fieldIndex < fieldCount ? scanner.Line - 1 : extraFieldLine;
            throw new CsvFormatException(SourceName, line, column, ColumnNameAt(column - 1), $"expected {fieldCount} fields, found {fieldIndex}");
        }

        if (firstBadCell.Problem != CsvCellProblem.None)
        {
            int column = firstBadCell.FieldIndex;
            throw new CsvFormatException(SourceName, firstBadCell.Line, column + 1, ColumnNameAt(column), CsvCellParser.Describe(firstBadCell.Problem, firstBadCell.Text));
        }

        int overflow = _row.MoveTo(indices, values);
        if (overflow >= 0)
        {
            throw new CsvFormatException(SourceName, _input.NextLine, null, null, $"numeric features hashed to column {overflow} sum beyond the float32 range");
        }

        CurrentLabel = label;
        CurrentWeight = weight;
        _input.Consume(scanner.Consumed, scanner.Line);
        RowsRead++;
        return CsvRecordOutcome.Record;
    }

    /// <summary>Adds the feature a cell holds, if any; an empty cell holds none.</summary>
    private CsvCellProblem TakeFeature(HashedColumn column, CsvField field)
    {
        if (column.Prefix is null)
        {
            CsvCellProblem problem = CsvCellParser.ParseFeature(field.Text, out float value);
            if (problem == CsvCellProblem.None)
            {
                _row.Add(column.Index, value * column.Sign);
            }

            return problem == CsvCellProblem.Empty ? CsvCellProblem.None : problem;
        }

        if (!field.Text.IsEmpty)
        {
            (int index, float sign) = field.HasEscapedQuotes ? Hasher.Hash(column.Prefix, field.ToValueString()) : Hasher.Hash(column.Prefix, field.Text);
            _row.Add(index, sign);
        }

        return CsvCellProblem.None;
    }

    private string? ColumnNameAt(int fieldIndex) => fieldIndex < _columns.Length ? _header.ColumnNames[fieldIndex] : null;

    /// <summary>How a column becomes a feature: categorical, hashed with <paramref name="Prefix"/> (its name and '='), or numeric (no prefix), at a fixed index and sign.</summary>
    private readonly record struct HashedColumn(byte[]? Prefix, int Index, float Sign);

    /// <summary>The first cell of a record that failed to parse; reported once the record is known to have the right number of fields.</summary>
    private readonly record struct CellFailure(CsvCellProblem Problem, int FieldIndex, long Line, string Text);
}
