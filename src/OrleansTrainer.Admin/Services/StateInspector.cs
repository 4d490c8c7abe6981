using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Admin.Services;

/// <summary>
/// The grain state inspector: for a trainer, weight block, data shard or dataset, its persisted state decoded from
/// Redis next to what its live activation reports (asking it activates the grain if it was not active).
/// </summary>
public sealed class StateInspector(IClusterClient cluster, GrainStateReader states, ClusterQueries placement)
{
    /// <summary>The state of grain <paramref name="key"/> of kind <paramref name="kind"/>; null for an unknown kind or a malformed key.</summary>
    public Task<StateView?> InspectAsync(string kind, string key) => kind switch
    {
        "trainer" when ResourceName.IsValid(key) => TrainerAsync(key),
        "dataset" when ResourceName.IsValid(key) => DatasetAsync(key),
        "block" when IsChildKey(key) => BlockAsync(key),
        "shard" when IsChildKey(key) => ShardAsync(key),
        _ => Task.FromResult<StateView?>(null),
    };

    private async Task<StateView?> TrainerAsync(string key)
    {
        var grain = cluster.Trainer(key);
        var stored = await states.ReadAsync<JobState>(grain.GetGrainId(), "trainer");
        var live = await grain.GetStatusAsync();
        var s = stored.State;
        StateField[] persisted = s is null ? [] :
        [
            new("status", s.Status.ToString()), new("round (version)", Text(s.Round)), new("reason", s.Reason),
            new("last objective", Text(s.LastObjective)), new("started", Text(s.StartedAt)), new("finished", Text(s.FinishedAt)),
            new("spec", Spec(s.Spec)), new("features × outputs", $"{s.Columns} × {s.Outputs}"),
            new("rows per shard", string.Join(", ", s.ShardRows)), new("history events", Text(s.History.Length)),
            new("solver state", s.Checkpoint?.Describe() ?? "none"),
        ];
        StateField[] reported =
        [
            new("status", live.Status.ToString()), new("round (version)", Text(live.Round)), new("reason", live.Reason),
            new("last objective", Text(live.LastObjective)), new("spec", Spec(live.Spec)),
        ];
        return await ViewAsync("trainer", key, grain, stored, persisted, reported, null, null);
    }

    private async Task<StateView?> BlockAsync(string key)
    {
        var (job, index) = GrainKeys.Parse(key);
        var grain = cluster.WeightBlock(job, index);
        // Versions alternate between two records; the newer one is the block's state.
        var even = await states.ReadAsync<WeightBlockState>(grain.GetGrainId(), "block");
        var odd = await states.ReadAsync<WeightBlockState>(grain.GetGrainId(), "block-odd");
        var stored = odd.State?.Setup is not null && (even.State?.Setup is null || odd.State.Version > even.State.Version) ? odd : even;
        var s = stored.State;
        var live = s?.Setup is null ? null : await grain.GetSnapshotAsync();
        StateField[] persisted = s is null ? [] :
        [
            new("version", Text(s.Version)), new("parameters", $"{s.Setup?.Start}..{s.Setup?.Start + s.Setup?.Length - 1} ({s.Setup?.Length})"),
            new("shards", Text(s.Setup?.ShardCount ?? 0)), new("update steps", Text(s.Steps)), new("last commit mode", s.LastMode.ToString()),
            new("learning rate", Text(s.Setup?.Spec.LearningRate ?? 0)), new("optimizer state", $"{s.State1.Length + s.State2.Length} bytes"),
        ];
        StateField[] reported = live is null ? [] :
        [
            new("version", Text(live.Version)), new("first parameter", Text(live.Start)), new("pending contributions", Text(live.PendingContributions)),
        ];
        return await ViewAsync("block", key, grain, stored, persisted, reported,
            s is null ? null : WeightStatistics.Of(DenseBuffers.AsDoubles(s.Weights)),
            live is null ? null : WeightStatistics.Of(DenseBuffers.AsDoubles(live.Weights.Bytes)));
    }

    private async Task<StateView?> ShardAsync(string key)
    {
        var (dataset, index) = GrainKeys.Parse(key);
        var grain = cluster.DataShard(dataset, index);
        var stored = await states.ReadAsync<ShardState>(grain.GetGrainId(), "shard");
        var live = await grain.GetSummaryAsync();
        var s = stored.State;
        StateField[] persisted = s is null ? [] :
        [
            new("ingestion", s.IngestId), new("rows", Text(s.Rows)), new("features", Text(s.Columns)), new("feature type", s.FeatureType.ToString()),
            new("chunks", Text(s.ChunkRows.Length)), new("row bytes in Redis", Text(s.StoredBytes)), new("instance weights", s.HasWeights ? "yes" : "no"),
            new("chunk CRC-32", string.Join(", ", s.ChunkChecksums.Take(8).Select(c => c.ToString("x8", CultureInfo.InvariantCulture)))),
        ];
        StateField[] reported =
        [
            new("ingestion", live.IngestId), new("rows", Text(live.Rows)), new("features", Text(live.Columns)), new("chunks", Text(live.Chunks)),
            new("row bytes in Redis", Text(live.StoredBytes)), new("rows loaded in memory", live.Loaded ? "yes" : "no"),
        ];
        return await ViewAsync("shard", key, grain, stored, persisted, reported, null, null);
    }

    private async Task<StateView?> DatasetAsync(string key)
    {
        var grain = cluster.Dataset(key);
        var stored = await states.ReadAsync<DatasetState>(grain.GetGrainId(), "dataset");
        var live = await grain.GetInfoAsync();
        var s = stored.State;
        StateField[] persisted = s is null ? [] :
        [
            new("status", s.Status.ToString()), new("ingestion", s.IngestId), new("shards", Text(s.ShardCount)),
            new("rows per shard", string.Join(", ", s.ShardRows)), new("row bytes in Redis", Text(s.StoredBytes)), new("created", Text(s.CreatedAt)),
            new("features", string.Join(", ", s.Schema.FeatureNames)), new("label", s.Schema.LabelName),
        ];
        StateField[] reported =
        [
            new("status", live.Status.ToString()), new("shards", Text(live.ShardCount)), new("rows", Text(live.TotalRows)),
            new("row bytes in Redis", Text(live.StoredBytes)),
        ];
        return await ViewAsync("dataset", key, grain, stored, persisted, reported,
            s?.Statistics is null ? null : WeightStatistics.Of(DenseBuffers.AsDoubles(s.Statistics.FeatureMean.Bytes)), null);
    }

    private async Task<StateView?> ViewAsync<T>(string kind, string key, IAddressable grain, PersistedState<T> stored,
        StateField[] persisted, StateField[] live, WeightStatistics? persistedWeights, WeightStatistics? liveWeights) =>
        new(kind, key, grain.GetGrainId().ToString(), stored.Key, stored.Bytes, await placement.SiloOfAsync(grain), persisted, live, persistedWeights, liveWeights);

    private static bool IsChildKey(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 && ResourceName.IsValid(key[..slash]) && int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static string Spec(JobSpec? spec) => spec is null ? "-" :
        string.Create(CultureInfo.InvariantCulture, $"{spec.Model}, {spec.Solver}, lr {spec.LearningRate:G6}, l2 {spec.L2:G6}, l1 {spec.L1:G6}, momentum {spec.Momentum:G6}, max rounds {spec.MaxRounds}, {spec.WeightBlocks} block(s), dataset {spec.Dataset}");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Text(DateTimeOffset? value) => value?.ToString("u", CultureInfo.InvariantCulture) ?? "-";
}
