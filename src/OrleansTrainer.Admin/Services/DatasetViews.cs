using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Services;

/// <summary>A dataset in the list.</summary>
public sealed record DatasetSummaryView(string Name, DatasetStatus Status, long Rows, int Features, string Label, int Shards, long StoredBytes, DateTimeOffset CreatedAt);

/// <summary>A dataset with its schema and its shards.</summary>
public sealed record DatasetDetailView(
    string Name, DatasetStatus Status, string[] Features, string Label, string? Weight, FeatureType FeatureType,
    long Rows, long StoredBytes, DateTimeOffset CreatedAt, ShardView[] Shards);

/// <summary>One shard: its rows, the bytes it holds in Redis and where it is active.</summary>
/// <param name="Key">The grain key, <c>{dataset}/{index}</c>.</param>
/// <param name="Rows">Rows stored.</param>
/// <param name="Chunks">Row chunks stored.</param>
/// <param name="StoredBytes">Bytes of row chunks in Redis.</param>
/// <param name="Silo">The silo the shard is active on, or null when it is not active.</param>
public sealed record ShardView(string Key, long Rows, int Chunks, long StoredBytes, string? Silo);
