using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A fault inside the cluster reaches a client as a message it can read (the type of a provider's exception is not
/// one a client loads: <c>otrain</c> printed "Unable to load Orleans.Reminders.Redis.RedisRemindersException"), and a
/// job start it cut short leaves nothing behind: the same start succeeds once the fault is gone.
/// </summary>
public sealed class ClientFacingFaultTests
{
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(2_000, 5, seed: 13));

    [Fact]
    public async Task A_job_started_while_redis_is_down_fails_with_the_redis_error_and_starts_once_redis_is_back()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 1);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "outage", Csv.Value, "y", shards: 2);
        var spec = new JobSpec { Name = "started-in-outage", Dataset = "outage", LearningRate = 0.05, MaxRounds = 20, Tolerance = 0 };

        // The trainer activates (reading its empty state) before Redis stops, so the start fails on a command of its own.
        Assert.Equal(JobStatus.None, (await client.GetJobAsync(spec.Name)).Status);
        await cluster.Redis.StopAsync();
        var error = await Record.ExceptionAsync(() => client.StartJobAsync(spec));
        await cluster.Redis.StartAgainAsync();

        var fault = Assert.IsType<OrleansException>(error);
        Assert.Contains("Redis", fault.Message, StringComparison.Ordinal);
        var (status, _) = await Training.RunAsync(client, spec);
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(20, status.Round);
    }
}
