namespace OrleansTrainer.Ingest;

/// <summary>How a table of named columns (a query's result, a Parquet file) becomes a dataset.</summary>
public sealed class TableIngestOptions : IngestOptions
{
    /// <summary>The label column's name. Required.</summary>
    public string LabelColumn { get; set; } = "";

    /// <summary>An instance-weight column's name (finite values ≥ 0); null when rows are unweighted.</summary>
    public string? WeightColumn { get; set; }

    /// <summary>The feature columns, in the order the dataset stores them; null for every column but the label and the weight, in table order.</summary>
    public IReadOnlyList<string>? FeatureColumns { get; set; }
}
