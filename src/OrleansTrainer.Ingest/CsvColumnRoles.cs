namespace OrleansTrainer.Ingest;

/// <summary>What the columns of a CSV file are: the label, the weight, those to ignore, and the names of a file without a header row.</summary>
internal sealed record CsvColumnRoles
{
    /// <summary>The label column's name.</summary>
    public required string Label { get; init; }

    /// <summary>The weight column's name, or null.</summary>
    public string? Weight { get; init; }

    /// <summary>Columns read but left out of the features.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary>The column names of a file without a header row; null when the first record is the header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The separator and quote.</summary>
    public CsvDialect Dialect { get; init; } = CsvDialect.Default;

    /// <summary>Roles with only a label and a weight, in the default dialect.</summary>
    public static CsvColumnRoles Of(string label, string? weight) => new() { Label = label, Weight = weight };

    /// <summary>The roles <paramref name="options"/> give.</summary>
    public static CsvColumnRoles Of(CsvIngestOptions options) => new()
    {
        Label = options.LabelColumn,
        Weight = options.WeightColumn,
        Ignore = options.IgnoreColumns,
        ColumnNames = options.ColumnNames,
        Dialect = options.Dialect,
    };
}
