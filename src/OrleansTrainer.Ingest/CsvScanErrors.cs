namespace OrleansTrainer.Ingest;

/// <summary>Turns the scanner's structural failures into located exceptions.</summary>
internal static class CsvScanErrors
{
    /// <summary>The exception for <paramref name="status"/>, found in field <paramref name="column"/> (1-based) on <paramref name="line"/>.</summary>
    public static CsvFormatException Create(CsvScanStatus status, string sourceName, long line, int column, string? columnName) =>
        new(sourceName, line, column, columnName, status switch
        {
            CsvScanStatus.UnterminatedQuote => "unterminated quoted field: the input ends before its closing quote",
            CsvScanStatus.TextAfterClosingQuote => "unexpected text after the closing quote",
            CsvScanStatus.QuotedLineBreak => "a quoted field spans lines, but ingestion by the silos splits the file at line breaks: upload this file through the client (otrain dataset upload)",
            CsvScanStatus.NulCharacter => "the cell holds a NUL character (\\0): the file is binary or damaged, or not UTF-8 text",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a failure"),
        });
}
