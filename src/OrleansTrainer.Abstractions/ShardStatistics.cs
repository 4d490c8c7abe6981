namespace OrleansTrainer.Abstractions;

/// <summary>
/// What one shard's stored rows say about the dataset, in a form that merges exactly: per-column means and sums of
/// squared deviations (Welford over the shard's rows in order), label range and kind, weight sum, and for sparse rows
/// the non-zeros and the largest column. The dataset merges its shards' statistics in shard order, so the statistics
/// depend on the stored rows only, not on who read the file.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.ShardStatistics")]
public sealed record ShardStatistics
{
    /// <summary>Rows in the shard.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>Per-column mean (float64 values); empty for sparse rows.</summary>
    [Id(1)] public PackedVector FeatureMean { get; init; } = PackedVector.Empty;

    /// <summary>Per-column sum of squared deviations from the mean (float64 values); empty for sparse rows.</summary>
    [Id(2)] public PackedVector FeatureSquaredDeviations { get; init; } = PackedVector.Empty;

    /// <summary>Smallest label (+∞ without rows).</summary>
    [Id(3)] public double LabelMin { get; init; } = double.PositiveInfinity;

    /// <summary>Largest label (−∞ without rows).</summary>
    [Id(4)] public double LabelMax { get; init; } = double.NegativeInfinity;

    /// <summary>Whether every label is 0 or 1.</summary>
    [Id(5)] public bool LabelsAreBinary { get; init; } = true;

    /// <summary>Whether every label is a whole number.</summary>
    [Id(6)] public bool LabelsAreIntegers { get; init; } = true;

    /// <summary>Sum of the instance weights, in row order (the row count without weights).</summary>
    [Id(7)] public double WeightSum { get; init; }

    /// <summary>Stored non-zero values (sparse rows; rows × columns for dense ones).</summary>
    [Id(8)] public long NonZeros { get; init; }

    /// <summary>One more than the largest column index stored (sparse rows); the column count for dense ones.</summary>
    [Id(9)] public int ColumnBound { get; init; }
}
