using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A running job's shards and blocks are spread over the silos (shard i on silo i mod n, block b on silo (S + b) mod n)
/// when it starts and again after a silo is lost, on real silo processes; the spread changes no number.
/// </summary>
public sealed class PlacementBalanceTests
{
    private const int Shards = 6;
    private const int Blocks = 3;
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(20_000, 10, seed: 91));

    /// <summary>
    /// Either silo may die: the trainer's own (it reactivates elsewhere) or another (the trainer stays, unless the dead
    /// silo held its directory entry, when Orleans deactivates it too); the trainer records the loss either way.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Shards_and_blocks_are_spread_at_the_start_and_again_over_the_survivors_of_a_kill(bool killTheTrainersSilo)
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "balance", Csv.Value, "y", shards: Shards);
        var spec = new JobSpec { Name = "balanced", Dataset = "balance", LearningRate = 0.05, Momentum = 0.5, MaxRounds = 100_000, Tolerance = 0, WeightBlocks = Blocks };
        await client.StartJobAsync(spec);
        await JobProgress.WaitForRoundAsync(client, "balanced", 5);

        var atStart = await WaitForSpreadAsync(client, [3, 3, 3]);
        Assert.True(atStart.Order().SequenceEqual([3, 3, 3]), $"at the start the 9 shards and blocks sat {string.Join("/", atStart)} on the 3 silos");

        var trainer = await JobProgress.TrainerSiloAsync(client, "balanced");
        var victim = cluster.Silos.First(s => (s.SiloPort == trainer.Endpoint.Port) == killTheTrainersSilo);
        await victim.KillAsync();
        var afterKill = await WaitForSpreadAsync(client, [4, 5]);
        Assert.True(afterKill.Order().SequenceEqual([4, 5]), $"after a kill the 9 shards and blocks sat {string.Join("/", afterKill)} on the 2 survivors");
        // The lost grains may land 5/4 by chance before the trainer sees the silo leave; its history says when it did.
        bool Left(JobEvent e) => e.Kind == JobEventKind.SilosChanged && e.Detail.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) && e.Detail.Contains("left", StringComparison.Ordinal);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!(await client.GetJobAsync("balanced")).History.Any(Left) && !timeout.IsCancellationRequested)
            {
                await Task.Delay(250);
            }
        }

        Assert.Contains((await client.CancelJobAsync("balanced")).History, Left);
    }

    /// <summary>Waits (up to 60 s) until the job's shards and blocks sit on the live silos as <paramref name="expected"/> says (in any order); returns the last count per silo.</summary>
    private static async Task<int[]> WaitForSpreadAsync(TrainerClient client, int[] expected)
    {
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        var keys = Enumerable.Range(0, Shards).Select(s => GrainKeys.Child("balance", s)).Concat(Enumerable.Range(0, Blocks).Select(b => GrainKeys.Child("balanced", b))).ToHashSet();
        int[] counts = [];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: true);
                counts = await Task.WhenAll(hosts.Keys.Select(async silo =>
                    (await management.GetDetailedGrainStatistics(hostsIds: [silo])).Count(a => keys.Contains(a.GrainId.Key.ToString()!))));
                if (counts.Order().SequenceEqual(expected.Order()))
                {
                    break;
                }
            }
            catch (OrleansException)
            {
                // The killed silo is still listed as active until the membership declares it dead: ask again.
            }

            await Task.Delay(250);
        }

        return counts;
    }
}
