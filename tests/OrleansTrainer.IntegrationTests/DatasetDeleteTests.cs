using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>A dataset that running or paused jobs use is deleted only when forced, which cancels them on record.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class DatasetDeleteTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task A_dataset_in_use_is_deleted_only_when_forced_and_the_jobs_using_it_are_cancelled_on_record()
    {
        var dataset = Training.UniqueName("in-use");
        var other = Training.UniqueName("in-use-other");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(400, 3, seed: 61), "y", 2);
        await Training.IngestAsync(fixture.Client, other, TestData.SyntheticRegressionCsv(400, 3, seed: 62), "y", 2);
        var trains = Training.UniqueName("trains");
        var validates = Training.UniqueName("validates");
        var finished = Training.UniqueName("finished");
        var elsewhere = Training.UniqueName("elsewhere");
        await Training.RunAsync(fixture.Client, new JobSpec { Name = finished, Dataset = dataset, MaxRounds = 3 });
        await fixture.Client.StartJobAsync(Endless(trains, dataset));
        await fixture.Client.StartJobAsync(Endless(validates, other) with { Validation = new ValidationSpec { Dataset = dataset } });
        await fixture.Client.StartJobAsync(Endless(elsewhere, other));
        await fixture.Client.PauseJobAsync(validates);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.DeleteDatasetAsync(dataset));

        Assert.Contains($"Dataset \"{dataset}\" is used by jobs", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{trains}\"", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{validates}\"", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(finished, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere, refused.Message, StringComparison.Ordinal);
        Assert.Equal(DatasetStatus.Ready, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(trains)).Status);

        var cancelled = await fixture.Client.DeleteDatasetAsync(dataset, force: true);

        Assert.Equal(new[] { trains, validates }.Order(StringComparer.Ordinal), cancelled.Order(StringComparer.Ordinal));
        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Empty(fixture.KeysContaining($"/{dataset}/"));
        foreach (var job in cancelled)
        {
            var status = await fixture.Client.GetJobAsync(job);
            Assert.Equal(JobStatus.Cancelled, status.Status);
            var last = status.History[^1];
            Assert.Equal(JobEventKind.Cancelled, last.Kind);
            Assert.EndsWith($": its dataset \"{dataset}\" was deleted (forced)", last.Detail, StringComparison.Ordinal);
            Assert.Equal(status.Reason, last.Detail);
        }

        Assert.Equal(JobStatus.Completed, (await fixture.Client.GetJobAsync(finished)).Status);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(elsewhere)).Status);
        await fixture.Client.CancelJobAsync(elsewhere);
    }

    /// <summary>
    /// A completed job whose dataset was deleted and ingested again under its name (other columns, other statistics)
    /// refuses to give its model or to continue, naming both ingestions, where it used to hand back its weights read
    /// against the new dataset's feature names and statistics.
    /// </summary>
    [Fact]
    public async Task A_job_whose_dataset_was_ingested_again_under_its_name_refuses_its_model_instead_of_misreading_it()
    {
        var dataset = Training.UniqueName("reused");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(300, 3, seed: 64), "y", 2);
        var job = Training.UniqueName("on-first");
        await Training.RunAsync(fixture.Client, new JobSpec { Name = job, Dataset = dataset, Solver = SolverKind.NormalEquations });
        var model = await fixture.Client.GetModelAsync(job);

        await fixture.Client.DeleteDatasetAsync(dataset);
        var gone = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.GetModelAsync(job));
        Assert.Equal($"Job \"{job}\": its dataset \"{dataset}\" was deleted, and the job's weights are read against its features and statistics; export a job's model before deleting its dataset.", gone.Message);
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(300, 3, seed: 65), "y", 2);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.GetModelAsync(job));
        Assert.Contains($"Job \"{job}\" was trained on dataset \"{dataset}\" as ingested at", refused.Message, StringComparison.Ordinal);
        Assert.Contains("deleted and ingested again at", refused.Message, StringComparison.Ordinal);
        var notContinued = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.ContinueJobAsync(job, 100));
        Assert.Equal(refused.Message, notContinued.Message);
        var status = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Completed, status.Status);
        Assert.DoesNotContain(status.History, e => e.Kind == JobEventKind.Continued);
        Assert.Equal(3, model.FeatureCount);
    }

    [Fact]
    public async Task A_dataset_no_running_job_uses_is_deleted_at_once_and_a_missing_one_is_nothing_to_do()
    {
        var dataset = Training.UniqueName("unused");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(200, 2, seed: 63), "y", 2);
        var job = Training.UniqueName("done");
        await Training.RunAsync(fixture.Client, new JobSpec { Name = job, Dataset = dataset, MaxRounds = 2 });

        Assert.Empty(await fixture.Client.DeleteDatasetAsync(dataset));
        Assert.Empty(await fixture.Client.DeleteDatasetAsync(dataset));

        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Equal(JobStatus.Completed, (await fixture.Client.GetJobAsync(job)).Status);
    }

    private static JobSpec Endless(string name, string dataset) => new() { Name = name, Dataset = dataset, MaxRounds = 1_000_000, Tolerance = 0 };
}
