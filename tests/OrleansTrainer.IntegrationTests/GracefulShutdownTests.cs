using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// What Kubernetes does to a pod on scale-down, rollout or node drain: SIGTERM. The silo lets its in-flight work finish,
/// deactivates its grains (their state is in Redis) and leaves the cluster, exiting 0; the job carries on on the other
/// silos and ends with the weights of an uninterrupted run.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Rounds = 120;
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30); // SiloHostOptions.ShutdownTimeout, local.json
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(20_000, 10, seed: 78));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_silo_stopped_with_sigterm_mid_job_exits_cleanly_and_the_job_completes_unchanged(bool trainerSilo)
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "drain", Csv.Value, "y", shards: 6);
        var (referenceStatus, referenceModel) = await Training.RunAsync(client, Spec("reference"));
        Assert.Equal(JobStatus.Completed, referenceStatus.Status);

        await client.StartJobAsync(Spec("sigterm"));
        await JobProgress.WaitForRoundAsync(client, "sigterm", 40);
        var trainerAddress = await JobProgress.TrainerSiloAsync(client, "sigterm");
        var victim = cluster.Silos.First(s => (s.SiloPort == trainerAddress.Endpoint.Port) == trainerSilo);

        // Kubernetes allows terminationGracePeriodSeconds; here the shutdown timeout plus a margin for a loaded machine.
        var exitedByItself = await victim.StopAsync(ShutdownTimeout + TimeSpan.FromSeconds(30));
        Assert.True(exitedByItself, $"{victim.Name} did not exit on SIGTERM:\n{victim.Tail()}");
        Assert.True(victim.ExitCode == 0, $"{victim.Name} exited {victim.ExitCode}:\n{victim.Tail()}");

        var status = await JobProgress.WaitForCompletionAsync(client, "sigterm");
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(Rounds, status.Round);
        Assert.Equal(Training.Coefficients(referenceModel), Training.Coefficients(await client.GetModelAsync("sigterm")));
        var survivors = await client.Cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, survivors.Count);
        Assert.DoesNotContain(survivors.Keys, address => address.Endpoint.Port == victim.SiloPort);
    }

    [Fact]
    public async Task A_job_carries_on_after_its_trainer_silo_stops_with_no_client_calling()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "drain", Csv.Value, "y", shards: 6);
        await client.StartJobAsync(Spec("unwatched") with { MaxRounds = 100_000 });
        await JobProgress.WaitForRoundAsync(client, "unwatched", 20);
        var trainerAddress = await JobProgress.TrainerSiloAsync(client, "unwatched");
        var victim = cluster.Silos.First(s => s.SiloPort == trainerAddress.Endpoint.Port);

        Assert.True(await victim.StopAsync(ShutdownTimeout + TimeSpan.FromSeconds(30)), $"{victim.Name} did not exit on SIGTERM:\n{victim.Tail()}");

        // Nobody calls the trainer from here on: the rounds it commits show in its metrics list in Redis.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var metrics = new StackExchange.Redis.RedisKey($"{cluster.ServiceId}/metrics/unwatched");
        var roundsAtStop = await redis.GetDatabase().ListLengthAsync(metrics);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await redis.GetDatabase().ListLengthAsync(metrics) < roundsAtStop + 50)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.NotEqual(trainerAddress, await JobProgress.TrainerSiloAsync(client, "unwatched"));
        await client.CancelJobAsync("unwatched");
    }

    private static JobSpec Spec(string name) => new()
    {
        Name = name, Dataset = "drain", LearningRate = 0.05, Momentum = 0.5, MaxRounds = Rounds, Tolerance = 0, WeightBlocks = 3,
    };
}
