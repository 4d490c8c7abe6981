using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Pause, resume, learning-rate changes and the catalogs of datasets and jobs.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class ControlTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task A_paused_and_resumed_job_ends_with_the_same_bits_as_an_uninterrupted_one()
    {
        var dataset = Training.UniqueName("pause");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(2_000, 6, seed: 31), "y", 3);
        JobSpec Spec(string name) => new()
        {
            Name = name, Dataset = dataset, LearningRate = 0.2, Momentum = 0.9, Nesterov = true, MaxRounds = 1_500, Tolerance = 0, WeightBlocks = 2,
        };

        var (_, uninterrupted) = await Training.RunAsync(fixture.Client, Spec(Training.UniqueName("straight")));

        var job = Training.UniqueName("paused");
        await fixture.Client.StartJobAsync(Spec(job));
        await WaitForRoundAsync(job, 10);
        var paused = await fixture.Client.PauseJobAsync(job);
        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.InRange(paused.Round, 10, 1_499);
        Assert.Equal(paused.Round, (await fixture.Client.Cluster.GetGrain<ITrainerGrain>(job).GetModelAsync()).Rounds);
        Assert.Equal(paused.Round, (await fixture.Client.GetJobAsync(job)).Round);

        var resumed = await fixture.Client.ResumeJobAsync(job);
        Assert.Equal(JobStatus.Running, resumed.Status);
        var final = await fixture.Client.WaitForJobAsync(job);
        Assert.Equal(JobStatus.Completed, final.Status);
        Assert.Equal(1_500, final.Round);
        Assert.Equal(Training.Coefficients(uninterrupted), Training.Coefficients(await fixture.Client.GetModelAsync(job)));
        Assert.Equal([JobEventKind.Started, JobEventKind.Paused, JobEventKind.Resumed, JobEventKind.Completed], final.History.Select(e => e.Kind));
        Assert.Equal(paused.Round, final.History[1].Round);
    }

    [Fact]
    public async Task A_learning_rate_change_applies_from_the_next_round_and_is_recorded_in_the_history()
    {
        var dataset = Training.UniqueName("rate");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(1_000, 4, seed: 32), "y", 2);
        var job = Training.UniqueName("rate-job");
        await fixture.Client.StartJobAsync(new JobSpec { Name = job, Dataset = dataset, LearningRate = 0.01, MaxRounds = 1_000_000, Tolerance = 0, WeightBlocks = 2 });
        await WaitForRoundAsync(job, 5);

        await fixture.Client.PauseJobAsync(job);
        var changed = await fixture.Client.SetLearningRateAsync(job, 0.3);
        Assert.Equal(0.3, changed.Spec!.LearningRate);
        var changeRound = changed.Round;
        await fixture.Client.ResumeJobAsync(job);
        await WaitForRoundAsync(job, changeRound + 20);
        var cancelled = await fixture.Client.CancelJobAsync(job);

        var metrics = await fixture.Client.GetMetricsAsync(job);
        Assert.Equal(cancelled.Round, metrics.Length);
        Assert.All(metrics.Take((int)changeRound), m => Assert.Equal(0.01, m.LearningRate));
        Assert.All(metrics.Skip((int)changeRound), m => Assert.Equal(0.3, m.LearningRate));
        Assert.Equal(
            [JobEventKind.Started, JobEventKind.Paused, JobEventKind.LearningRateChanged, JobEventKind.Resumed, JobEventKind.Cancelled],
            cancelled.History.Select(e => e.Kind));
        var change = cancelled.History[2];
        Assert.Equal(changeRound, change.Round);
        Assert.Equal("learning rate 0.01 -> 0.3", change.Detail);
        Assert.True(cancelled.History.Zip(cancelled.History.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task Control_calls_refuse_what_the_job_cannot_do()
    {
        var dataset = Training.UniqueName("refuse");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(300, 3, seed: 33), "y", 2);
        var lbfgs = Training.UniqueName("refuse-lbfgs");
        await fixture.Client.StartJobAsync(new JobSpec { Name = lbfgs, Dataset = dataset, Solver = SolverKind.Lbfgs, MaxRounds = 1_000_000, Tolerance = 0 });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.SetLearningRateAsync(lbfgs, 0.5));
        Assert.Contains("no fixed learning rate", error.Message);
        await fixture.Client.CancelJobAsync(lbfgs);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.PauseJobAsync(lbfgs));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.ResumeJobAsync(lbfgs));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.PauseJobAsync(Training.UniqueName("nojob")));
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public async Task Datasets_and_jobs_are_listed_from_persisted_catalogs()
    {
        var dataset = Training.UniqueName("listed");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(200, 2, seed: 34), "y", 2);
        var job = Training.UniqueName("listed-job");
        await Training.RunAsync(fixture.Client, new JobSpec { Name = job, Dataset = dataset, MaxRounds = 3 });

        var datasets = await fixture.Client.ListDatasetsAsync();
        Assert.Equal(200, datasets.Single(d => d.Name == dataset).TotalRows);
        Assert.Equal(datasets.Select(d => d.Name).Order(StringComparer.Ordinal), datasets.Select(d => d.Name));
        Assert.Equal(JobStatus.Completed, (await fixture.Client.ListJobsAsync()).Single(j => j.Name == job).Status);
        Assert.Single(fixture.KeysContaining("/state/"), k => k.ToString().EndsWith($"/{CatalogNames.Jobs}/catalog", StringComparison.Ordinal));

        await fixture.Client.DeleteDatasetAsync(dataset);
        Assert.DoesNotContain(dataset, (await fixture.Client.ListDatasetsAsync()).Select(d => d.Name));
    }

    private async Task WaitForRoundAsync(string job, long round)
    {
        await foreach (var metrics in fixture.Client.WatchAsync(job))
        {
            if (metrics.Round >= round)
            {
                return;
            }
        }
    }
}
