using Orleans.Storage;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using StackExchange.Redis;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Deleting a job removes every Redis key it owns — the trainer's and its blocks' grain state, its metrics, its L-BFGS
/// vectors, its kept early-stopping weights — and its catalog entry; a running job is refused, an unknown one is not
/// found, a delete cut off half-way is finished by the next, and the name can be used again.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class JobDeleteTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Deleting_a_finished_lbfgs_job_with_early_stopping_leaves_no_key_that_mentions_it()
    {
        var dataset = await DatasetAsync("delete-all");
        var job = Training.UniqueName("delete-lbfgs");
        var (status, _) = await Training.RunAsync(fixture.Client, LbfgsWithEarlyStopping(job, dataset));
        Assert.Equal(JobStatus.Completed, status.Status);

        // Everything the test then demands gone is there first.
        Assert.True(await fixture.Redis.KeyExistsAsync($"{fixture.ServiceId}/metrics/{job}"));
        Assert.True(await fixture.Redis.KeyExistsAsync($"{fixture.ServiceId}/kept/{job}"));
        Assert.NotEmpty(fixture.KeysContaining($"/lbfgs/{job}/"));
        Assert.True(await fixture.Redis.KeyExistsAsync(StateKey<ITrainerGrain>(job, "trainer")));
        Assert.True(await fixture.Redis.KeyExistsAsync(StateKey<IWeightBlockGrain>(GrainKeys.Child(job, 0), "block")));
        Assert.True(await fixture.Redis.KeyExistsAsync(StateKey<IWeightBlockGrain>(GrainKeys.Child(job, 1), "block")));
        Assert.Contains(job, await fixture.Client.Cluster.JobCatalog().ListAsync());

        await fixture.Client.DeleteJobAsync(job);

        Assert.Empty(KeysMentioning(job));
        Assert.DoesNotContain(job, await fixture.Client.Cluster.JobCatalog().ListAsync());
        Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(job)).Status);
        Assert.DoesNotContain(job, (await fixture.Client.ListJobsAsync()).Select(j => j.Name));
    }

    [Fact]
    public async Task A_deleted_name_starts_a_new_job_that_matches_one_under_a_fresh_name_bit_for_bit()
    {
        var dataset = await DatasetAsync("delete-reuse");
        var job = Training.UniqueName("reuse");
        Assert.Equal(JobStatus.Completed, (await Training.RunAsync(fixture.Client, LbfgsWithEarlyStopping(job, dataset))).Status.Status);
        var taken = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.StartJobAsync(LbfgsWithEarlyStopping(job, dataset)));
        Assert.Contains("already exists (Completed); delete it first", taken.Message);
        await fixture.Client.DeleteJobAsync(job);

        // Another solver, block count and round count: nothing of the first job may leak into the second.
        JobSpec Gradient(string name) => new() { Name = name, Dataset = dataset, WeightBlocks = 3, LearningRate = 0.3, MaxRounds = 25, Tolerance = 0 };
        var (reused, reusedModel) = await Training.RunAsync(fixture.Client, Gradient(job));
        var (fresh, freshModel) = await Training.RunAsync(fixture.Client, Gradient(Training.UniqueName("fresh")));

        Assert.Equal(JobStatus.Completed, reused.Status);
        Assert.Equal(fresh.Round, reused.Round);
        Assert.Equal(Training.Coefficients(freshModel), Training.Coefficients(reusedModel));
        var metrics = await fixture.Client.GetMetricsAsync(job);
        Assert.Equal(Enumerable.Range(0, 25).Select(r => (long)r), metrics.Select(m => m.Round));
        Assert.Equal(["Started", "Completed"], reused.History.Select(e => e.Kind.ToString()));
        Assert.Empty(fixture.KeysContaining($"/lbfgs/{job}/"));
        Assert.Empty(fixture.KeysContaining($"/kept/{job}"));
    }

    [Fact]
    public async Task Deleting_a_running_or_paused_job_is_refused_and_leaves_it_as_it_was()
    {
        var dataset = await DatasetAsync("delete-running");
        var job = Training.UniqueName("running");
        await fixture.Client.StartJobAsync(new JobSpec { Name = job, Dataset = dataset, LearningRate = 1e-6, MaxRounds = 100_000_000, Tolerance = 0 });
        await WaitForRoundAsync(job, 5);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.DeleteJobAsync(job));
        Assert.Contains($"Job \"{job}\" is Running; cancel it first", refused.Message);
        var round = (await fixture.Client.GetJobAsync(job)).Round;
        await WaitForRoundAsync(job, round + 5);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(job)).Status);

        await fixture.Client.PauseJobAsync(job);
        var paused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.DeleteJobAsync(job));
        Assert.Contains("is Paused; cancel it first", paused.Message);
        Assert.Equal(JobStatus.Paused, (await fixture.Client.GetJobAsync(job)).Status);
        Assert.True(await fixture.Redis.KeyExistsAsync($"{fixture.ServiceId}/metrics/{job}"));

        await fixture.Client.CancelJobAsync(job);
        await fixture.Client.DeleteJobAsync(job);
        Assert.Empty(KeysMentioning(job));
    }

    [Fact]
    public async Task Deleting_an_unknown_job_is_a_not_found_error()
    {
        var job = Training.UniqueName("nothing");

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => fixture.Client.DeleteJobAsync(job));

        Assert.Contains($"Job \"{job}\" does not exist", error.Message);
        Assert.Empty(KeysMentioning(job));
    }

    [Fact]
    public async Task A_delete_cut_off_after_marking_the_job_or_after_deleting_its_state_is_finished_by_the_next()
    {
        var dataset = await DatasetAsync("delete-crash");
        var job = Training.UniqueName("crashed");
        Assert.Equal(JobStatus.Completed, (await Training.RunAsync(fixture.Client, LbfgsWithEarlyStopping(job, dataset))).Status.Status);

        // As a delete cut off after it marked the job and removed its metrics and one block: the state says Deleting.
        await MarkDeletingAsync(job);
        await fixture.Redis.KeyDeleteAsync($"{fixture.ServiceId}/metrics/{job}");
        await fixture.Client.Cluster.WeightBlock(job, 0).ClearAsync();
        await fixture.Cluster.DeactivateAsync(fixture.Client.Cluster.Trainer(job));
        Assert.Equal(JobStatus.Deleting, (await fixture.Client.GetJobAsync(job)).Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.ContinueJobAsync(job, 500));

        await fixture.Client.DeleteJobAsync(job);
        Assert.Empty(KeysMentioning(job));
        Assert.DoesNotContain(job, await fixture.Client.Cluster.JobCatalog().ListAsync());

        // As a delete cut off after the trainer's state went, before the catalog dropped the name.
        await fixture.Client.Cluster.JobCatalog().AddAsync(job);
        Assert.DoesNotContain(job, (await fixture.Client.ListJobsAsync()).Select(j => j.Name));
        await fixture.Client.DeleteJobAsync(job);
        Assert.DoesNotContain(job, await fixture.Client.Cluster.JobCatalog().ListAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => fixture.Client.DeleteJobAsync(job));
    }

    private static JobSpec LbfgsWithEarlyStopping(string job, string dataset) => new()
    {
        Name = job,
        Dataset = dataset,
        Solver = SolverKind.Lbfgs,
        LbfgsMemory = 3,
        WeightBlocks = 2,
        L2 = 1e-3,
        MaxRounds = 40,
        Validation = new ValidationSpec { Fraction = 0.2, Seed = 3, Patience = 2 },
    };

    private async Task<string> DatasetAsync(string prefix)
    {
        var dataset = Training.UniqueName(prefix);
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(1_500, 6, seed: 12), "y", 3);
        return dataset;
    }

    private async Task WaitForRoundAsync(string job, long round)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await fixture.Client.GetJobAsync(job, timeout.Token)).Round < round)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Every key in Redis — under the service prefix or not — whose name contains <paramref name="job"/>.</summary>
    private RedisKey[] KeysMentioning(string job) =>
        fixture.RedisServer.Keys(pattern: "*").Where(k => k.ToString().Contains(job, StringComparison.Ordinal)).ToArray();

    private string StateKey<TGrain>(string key, string stateName)
        where TGrain : IGrainWithStringKey =>
        TrainerStorage.KeyOf(fixture.ServiceId, fixture.Client.Cluster.GetGrain<TGrain>(key).GetGrainId(), stateName);

    /// <summary>Rewrites the trainer's persisted state with status Deleting, as the first step of a delete leaves it.</summary>
    private async Task MarkDeletingAsync(string job)
    {
        var key = StateKey<ITrainerGrain>(job, "trainer");
        var serializer = new OrleansGrainStorageSerializer(fixture.Serializer);
        var stored = serializer.Deserialize<JobState>(new BinaryData((byte[])(await fixture.Redis.HashGetAsync(key, "data"))!))!;
        await fixture.Redis.HashSetAsync(key, "data", serializer.Serialize(stored with { Status = JobStatus.Deleting }).ToArray());
    }
}
