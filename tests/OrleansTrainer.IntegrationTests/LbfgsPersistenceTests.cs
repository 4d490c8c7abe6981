using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The trainer's L-BFGS vectors live in Redis keys of their own — one per accepted point (with its gradient), one for
/// the direction of the last evaluation — not in the trainer's state; the correction pairs are rebuilt from the accepted
/// points they join. A trainer that is deactivated mid-job reads them back and continues the same iteration bit for bit,
/// and the points no kept pair needs and the directions of earlier evaluations are deleted.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class LbfgsPersistenceTests(TrainerClusterFixture fixture)
{
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
        // Each of the 4 kept pairs needs its two points (2 x 4 at most when rejected pairs leave gaps, 5 when none does);
        // a new point and direction are written just before the state that drops the oldest ones.
        Assert.All(keys, key => Assert.Matches("/lbfgs/[^/]+/(point|direction)/[0-9]+$", key.ToString()));
        Assert.InRange(keys.Count(k => k.ToString().Contains("/point/", StringComparison.Ordinal)), 1, 2 * 4 + 1);
        Assert.InRange(keys.Count(k => k.ToString().Contains("/direction/", StringComparison.Ordinal)), 1, 2);
        var left = fixture.KeysContaining($"/lbfgs/{job}/");
        Assert.InRange(left.Count(k => k.ToString().Contains("/point/", StringComparison.Ordinal)), 1, 2 * 4);
        Assert.Single(left, k => k.ToString().Contains("/direction/", StringComparison.Ordinal));
    }
}
