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
