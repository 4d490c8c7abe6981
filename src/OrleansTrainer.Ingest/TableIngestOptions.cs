namespace OrleansTrainer.Ingest;

/// <summary>How a table of named columns (a query's result, a Parquet file) becomes a dataset: the columns' roles and encoding (<see cref="ColumnIngestOptions"/>), and optionally the feature columns by name.</summary>
public sealed class TableIngestOptions : ColumnIngestOptions
{
    /// <summary>
    /// The feature columns, in the order the dataset stores them; null for every column but the label, the weight and
    /// the ignored columns, in table order.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumns { get; set; }
}
