using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Admin.Services;

/// <summary>A dataset in the list.</summary>
public sealed record DatasetSummaryView(string Name, DatasetStatus Status, long Rows, int Features, string Label, int Shards, long StoredBytes, DateTimeOffset CreatedAt);

/// <summary>A dataset with its schema, its encoding and its shards.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Status">Its state.</param>
/// <param name="Features">The feature names; empty for a sparse dataset, whose features are numbered.</param>
/// <param name="FeatureCount">The number of features (a sparse dataset's dimension).</param>
/// <param name="Label">The label column.</param>
/// <param name="Weight">The instance-weight column, if any.</param>
/// <param name="FeatureType">How the features are stored.</param>
/// <param name="Rows">Rows over all shards.</param>
/// <param name="StoredBytes">Bytes of row chunks in Redis.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Shards">Its shards.</param>
/// <param name="Encoding">How each source column became features; empty for plain numeric columns and sparse datasets.</param>
public sealed record DatasetDetailView(
    string Name, DatasetStatus Status, string[] Features, int FeatureCount, string Label, string? Weight, FeatureType FeatureType,
    long Rows, long StoredBytes, DateTimeOffset CreatedAt, ShardView[] Shards, ColumnEncodingSummary[] Encoding);

/// <summary>One shard: its rows, the bytes it holds in Redis and where it is active.</summary>
/// <param name="Key">The grain key, <c>{dataset}/{index}</c>.</param>
/// <param name="Rows">Rows stored.</param>
/// <param name="Chunks">Row chunks stored.</param>
/// <param name="StoredBytes">Bytes of row chunks in Redis.</param>
/// <param name="Silo">The silo the shard is active on, or null when it is not active.</param>
public sealed record ShardView(string Key, long Rows, int Chunks, long StoredBytes, string? Silo);
