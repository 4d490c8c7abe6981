using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A running job that commits no round for longer than the silos' stall limit is reported in its history rather than
/// staying silently Running, with the reason when rounds were failing, and its resumption follows; on a cluster of its
/// own whose limit is 3 s.
/// </summary>
public sealed class StallReportTests(StallClusterFixture fixture) : IClassFixture<StallClusterFixture>
{
    [Fact]
    public async Task A_job_without_rounds_through_a_redis_outage_is_reported_stalled_and_then_resumed()
    {
        var dataset = Training.UniqueName("stall");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(2_000, 5, seed: 17), "y", shards: 2);
        var job = Training.UniqueName("stalled");
        await fixture.Client.StartJobAsync(new JobSpec { Name = job, Dataset = dataset, LearningRate = 0.05, MaxRounds = 1_000_000, Tolerance = 0 });
        await JobProgress.WaitForRoundAsync(fixture.Client, job, 5);

        // Three stall limits and more than two watchdog ticks without Redis: no round can commit.
        await fixture.RedisProcess.StopAsync();
        await Task.Delay(3 * StallClusterFixture.StallReportAfter);
        await fixture.RedisProcess.StartAgainAsync();

        JobEvent[] history = [];
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!history.Any(e => e.Kind == JobEventKind.RoundsResumed) && !timeout.IsCancellationRequested)
            {
                await Task.Delay(200);
                history = (await fixture.Client.GetJobAsync(job)).History;
            }
        }

        var status = await fixture.Client.CancelJobAsync(job);
        var kinds = status.History.Select(e => e.Kind).ToArray();
        var stalled = Array.IndexOf(kinds, JobEventKind.Stalled);
        Assert.True(stalled > 0, $"no stall in the history: {string.Join("; ", status.History.Select(e => $"{e.Kind} {e.Detail}"))}");
        Assert.Matches(@"^no round committed for \d+ s \(\d+ failed attempts?, the first a \w+Exception\); the round driver restarts$", status.History[stalled].Detail);
        Assert.Equal(JobEventKind.RoundRetried, kinds[..stalled].Last(k => k is not JobEventKind.SilosChanged));
        Assert.Contains(JobEventKind.RoundsResumed, kinds[(stalled + 1)..]);
    }
}
