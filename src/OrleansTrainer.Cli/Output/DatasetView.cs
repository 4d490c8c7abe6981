using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Output;

/// <summary>A dataset as otrain prints it; <see cref="Encoding"/> is empty for plain numeric columns and sparse datasets.</summary>
public sealed record DatasetView(
    string Name, DatasetStatus Status, string[] Features, int FeatureCount, string Label, string? Weight, FeatureType FeatureType,
    int Shards, long[] ShardRows, long Rows, long StoredBytes, DateTimeOffset CreatedAt, ColumnEncodingSummary[] Encoding, long SkippedBlankLines)
{
    /// <summary>The view of a dataset grain's description.</summary>
    public static DatasetView From(DatasetInfo info) => new(
        info.Name, info.Status, info.Schema.FeatureNames, info.Schema.FeatureCount, info.Schema.LabelName, info.Schema.WeightName, info.Schema.FeatureType,
        info.ShardCount, info.ShardRows, info.TotalRows, info.StoredBytes, info.CreatedAt, ColumnEncodingSummary.Of(info.Schema.Encoding), info.SkippedBlankLines);
}
