namespace OrleansTrainer.Abstractions;

/// <summary>
/// An ingestion begun, and the lease its caller holds on it: renewed (<see cref="IDatasetGrain.RenewIngestAsync"/>) well
/// within <see cref="Length"/> of each other, or the dataset discards the ingestion and its rows.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.IngestLease")]
public sealed record IngestLease
{
    /// <summary>The ingestion's id, which its chunks and its completion carry.</summary>
    [Id(0)] public string IngestId { get; init; } = "";

    /// <summary>How long the lease lasts after it is taken or renewed.</summary>
    [Id(1)] public TimeSpan Length { get; init; }
}
