using System.Diagnostics;
using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// An upload survives the loss of a silo process: the appends that fail because the shard's silo died are sent again and
/// reach the shard's new activation, and the dataset is the one an unbroken upload stores.
/// </summary>
public sealed class UploadSiloLossTests(ITestOutputHelper output)
{
    private const int Rows = 200_000;
    private const int Features = 16;
    private static readonly IngestOptions Options = new() { ShardCount = 8, ChunkBytes = 64 << 10 };

    [Fact]
    public async Task Killing_a_silo_mid_upload_retries_its_chunks_and_stores_what_an_unbroken_upload_stores()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        var (features, labels) = Synthetic();
        var clock = Stopwatch.StartNew();
        var unbroken = await client.CreateDatasetAsync("unbroken", Reader(features, labels), Options);
        var unbrokenSeconds = clock.Elapsed.TotalSeconds;

        var held = new HeldRowReader(Reader(features, labels), holdAt: Rows / 2);
        var upload = client.CreateDatasetAsync("broken", held, Options);
        await held.Reached;
        var victimAddress = await client.Cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(client.Cluster.DataShard("broken", 0))
                            ?? throw new InvalidOperationException("shard 0 is not active");
        var victim = cluster.Silos.Single(s => s.SiloPort == victimAddress.Endpoint.Port);
        await victim.KillAsync();
        clock.Restart();
        held.Release();
        var broken = await upload;
        output.WriteLine($"unbroken upload {unbrokenSeconds:F2} s; the second half of the broken one, from the kill, {clock.Elapsed.TotalSeconds:F2} s");

        Assert.False(upload.IsFaulted);
        Assert.Equal(DatasetStatus.Ready, broken.Status);
        Assert.Equal(unbroken.ShardRows, broken.ShardRows);
        Assert.Equal(unbroken.StoredBytes, broken.StoredBytes);
        Assert.Equal(unbroken.Statistics!.FeatureMean.Bytes, broken.Statistics!.FeatureMean.Bytes);
        Assert.Equal(unbroken.Statistics.FeatureStandardDeviation.Bytes, broken.Statistics.FeatureStandardDeviation.Bytes);
        Assert.Equal((unbroken.Statistics.LabelMin, unbroken.Statistics.LabelMax, unbroken.Statistics.WeightSum),
            (broken.Statistics.LabelMin, broken.Statistics.LabelMax, broken.Statistics.WeightSum));
        var shard0 = await client.Cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(client.Cluster.DataShard("broken", 0));
        Assert.NotEqual(victimAddress, shard0);
    }

    private static (float[] Features, double[] Labels) Synthetic()
    {
        var random = new Random(41);
        var features = new float[Rows * Features];
        var labels = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            for (var j = 0; j < Features; j++)
            {
                features[(i * Features) + j] = (float)random.NextDouble();
            }

            labels[i] = features[i * Features] - (2.0 * features[(i * Features) + 5]) + random.NextDouble();
        }

        return (features, labels);
    }

    private static InMemoryRowReader Reader(float[] features, double[] labels) =>
        new([.. Enumerable.Range(0, Features).Select(j => $"x{j}")], "y", features, labels);
}
