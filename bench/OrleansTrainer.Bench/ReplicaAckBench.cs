using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Bench;

/// <summary>
/// What <c>WAIT</c> after every commit (<c>OrleansTrainer:Trainer:ReplicaAcks</c> = 1) costs per round: the same job on
/// the same Redis Cluster (3 masters, a replica each), 2 silo processes started with the option off and on in turn,
/// <c>runs</c> times each, so both see the same load.
/// </summary>
internal static class ReplicaAckBench
{
    private const int Shards = 4;
    private const int Blocks = 3;
    private const int Columns = 20;
    private const int Rows = 20_000;

    public static async Task RunAsync(int runs, int rounds, Action<string> say)
    {
        say("starting a Redis Cluster of 3 masters with a replica each ...");
        await using var redis = await RedisCluster.StartAsync();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var acks in new[] { 0, 1 })
            {
                var settings = new Dictionary<string, string> { ["OrleansTrainer:Trainer:ReplicaAcks"] = acks.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                await using var cluster = await LocalTrainerCluster.StartAsync(2, redis, settings);
                await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
                var dataset = $"acks{acks}-run{run}";
                await client.CreateDatasetAsync(dataset, Data(), new IngestOptions { ShardCount = Shards });
                await ClusterRounds.RunAsync(client, dataset, dataset + "-warmup", 20, Blocks);
                var times = await ClusterRounds.RunAsync(client, dataset, dataset + "-job", rounds, Blocks);
                var (roundMs, wallMs) = (times.MedianRoundMs, times.WallPerRoundMs);
                var details = new Dictionary<string, object>
                {
                    ["replica_acks"] = acks, ["run"] = run, ["rounds"] = rounds, ["shards"] = Shards, ["blocks"] = Blocks, ["cols"] = Columns, ["rows"] = Rows,
                    ["silos"] = 2, ["redis"] = "cluster 3 masters x 1 replica", ["median_round_ms"] = Math.Round(roundMs, 3),
                };
                new Measurement("replica_acks_wall_per_round", wallMs, "ms", details).Print();
                say($"ReplicaAcks={acks}, run {run}: {Measurement.Ms(wallMs)} ms per round (wall), median round {Measurement.Ms(roundMs)} ms");
            }
        }
    }

    private static InMemoryRowReader Data()
    {
        var random = new Random(7);
        var features = Enumerable.Range(0, Rows * Columns).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, Rows).Select(_ => random.NextDouble()).ToArray();
        return new InMemoryRowReader(Enumerable.Range(0, Columns).Select(j => $"x{j}").ToArray(), "y", features, labels);
    }
}
