using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// An ingestion holds a lease its uploader renews: a second ingestion of the name is refused while the first is alive,
/// an ingestion whose client stopped renewing is discarded by the dataset itself once the lease runs out, and a late
/// chunk of a discarded or deleted ingestion stores nothing. On a cluster of its own whose leases last 2 s.
/// </summary>
public sealed class IngestLeaseTests(ShortLeaseClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ShortLeaseClusterFixture>
{
    private const int Rows = 1_000;
    private static readonly IngestOptions Options = new() { ShardCount = 2, ChunkBytes = 1024 };
    private static readonly TimeSpan Lease = ShortLeaseClusterFixture.Lease;

    [Fact]
    public async Task A_second_upload_of_a_name_being_ingested_is_refused_and_the_first_completes_intact()
    {
        var name = Training.UniqueName("twice");
        var held = new HeldRowReader(Synthetic(Rows), holdAt: Rows / 2);
        var first = fixture.Client.CreateDatasetAsync(name, held, Options);
        await held.Reached;
        Assert.NotEmpty(fixture.KeysContaining($"/rows/{name}/"));

        // Held for three leases: the first upload's renewals keep its ingestion alive meanwhile.
        await Task.Delay(3 * Lease);
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.CreateDatasetAsync(name, Synthetic(10), Options));
        held.Release();
        var completed = await first;

        Assert.StartsWith($"Dataset \"{name}\" is already being ingested (started at ", second.Message, StringComparison.Ordinal);
        Assert.EndsWith("wait for it to finish, or delete the dataset to stop it.", second.Message, StringComparison.Ordinal);
        var reference = await fixture.Client.CreateDatasetAsync(Training.UniqueName("once"), Synthetic(Rows), Options);
        Assert.Equal(DatasetStatus.Ready, completed.Status);
        Assert.Equal(reference.ShardRows, completed.ShardRows);
        Assert.Equal(reference.StoredBytes, completed.StoredBytes);
        Assert.Equal(reference.Statistics!.FeatureMean.Bytes, completed.Statistics!.FeatureMean.Bytes);
        Assert.Equal(reference.Statistics.FeatureStandardDeviation.Bytes, completed.Statistics.FeatureStandardDeviation.Bytes);
    }

    [Fact]
    public async Task An_ingestion_no_longer_renewed_is_discarded_after_its_lease_and_leaves_no_key()
    {
        var name = Training.UniqueName("abandoned");
        var dataset = fixture.Client.Cluster.Dataset(name);
        var clock = Stopwatch.StartNew();
        var lease = await dataset.BeginIngestAsync(new DatasetSchema { FeatureNames = ["a"], LabelName = "y" }, shardCount: 2, outOfOrder: false);
        await fixture.Client.Cluster.DataShard(name, 0).AppendChunkAsync(lease.IngestId, 0, Chunk(3));
        Assert.Equal(Lease, lease.Length);
        Assert.NotEmpty(fixture.KeysContaining($"/rows/{name}/"));
        Assert.Single(await ReminderRowsAsync(dataset));

        while ((await dataset.GetInfoAsync()).Status != DatasetStatus.None && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var discardedAfter = clock.Elapsed;
        output.WriteLine($"discarded {discardedAfter.TotalSeconds:F2} s after it began, with a lease of {Lease.TotalSeconds:F0} s");
        Assert.Equal(DatasetStatus.None, (await dataset.GetInfoAsync()).Status);
        Assert.InRange(discardedAfter, Lease, Lease + Lease / 4 + TimeSpan.FromSeconds(5));
        Assert.Empty(fixture.KeysContaining($"/{name}/"));
        // The discard removes the reminder; where that did not take (seen only in loaded full-suite runs, cause not
        // found), the reminder removes itself at its first tick, a period (1 minute) after the ingestion began.
        var reminderGone = Stopwatch.StartNew();
        while ((await ReminderRowsAsync(dataset)).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(75))
        {
            await Task.Delay(200);
        }

        output.WriteLine($"lease reminder gone {reminderGone.Elapsed.TotalSeconds:F2} s after the discard");
        Assert.Empty(await ReminderRowsAsync(dataset));
        Assert.DoesNotContain(name, await fixture.Client.Cluster.DatasetCatalog().ListAsync());

        var late = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.Cluster.DataShard(name, 1).AppendChunkAsync(lease.IngestId, 0, Chunk(2)));
        Assert.Contains("which this shard is not taking", late.Message, StringComparison.Ordinal);
        var renewal = await Assert.ThrowsAsync<InvalidOperationException>(() => dataset.RenewIngestAsync(lease.IngestId));
        Assert.Contains($"has no ingestion {lease.IngestId} in progress", renewal.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.KeysContaining($"/{name}/"));
        Assert.Equal(Rows, (await fixture.Client.CreateDatasetAsync(name, Synthetic(Rows), Options)).TotalRows);
    }

    [Fact]
    public async Task Deleting_a_dataset_being_ingested_stops_the_upload_and_leaves_no_key()
    {
        var name = Training.UniqueName("cut");
        var held = new HeldRowReader(Synthetic(Rows), holdAt: Rows / 2);
        var upload = fixture.Client.CreateDatasetAsync(name, held, Options);
        await held.Reached;

        Assert.Empty(await fixture.Client.DeleteDatasetAsync(name));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => upload);

        Assert.Contains($"Dataset \"{name}\" has no ingestion", error.Message, StringComparison.Ordinal);
        Assert.Contains("the dataset was deleted", error.Message, StringComparison.Ordinal);
        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(name)).Status);
        Assert.Empty(fixture.KeysContaining($"/{name}/"));
    }

    /// <summary>The reminders the dataset grain holds, as the silos' reminder table lists them.</summary>
    private async Task<IList<ReminderEntry>> ReminderRowsAsync(IDatasetGrain dataset) =>
        (await fixture.SiloServices.GetRequiredService<IReminderTable>().ReadRows(dataset.GetGrainId())).Reminders;

    /// <summary><paramref name="rows"/> rows of four features, the same for every call.</summary>
    private static InMemoryRowReader Synthetic(int rows)
    {
        var random = new Random(31);
        var features = Enumerable.Range(0, rows * 4).Select(_ => (float)random.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, rows).Select(i => features[4 * i] + 2.0 * features[(4 * i) + 3]).ToArray();
        return new InMemoryRowReader(["a", "b", "c", "d"], "y", features, labels);
    }

    /// <summary>A dense chunk of <paramref name="rows"/> rows of one feature.</summary>
    private static ShardChunk Chunk(int rows) => new()
    {
        Rows = rows, Columns = 1, FeatureType = FeatureType.Float32,
        Features = new PackedVector { Bytes = DenseBuffers.ToBytes(Enumerable.Range(0, rows).Select(i => (float)i).ToArray()) },
        Labels = new PackedVector { Bytes = DenseBuffers.ToBytes(Enumerable.Range(0, rows).Select(i => (double)i).ToArray()) },
    };
}
