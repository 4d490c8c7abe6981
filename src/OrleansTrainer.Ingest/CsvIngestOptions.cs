namespace OrleansTrainer.Ingest;

/// <summary>How a CSV file becomes a dataset: the columns' roles and encoding (<see cref="ColumnIngestOptions"/>), with the dialect and the names of a file without a header.</summary>
public sealed class CsvIngestOptions : ColumnIngestOptions
{
    /// <summary>The separator and quote (default: comma and double quote). Decimal points are always '.'.</summary>
    public CsvDialect Dialect { get; set; } = CsvDialect.Default;

    /// <summary>The column names of a file without a header row (its first record is then data); null when the file has a header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>
    /// Whether blank lines between records are skipped (and counted: <c>DatasetInfo.SkippedBlankLines</c>) rather than
    /// refused. Blank lines before the first record and after the last are always allowed. Default false.
    /// </summary>
    public bool SkipBlankLines { get; set; }
}
