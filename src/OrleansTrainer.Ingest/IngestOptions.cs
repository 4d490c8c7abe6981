using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>How rows become a dataset.</summary>
public class IngestOptions
{
    /// <summary>How many data shards receive the rows (row i goes to shard i mod ShardCount). Default 4.</summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>Target size of one uploaded chunk of rows, in bytes; far below Orleans' message limit. Default 4 MiB.</summary>
    public int ChunkBytes { get; set; } = 4 << 20;

    /// <summary>How the features are stored: float32 (the default, half the bytes) or float64.</summary>
    public FeatureType FeatureType { get; set; } = FeatureType.Float32;

    /// <summary>Receives progress after every uploaded chunk; optional, and not sent to the silos with the options.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IProgress<IngestProgress>? Progress { get; set; }
}

/// <summary>Ingestion progress.</summary>
/// <param name="Rows">Rows read so far.</param>
/// <param name="UploadedBytes">Bytes of row data uploaded so far.</param>
public readonly record struct IngestProgress(long Rows, long UploadedBytes);
