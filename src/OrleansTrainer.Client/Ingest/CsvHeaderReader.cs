namespace OrleansTrainer.Client.Ingest;

/// <summary>Reads and validates the header row, the first record that is not a blank line.</summary>
internal static class CsvHeaderReader
{
    private const char ByteOrderMark = '\uFEFF';

    /// <exception cref="CsvFormatException">There is no header row, or it is malformed or invalid (see <see cref="CsvHeader.Create"/>).</exception>
    public static async Task<CsvHeader> ReadAsync(CsvTextBuffer input, string sourceName, string labelColumn, string? weightColumn, CancellationToken cancellationToken)
    {
        await input.FillAsync(cancellationToken).ConfigureAwait(false);
        if (input.Pending.StartsWith(ByteOrderMark))
        {
            input.Consume(1, input.NextLine);
        }

        var fields = new List<CsvHeaderField>();
        while (true)
        {
            switch (TryTakeHeader(input, fields, sourceName))
            {
                case CsvRecordOutcome.Record:
                    return CsvHeader.Create(fields, labelColumn, weightColumn, sourceName);
                case CsvRecordOutcome.NeedMoreData:
                    await input.FillAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case CsvRecordOutcome.EndOfInput:
                    throw new CsvFormatException(sourceName, input.NextLine, null, null, "no header row: the input is empty");
            }
        }
    }

    private static CsvRecordOutcome TryTakeHeader(CsvTextBuffer input, List<CsvHeaderField> fields, string sourceName)
    {
        while (true)
        {
            var scanner = new CsvRecordScanner(input.Pending, input.IsEndOfInput, input.NextLine);
            if (scanner.IsAtEndOfInput)
            {
                return CsvRecordOutcome.EndOfInput;
            }

            fields.Clear();
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
                    throw CsvScanErrors.Create(status, sourceName, scanner.Line, fields.Count + 1, null);
                }

                fields.Add(new CsvHeaderField(field.ToValueString(), field.Line));
            }
            while (!field.EndsRecord);

            input.Consume(scanner.Consumed, scanner.Line);
            if (!(fields.Count == 1 && field.IsBlankLine))
            {
                return CsvRecordOutcome.Record;
            }
        }
    }
}
