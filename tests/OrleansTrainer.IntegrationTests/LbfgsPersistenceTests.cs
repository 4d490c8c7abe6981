using Microsoft.Extensions.DependencyInjection;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The trainer's L-BFGS vectors live in Redis keys of their own — one per accepted point, with its gradient — not in the
/// trainer's state; the correction pairs are rebuilt from the accepted points they join, the direction and the point to
/// evaluate chosen again. A trainer that is deactivated mid-job reads them back and continues the same iteration bit for
/// bit, and the points no kept pair needs are deleted.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class LbfgsPersistenceTests(TrainerClusterFixture fixture)
{
    /// <summary>
    /// A converged L-BFGS job is not continued: its stored minimizer had stopped, and more rounds cannot move it (a
    /// continuation used to be accepted, then fail every round and keep the job Running for ever). The refusal says why
    /// and leaves the job, its rounds and its model as they were.
    /// </summary>
    [Fact]
    public async Task A_converged_lbfgs_job_is_not_continued_and_stays_as_it_was()
    {
        var dataset = Training.UniqueName("lbfgs-continue");
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath("breast_cancer"), new CsvIngestOptions { LabelColumn = "malignant", ShardCount = 2 });
        var (converged, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("lbfgs-converged"), Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs,
            L2 = 1e-2, MaxRounds = 500, WeightBlocks = 2,
        });
        Assert.True(converged.Status == JobStatus.Completed && converged.Round < 400, $"{converged.Status} at round {converged.Round}: {converged.Reason}");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.ContinueJobAsync(converged.Name, 1_000));

        Assert.StartsWith($"Job \"{converged.Name}\" has nothing to continue: its solver stopped (Converged: ", refused.Message, StringComparison.Ordinal);
        var after = await fixture.Client.GetJobAsync(converged.Name);
        Assert.Equal(JobStatus.Completed, after.Status);
        Assert.Equal(converged.Round, after.Round);
        Assert.DoesNotContain(after.History, e => e.Kind == JobEventKind.Continued);
        Assert.Equal(Training.Coefficients(model), Training.Coefficients(await fixture.Client.GetModelAsync(converged.Name)));
    }

    [Fact]
    public async Task A_trainer_deactivated_mid_lbfgs_resumes_bit_for_bit_from_its_stored_vectors()
    {
        var dataset = Training.UniqueName("lbfgs-pairs");
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath("breast_cancer"), new CsvIngestOptions { LabelColumn = "malignant", ShardCount = 3 });
        JobSpec Spec(string name)
        {
            fixture.SlowShard(name, 0, 15);
            return new()
            {
                Name = name, Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, LbfgsMemory = 4, L2 = 1e-3,
                MaxRounds = 60, Tolerance = 0, GradientTolerance = 0, WeightBlocks = 3,
            };
        }
        var reference = Training.UniqueName("lbfgs-reference");
        var (referenceStatus, referenceModel) = await Training.RunAsync(fixture.Client, Spec(reference));

        var job = Training.UniqueName("lbfgs-interrupted");
        await fixture.Client.StartJobAsync(Spec(job));
        while ((await fixture.Client.GetJobAsync(job)).Round < 20)
        {
            await Task.Delay(20);
        }

        var keys = fixture.KeysContaining($"/lbfgs/{job}/");
        await fixture.Cluster.DeactivateAsync(fixture.Client.Cluster.GetGrain<ITrainerGrain>(job));
        var status = await fixture.Client.WaitForJobAsync(job, TimeSpan.FromMilliseconds(50));

        Assert.Equal(referenceStatus.Status, status.Status);
        Assert.Equal(referenceStatus.Round, status.Round);
        Assert.Equal(Training.Coefficients(referenceModel), Training.Coefficients(await fixture.Client.GetModelAsync(job)));
        // Each of the 4 kept pairs needs its two accepted points (5 when the pairs are consecutive, up to 2 x 4 + 1 when
        // pairs refused for too little curvature leave gaps); a new point is written just before the state that drops
        // the oldest.
        Assert.All(keys, key => Assert.Matches("/lbfgs/[^/]+/point/[0-9]+$", key.ToString()));
        Assert.InRange(keys.Length, 1, 2 * 4 + 2);
        var left = fixture.KeysContaining($"/lbfgs/{job}/");
        Assert.All(left, key => Assert.Matches("/lbfgs/[^/]+/point/[0-9]+$", key.ToString()));
        Assert.InRange(left.Length, 1, 2 * 4 + 1);
    }

    [Fact]
    public async Task A_state_whose_points_are_missing_or_of_an_earlier_layout_is_refused_by_name()
    {
        var store = new LbfgsVectorStore(fixture.SiloServices.GetRequiredService<IConnectionMultiplexer>(), fixture.SiloServices.GetRequiredService<RedisKeys>());
        var job = Training.UniqueName("lbfgs-refused");
        var minimizer = new LbfgsMinimizer(new LbfgsOptions { Memory = 2 }, [1.0, -2.0]);
        minimizer.Observe(2.5, [0.5, -1.0]);
        var snapshot = await store.DetachAsync(job, minimizer);
        Assert.Single(fixture.KeysContaining($"/lbfgs/{job}/point/0"));

        // An earlier version kept its pairs in keys of their own, without the iteration of each pair's older point.
        var earlier = await store.DetachAsync(job, minimizer);
        earlier.PairOrigins = [];
        var layout = await Assert.ThrowsAsync<InvalidDataException>(() => store.AttachAsync(job, earlier));
        Assert.Contains("earlier version", layout.Message);

        await fixture.Redis.KeyDeleteAsync(fixture.KeysContaining($"/lbfgs/{job}/point/0")[0]);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => store.AttachAsync(job, snapshot));
        Assert.Contains("accepted point 0 is missing from Redis", missing.Message);
    }
}
