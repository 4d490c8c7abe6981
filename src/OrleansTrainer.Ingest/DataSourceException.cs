namespace OrleansTrainer.Ingest;

/// <summary>
/// Bad input from a source of named columns (a query's result, a Parquet file, typed .NET rows), located by source,
/// row group, row and column where they apply, for example
/// <c>sales.parquet: row group 2, row 70017, column "y": NULL; a label is never imputed</c>.
/// Rows and row groups count from 1, rows over the whole source.
/// </summary>
public sealed class DataSourceException : FormatException
{
    /// <summary>Creates the exception; the message is composed from the location and the reason.</summary>
    /// <param name="sourceName">The source as shown to the user: a file name, a query's text, a row type.</param>
    /// <param name="rowGroup">The 1-based row group (Parquet), or <see langword="null"/>.</param>
    /// <param name="row">The 1-based data row over the whole source, or <see langword="null"/> when the problem is not in one row.</param>
    /// <param name="columnName">The column concerned, or <see langword="null"/> when there is none.</param>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="innerException">The library error behind this one, if any.</param>
    public DataSourceException(string sourceName, int? rowGroup, long? row, string? columnName, string reason, Exception? innerException = null)
        : base(ComposeMessage(sourceName, rowGroup, row, columnName, reason), innerException)
    {
        SourceName = sourceName;
        RowGroup = rowGroup;
        Row = row;
        ColumnName = columnName;
        Reason = reason;
    }

    /// <summary>The source as shown to the user.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based row group of the problem, or <see langword="null"/>.</summary>
    public int? RowGroup { get; }

    /// <summary>The 1-based data row of the problem over the whole source, or <see langword="null"/>.</summary>
    public long? Row { get; }

    /// <summary>The column concerned, or <see langword="null"/>.</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string ComposeMessage(string sourceName, int? rowGroup, long? row, string? columnName, string reason)
    {
        var parts = new List<string>(3);
        if (rowGroup is { } group)
        {
            parts.Add($"row group {group}");
        }

        if (row is { } r)
        {
            parts.Add($"row {r}");
        }

        if (columnName is not null)
        {
            parts.Add($"column \"{columnName}\"");
        }

        return parts.Count == 0 ? $"{sourceName}: {reason}" : $"{sourceName}: {string.Join(", ", parts)}: {reason}";
    }
}
