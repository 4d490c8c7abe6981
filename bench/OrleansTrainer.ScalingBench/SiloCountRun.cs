using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.ScalingBench;

/// <summary>One configuration: a fresh redis-server and <c>silos</c> silo processes, both files ingested into 2 shards a silo.</summary>
internal static class SiloCountRun
{
    public static async Task<ScalingPoint> MeasureAsync(ScalingSettings settings, Peers peers, int silos, Action<string> say)
    {
        var shards = 2 * silos;
        say($"{silos} silo(s), {shards} shards: starting redis-server and the silo processes ...");
        await using var cluster = await LocalTrainerCluster.StartAsync(silos);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        var configuration = new Dictionary<string, object?> { ["silos"] = silos, ["shards"] = shards, ["processors"] = Environment.ProcessorCount };
        var dense = await DenseScaling.RunAsync(client, settings, peers, shards, configuration, say);
        var sparse = await SparseScaling.RunAsync(client, settings, peers, shards, configuration, say);
        say($"{silos} silo(s): stopping the cluster ...");
        return new ScalingPoint(silos, shards, dense, sparse);
    }
}
