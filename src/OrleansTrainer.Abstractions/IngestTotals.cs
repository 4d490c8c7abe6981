namespace OrleansTrainer.Abstractions;

/// <summary>What the reader of an ingestion counted, checked against the shards when it completes.</summary>
[GenerateSerializer, Immutable, Alias("otrain.IngestTotals")]
public sealed record IngestTotals
{
    /// <summary>Rows read and sent to the shards.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>
    /// The feature count of a sparse dataset (every stored column index must be below it): the reader's declared
    /// dimension, or the largest column seen plus one; 0 for dense datasets.
    /// </summary>
    [Id(1)] public int SparseDimension { get; init; }

    /// <summary>Blank lines between records that the reader skipped, as it was asked to (CSV); 0 for other sources.</summary>
    [Id(2)] public long SkippedBlankLines { get; init; }
}
