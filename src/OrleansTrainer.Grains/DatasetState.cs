using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a dataset grain.</summary>
[GenerateSerializer, Alias("otrain.DatasetState")]
public sealed record DatasetState
{
    /// <summary>Lifecycle state.</summary>
    [Id(0)] public DatasetStatus Status { get; init; }

    /// <summary>The id of the ingestion that created (or is creating) the rows.</summary>
    [Id(1)] public string IngestId { get; init; } = "";

    /// <summary>The columns.</summary>
    [Id(2)] public DatasetSchema Schema { get; init; } = new();

    /// <summary>Number of shards.</summary>
    [Id(3)] public int ShardCount { get; init; }

    /// <summary>Rows per shard, set when ingestion completes.</summary>
    [Id(4)] public long[] ShardRows { get; init; } = [];

    /// <summary>Statistics, set when ingestion completes.</summary>
    [Id(5)] public DatasetStatistics? Statistics { get; init; }

    /// <summary>When ingestion began.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bytes of row data in Redis, set when ingestion completes.</summary>
    [Id(7)] public long StoredBytes { get; init; }

    /// <summary>Blank lines between records the reader skipped as it was asked to, set when ingestion completes.</summary>
    [Id(8)] public long SkippedBlankLines { get; init; }
}
