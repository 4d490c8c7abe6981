using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Bench;

/// <summary>
/// The BSP coordination overhead (issue 15, row 6): rounds of 16 shards × 4 weight blocks, d = 100, on shards of 64
/// rows, so that the round is all calls and writes and almost no arithmetic.
/// </summary>
internal static class BspRounds
{
    private const int Shards = 16;
    private const int Blocks = 4;
    private const int Columns = 100;
    private const int RowsPerShard = 64;
    private const int WarmupRounds = 1_000;

    /// <summary>
    /// Ingests the tiny dataset, runs a warm-up job and then <paramref name="rounds"/> measured rounds; prints two JSON
    /// lines. <paramref name="carried"/> says whether the cluster carries small models' rounds (its silos' setting).
    /// </summary>
    public static async Task RunAsync(TrainerClient client, int rounds, bool carried)
    {
        var rows = Shards * RowsPerShard;
        var random = new Random(1);
        var features = Enumerable.Range(0, rows * Columns).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        await client.CreateDatasetAsync("bsp", new InMemoryRowReader(Enumerable.Range(0, Columns).Select(j => $"x{j}").ToArray(), "y", features, labels),
            new IngestOptions { ShardCount = Shards });
        // The silos' JIT recompiles a round's code optimized (tiered, with profile-guided optimization) only after
        // thousands of calls; a job runs thousands of rounds, so the warm-up job lets the measured one see the steady state.
        await ClusterRounds.RunAsync(client, "bsp", "bsp-warmup", WarmupRounds, Blocks);
        var bsp = await ClusterRounds.RunAsync(client, "bsp", "bsp", rounds, Blocks);
        var details = new Dictionary<string, object>
        {
            ["shards"] = Shards, ["blocks"] = Blocks, ["cols"] = Columns, ["rows_per_shard"] = RowsPerShard, ["silos"] = 2, ["rounds"] = rounds, ["carried"] = carried,
            ["median_pull_ms"] = Math.Round(bsp.MedianPullMs, 3), ["median_push_ms"] = Math.Round(bsp.MedianPushMs, 3),
            ["median_commit_ms"] = Math.Round(bsp.MedianCommitMs, 3), ["first_round_done_ms"] = Math.Round(bsp.FirstRoundDoneMs, 1),
            ["p90_interval_ms"] = Math.Round(bsp.P90IntervalMs, 3),
        };
        var form = carried ? "" : "pulled_";
        new Measurement($"bsp_round_{form}16x4_d100", bsp.MedianRoundMs, "ms", details).Print();
        new Measurement($"bsp_round_wall_{form}16x4_d100", bsp.WallPerRoundMs, "ms", details).Print();
        new Measurement($"bsp_round_interval_{form}16x4_d100", bsp.MedianIntervalMs, "ms", details).Print();
    }
}
