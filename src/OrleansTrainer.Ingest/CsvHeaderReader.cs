namespace OrleansTrainer.Ingest;

/// <summary>Reads the header row (the first record that is not a blank line), or takes the given names of a file without one, and validates it.</summary>
internal static class CsvHeaderReader
{
    /// <exception cref="CsvFormatException">There is no header row, or it is malformed or invalid (see <see cref="CsvHeader.Create"/>).</exception>
    public static async Task<CsvHeader> ReadAsync(CsvTextBuffer input, string sourceName, CsvColumnRoles roles, CancellationToken cancellationToken)
    {
        if (roles.ColumnNames is { } given)
        {
            return CsvHeader.Create([.. given.Select(name => new CsvHeaderField(name, 0))], roles, sourceName);
        }

        var records = new CsvRecordReader(input, roles.Dialect, sourceName);
        var names = new List<string>();
        if (!await records.ReadAsync(names, cancellationToken).ConfigureAwait(false))
        {
            throw new CsvFormatException(sourceName, input.NextLine, null, null, "no header row: the input is empty");
        }

        return CsvHeader.Create([.. names.Select(name => new CsvHeaderField(name, records.Line))], roles, sourceName);
    }
}
