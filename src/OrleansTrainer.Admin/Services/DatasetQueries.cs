using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Grains;

namespace OrleansTrainer.Admin.Services;

/// <summary>Datasets and their shards: the catalog and dataset grains, shard state from Redis, placement from the cluster.</summary>
public sealed class DatasetQueries(TrainerClient client, IClusterClient cluster, GrainStateReader states, ClusterQueries placement)
{
    /// <summary>Every dataset.</summary>
    public async Task<DatasetSummaryView[]> ListAsync() =>
        (await client.ListDatasetsAsync())
        .Select(d => new DatasetSummaryView(d.Name, d.Status, d.TotalRows, d.Schema.FeatureCount, d.Schema.LabelName, d.ShardCount, d.StoredBytes, d.CreatedAt))
        .ToArray();

    /// <summary>One dataset with its shards; null when it does not exist.</summary>
    public async Task<DatasetDetailView?> GetAsync(string name)
    {
        if (!ResourceName.IsValid(name))
        {
            return null;
        }

        var info = await client.GetDatasetAsync(name);
        if (info.Status == DatasetStatus.None)
        {
            return null;
        }

        var shards = await Task.WhenAll(Enumerable.Range(0, info.ShardCount).Select(async s =>
        {
            var grain = cluster.DataShard(name, s);
            var stored = (await states.ReadAsync<ShardState>(grain.GetGrainId(), "shard")).State;
            return new ShardView(GrainKeys.Child(name, s), stored?.Rows ?? 0, stored?.ChunkRows.Length ?? 0, stored?.StoredBytes ?? 0, await placement.SiloOfAsync(grain));
        }));
        return new DatasetDetailView(info.Name, info.Status, info.Schema.FeatureNames, info.Schema.FeatureCount, info.Schema.LabelName, info.Schema.WeightName,
            info.Schema.FeatureType, info.TotalRows, shards.Sum(s => s.StoredBytes), info.CreatedAt, shards, ColumnEncodingSummary.Of(info.Schema.Encoding));
    }
}
