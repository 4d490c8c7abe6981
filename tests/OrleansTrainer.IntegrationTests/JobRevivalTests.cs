using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Grains;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A running job resumes by itself — no client calling it, long before the one-minute watchdog reminder — after its
/// trainer's silo is killed and after every silo restarts: the silos wake the trainers of running jobs when a silo
/// dies and when they start. Rounds are observed in the job's Redis metrics list, which calls no grain.
/// </summary>
public sealed class JobRevivalTests(ITestOutputHelper output)
{
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(4_000, 8, seed: 91));

    /// <summary>Well under the watchdog's minute, with room for a loaded machine.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_whose_trainer_silo_is_killed_resumes_with_no_client_calling()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3);
        await using (var client = await TrainerClient.ConnectAsync(cluster.ClientOptions))
        {
            await StartAsync(client, "revive-kill");
            var trainer = await JobProgress.TrainerSiloAsync(client, "revive-kill");
            await cluster.Silos.First(s => s.SiloPort == trainer.Endpoint.Port).KillAsync();
        }

        var waited = await NextRoundsAsync(cluster, "revive-kill");
        output.WriteLine($"next rounds {waited.TotalSeconds:F1} s after the kill");
    }

    [Fact]
    public async Task A_job_resumes_after_every_silo_restarts_with_no_client_calling()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using (var client = await TrainerClient.ConnectAsync(cluster.ClientOptions))
        {
            await StartAsync(client, "revive-restart");
        }

        await Task.WhenAll(cluster.Silos.Select(s => s.KillAsync()));
        var started = Stopwatch.StartNew();
        await cluster.AddSiloAsync();
        var up = started.Elapsed;
        var waited = await NextRoundsAsync(cluster, "revive-restart");
        output.WriteLine($"next rounds {waited.TotalSeconds:F1} s after the first new silo was up ({up.TotalSeconds:F1} s after the kill)");
    }

    private static async Task StartAsync(TrainerClient client, string job)
    {
        await Training.IngestAsync(client, "revive", Csv.Value, "y", shards: 4);
        await client.StartJobAsync(new JobSpec { Name = job, Dataset = "revive", LearningRate = 0.05, MaxRounds = 1_000_000, Tolerance = 0, WeightBlocks = 2 });
        await JobProgress.WaitForRoundAsync(client, job, 10);
    }

    /// <summary>Waits until the job's metrics list has grown by 20 rounds; returns how long that took.</summary>
    private static async Task<TimeSpan> NextRoundsAsync(LocalTrainerCluster cluster, string job)
    {
        var clock = Stopwatch.StartNew();
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var metrics = new RedisKeys(Options.Create(new ClusterOptions { ServiceId = cluster.ServiceId })).JobMetrics(job);
        var before = await redis.GetDatabase().ListLengthAsync(metrics);
        while (await redis.GetDatabase().ListLengthAsync(metrics) < before + 20)
        {
            Assert.True(clock.Elapsed < Limit, $"no new rounds of {job} within {Limit.TotalSeconds} s with no client calling");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }
}
