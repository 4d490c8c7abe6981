using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Many jobs at once on one cluster, and data that got corrupted at rest.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class ConcurrencyAndIntegrityTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Fifty_concurrent_jobs_on_two_silos_all_reach_their_own_optimum()
    {
        var csv = TestData.SyntheticRegressionCsv(1_000, 5, seed: 91);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var dataset = Training.UniqueName("concurrent");
        await Training.IngestAsync(fixture.Client, dataset, csv, "y", 3);

        var specs = Enumerable.Range(0, 50).Select(i => new JobSpec
        {
            Name = Training.UniqueName($"job{i}"), Dataset = dataset, L2 = 0.01 * (i % 5), WeightBlocks = 1 + i % 3,
            Solver = (i % 3) switch { 0 => SolverKind.GradientDescent, 1 => SolverKind.Lbfgs, _ => SolverKind.NormalEquations },
            LearningRate = 0.5, Momentum = 0.5, MaxRounds = 2000, Tolerance = 0, GradientTolerance = 1e-11,
        }).ToArray();
        var runs = await Task.WhenAll(specs.Select(spec => Training.RunAsync(fixture.Client, spec, TimeSpan.FromMinutes(5))));

        for (var i = 0; i < specs.Length; i++)
        {
            var (status, model) = runs[i];
            Assert.True(status.Status == JobStatus.Completed, $"{specs[i].Name}: {status.Reason}");
            var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: specs[i].L2);
            Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-7, $"{specs[i].Name} ({specs[i].Solver})");
        }
    }

    [Fact]
    public async Task A_shard_whose_stored_rows_fail_their_checksum_fails_the_job_loudly()
    {
        var dataset = Training.UniqueName("corrupt");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(500, 4, seed: 92), "y", 2);
        var chunk = fixture.KeysContaining($"/rows/{dataset}/1/").First();
        await fixture.Redis.StringSetRangeAsync(chunk, 40, "\u0001\u0002\u0003");
        await fixture.Cluster.DeactivateAsync(fixture.Client.Cluster.GetGrain<IDataShardGrain>($"{dataset}/1"));

        var (status, _) = await Training.RunAsync(fixture.Client, new JobSpec { Name = Training.UniqueName("corrupt-job"), Dataset = dataset });

        Assert.Equal(JobStatus.Failed, status.Status);
        Assert.Contains("checksum mismatch", status.Reason);
        Assert.Contains($"shard {dataset}/1, chunk 0", status.Reason);
    }
}
