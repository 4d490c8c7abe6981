using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Once every dataset and job is deleted, Redis holds nothing of them — not even the two catalogs, whose empty lists
/// stayed behind as keys (found by bench/soak.sh) — and the emptied catalogs list new names again. A cluster of its own,
/// so that no other test's dataset or job is listed.
/// </summary>
public sealed class EmptyCatalogTests(TrainerClusterFixture fixture) : IClassFixture<TrainerClusterFixture>
{
    [Fact]
    public async Task Deleting_every_dataset_and_job_leaves_no_key_and_the_catalogs_list_new_names_again()
    {
        var dataset = Training.UniqueName("all-gone");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(200, 2, seed: 71), "y", 2);
        var job = Training.UniqueName("all-gone");
        Assert.Equal(JobStatus.Completed, (await Training.RunAsync(fixture.Client, new JobSpec { Name = job, Dataset = dataset, MaxRounds = 3 })).Status.Status);
        Assert.Equal(2, fixture.KeysContaining("/catalog/").Length);

        await fixture.Client.DeleteJobAsync(job);
        await fixture.Client.DeleteDatasetAsync(dataset);

        Assert.Empty(await fixture.Client.ListJobsAsync());
        Assert.Empty(await fixture.Client.ListDatasetsAsync());
        Assert.Empty(fixture.KeysContaining(""));

        var again = Training.UniqueName("again");
        await Training.IngestAsync(fixture.Client, again, TestData.SyntheticRegressionCsv(200, 2, seed: 72), "y", 2);
        await Training.RunAsync(fixture.Client, new JobSpec { Name = again, Dataset = again, MaxRounds = 2 });
        Assert.Equal([again], (await fixture.Client.ListDatasetsAsync()).Select(d => d.Name));
        Assert.Equal([again], (await fixture.Client.ListJobsAsync()).Select(j => j.Name));
    }
}
