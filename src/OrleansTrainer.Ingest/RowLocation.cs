namespace OrleansTrainer.Ingest;

/// <summary>Where a row is in its source: its 1-based number over the whole source and, for Parquet, its 1-based row group.</summary>
internal readonly record struct RowLocation(long Row, int? RowGroup = null);
