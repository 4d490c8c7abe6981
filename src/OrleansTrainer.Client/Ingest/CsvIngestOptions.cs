using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client.Ingest;

/// <summary>How rows become a dataset.</summary>
public class IngestOptions
{
    /// <summary>How many data shards receive the rows (row i goes to shard i mod ShardCount). Default 4.</summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>Target size of one uploaded chunk of rows, in bytes; far below Orleans' message limit. Default 4 MiB.</summary>
    public int ChunkBytes { get; set; } = 4 << 20;

    /// <summary>How the features are stored: float32 (the default, half the bytes) or float64.</summary>
    public FeatureType FeatureType { get; set; } = FeatureType.Float32;

    /// <summary>Receives progress after every uploaded chunk; optional.</summary>
    public IProgress<IngestProgress>? Progress { get; set; }
}

/// <summary>How a CSV file becomes a dataset.</summary>
public sealed class CsvIngestOptions : IngestOptions
{
    /// <summary>The header name of the label column. Required.</summary>
    public string LabelColumn { get; set; } = "";

    /// <summary>The header name of an instance-weight column (finite values ≥ 0); null when rows are unweighted.</summary>
    public string? WeightColumn { get; set; }
}

/// <summary>Ingestion progress.</summary>
/// <param name="Rows">Rows read so far.</param>
/// <param name="UploadedBytes">Bytes of row data uploaded so far.</param>
public readonly record struct IngestProgress(long Rows, long UploadedBytes);
