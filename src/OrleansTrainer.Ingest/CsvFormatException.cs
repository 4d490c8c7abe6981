namespace OrleansTrainer.Ingest;

/// <summary>
/// Bad CSV input, located by file, physical line and (where one applies) field number, for example
/// <c>data.csv: line 17, column 3 ("bmi"): cannot parse "abc" as a number</c>.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and the reason.</summary>
    /// <param name="sourceName">The name of the input, as shown to the user (usually its file name).</param>
    /// <param name="line">The 1-based physical line.</param>
    /// <param name="column">The 1-based field number, or <see langword="null"/> when the problem is not in one field.</param>
    /// <param name="columnName">The header name of that field or the column concerned, or <see langword="null"/> when there is none.</param>
    /// <param name="reason">What is wrong, without the location.</param>
    public CsvFormatException(string sourceName, long line, int? column, string? columnName, string reason)
        : base(ComposeMessage(sourceName, line, column, columnName, reason))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Reason = reason;
    }

    /// <summary>The name of the input, as shown to the user (usually its file name).</summary>
    public string SourceName { get; }

    /// <summary>The 1-based physical line of the problem.</summary>
    public long Line { get; }

    /// <summary>The 1-based field number of the problem, or <see langword="null"/> when it is not in one field.</summary>
    public int? Column { get; }

    /// <summary>The header name of the column concerned, or <see langword="null"/> when there is none (an extra field, a file-level problem).</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string ComposeMessage(string sourceName, long line, int? column, string? columnName, string reason) =>
        (column, columnName) switch
        {
            (null, _) => $"{sourceName}: line {line}: {reason}",
            (_, null) => $"{sourceName}: line {line}, column {column}: {reason}",
            _ => $"{sourceName}: line {line}, column {column} (\"{columnName}\"): {reason}",
        };
}
