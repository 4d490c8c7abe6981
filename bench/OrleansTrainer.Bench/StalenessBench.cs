using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Bench;

/// <summary>
/// How much of the slowdown one slow shard causes SSP(k) recovers: time per round for BSP without and with one shard
/// made 3× slower (a delay of twice its normal pass), and for SSP(k) with the same slow shard.
/// </summary>
internal static class StalenessBench
{
    private static readonly int[] Stalenesses = [1, 2, 4, 8];

    /// <summary>
    /// A shard is made slow by the silos' fault injection (<c>OrleansTrainer:FaultInjection</c>), fixed when a silo starts:
    /// a first cluster measures the shard pass to size the delay, a second one, started with that delay for the slow jobs,
    /// runs them all (the unslowed BSP baseline included).
    /// </summary>
    public static async Task RunAsync(int rounds)
    {
        double delay;
        await using (var calibration = await LocalTrainerCluster.StartAsync(silos: 2))
        {
            await using var client = await TrainerClient.ConnectAsync(calibration.ClientOptions);
            await PrepareAsync(client);
            var (_, compute) = await PerRoundAsync(client, "bsp", ConsistencyMode.Bsp, 0, rounds);
            delay = 2 * compute;
        }

        string[] slowJobs = ["bsp-slow", .. Stalenesses.Select(k => $"ssp-{k}")];
        var settings = slowJobs.SelectMany(job => new[]
        {
            KeyValuePair.Create($"OrleansTrainer:FaultInjection:SlowShards:{job}:Shard", "0"),
            KeyValuePair.Create($"OrleansTrainer:FaultInjection:SlowShards:{job}:Milliseconds", delay.ToString("R", CultureInfo.InvariantCulture)),
        }).ToDictionary();
        await using var cluster = await LocalTrainerCluster.StartAsync(2, settings);
        await using var slowClient = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await PrepareAsync(slowClient);
        var (baseline, _) = await PerRoundAsync(slowClient, "bsp", ConsistencyMode.Bsp, 0, rounds);
        var (slowBsp, _) = await PerRoundAsync(slowClient, "bsp-slow", ConsistencyMode.Bsp, 0, rounds);
        Report("bsp", 0, baseline, delay, baseline, slowBsp);
        Report("bsp_slow_shard", 0, slowBsp, delay, baseline, slowBsp);
        foreach (var k in Stalenesses)
        {
            var (slowSsp, _) = await PerRoundAsync(slowClient, $"ssp-{k}", ConsistencyMode.Ssp, k, rounds);
            Report($"ssp_{k}_slow_shard", k, slowSsp, delay, baseline, slowBsp);
        }
    }

    /// <summary>Ingests the dataset and warms both code paths up (JIT tiering makes a fresh cluster's first few hundred rounds several times slower).</summary>
    private static async Task PrepareAsync(TrainerClient client)
    {
        var random = new Random(5);
        const int rows = 400_000, cols = 50;
        var features = Enumerable.Range(0, rows * cols).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        await client.CreateDatasetAsync("ssp", new InMemoryRowReader(Enumerable.Range(0, cols).Select(j => $"x{j}").ToArray(), "y", features, labels),
            new IngestOptions { ShardCount = 8 });
        await PerRoundAsync(client, "ssp-warmup", ConsistencyMode.Ssp, 2, 300);
        await PerRoundAsync(client, "bsp-warmup", ConsistencyMode.Bsp, 0, 300);
    }

    private static void Report(string name, int k, double perRound, double delay, double baseline, double slowBsp) =>
        new Measurement($"round_ms_{name}", perRound, "ms", new Dictionary<string, object>
        {
            ["staleness"] = k, ["slow_shard_delay_ms"] = Math.Round(delay, 3), ["bsp_ms"] = Math.Round(baseline, 3), ["bsp_slow_ms"] = Math.Round(slowBsp, 3),
            ["slowdown_recovered"] = Math.Round((slowBsp - perRound) / (slowBsp - baseline), 3),
        }).Print();

    /// <summary>Wall time per round of a job, and the median shard pass inside it.</summary>
    private static async Task<(double PerRound, double ComputeMs)> PerRoundAsync(TrainerClient client, string job, ConsistencyMode mode, int k, int rounds)
    {
        await client.StartJobAsync(new JobSpec
        {
            Name = job, Dataset = "ssp", Standardize = false, LearningRate = 1e-6, MaxRounds = rounds, Tolerance = 0, WeightBlocks = 2,
            Consistency = mode, Staleness = k,
        });
        var status = await client.WaitForJobAsync(job, TimeSpan.FromMilliseconds(20));
        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync(job))
        {
            metrics.Add(m);
        }

        return ((status.FinishedAt!.Value - status.StartedAt!.Value).TotalMilliseconds / rounds, Measurement.Median(metrics.Select(m => m.ComputeMilliseconds)));
    }
}
