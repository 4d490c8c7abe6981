namespace OrleansTrainer.Ingest;

/// <summary>
/// Reads CSV records as strings, one at a time, in a <see cref="CsvDialect"/>: blank lines skipped (but counted in
/// line numbers), doubled quotes undone, whitespace around unquoted fields trimmed. For the first pass of an
/// ingestion and for raw rows to predict; the numeric rows of a dataset are read in place by <see cref="CsvDatasetReader"/>.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly CsvTextBuffer _input;
    private readonly CsvDialect _dialect;

    internal CsvRecordReader(CsvTextBuffer input, CsvDialect dialect, string sourceName)
    {
        _input = input;
        _dialect = dialect;
        SourceName = sourceName;
    }

    /// <summary>The name of the input used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The physical line on which the record last read starts.</summary>
    public long Line { get; private set; }

    /// <summary>Opens CSV text; the reader owns <paramref name="reader"/> and disposes it.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">The name of the input used in error messages.</param>
    /// <param name="dialect">The separator and quote.</param>
    public static CsvRecordReader Open(TextReader reader, string sourceName, CsvDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(reader);
        dialect.Validate();
        return new CsvRecordReader(new CsvTextBuffer(reader, sourceName), dialect, sourceName);
    }

    /// <summary>Reads the next record that is not a blank line into <paramref name="fields"/>.</summary>
    /// <returns><see langword="true"/> if a record was read; <see langword="false"/> at the end of the input.</returns>
    /// <exception cref="CsvFormatException">A quoted field is unterminated or followed by text.</exception>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (TryTake(fields))
            {
                case CsvRecordOutcome.Record:
                    return true;
                case CsvRecordOutcome.EndOfInput:
                    return false;
                case CsvRecordOutcome.NeedMoreData:
                    await _input.FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Disposes the underlying reader.</summary>
    public void Dispose() => _input.Dispose();

    private CsvRecordOutcome TryTake(List<string> fields)
    {
        while (true)
        {
            var scanner = new CsvRecordScanner(_input.Pending, _input.IsEndOfInput, _input.NextLine, _dialect);
            if (scanner.IsAtEndOfInput)
            {
                return CsvRecordOutcome.EndOfInput;
            }

            fields.Clear();
            long line = _input.NextLine;
            CsvField field;
            do
            {
                CsvScanStatus status = scanner.Next(out field);
                if (status == CsvScanStatus.NeedMoreData)
                {
                    return CsvRecordOutcome.NeedMoreData;
                }

                if (status != CsvScanStatus.Field)
                {
                    throw CsvScanErrors.Create(status, SourceName, scanner.Line, fields.Count + 1, null);
                }

                fields.Add(field.ToValueString());
            }
            while (!field.EndsRecord);

            _input.Consume(scanner.Consumed, scanner.Line);
            if (!(fields.Count == 1 && field.IsBlankLine))
            {
                Line = line;
                return CsvRecordOutcome.Record;
            }
        }
    }
}
