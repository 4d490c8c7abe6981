using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// An L-BFGS round reports the objective at the point it evaluated: its loss plus the penalty there. (The penalty was
/// once taken after the minimizer had placed its next trial point into the same array, so a round's objective mixed the
/// loss at one point with the penalty at the next.)
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class LbfgsRoundMetricsTests(TrainerClusterFixture fixture)
{
    private const double L2 = 0.1;

    [Fact]
    public async Task The_rounds_report_the_objective_at_the_start_and_at_the_accepted_model()
    {
        var data = SparseData.Generate(rows: 1_500, dimension: 300, perRow: 8, seed: 42);
        var dataset = Training.UniqueName("lbfgs-metrics");
        await fixture.Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 3 });
        var spec = new JobSpec
        {
            Name = Training.UniqueName("lbfgs-metrics-job"), Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs,
            Standardize = false, L2 = L2, MaxRounds = 5, Tolerance = 0, GradientTolerance = 0, WeightBlocks = 2,
        };
        var (status, model) = await Training.RunAsync(fixture.Client, spec);
        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var rounds = await fixture.Client.GetMetricsAsync(spec.Name);

        // Round 0 evaluates the start, all zeros: no penalty.
        Assert.Equal(rounds[0].Loss, rounds[0].Objective);
        // The job stops at the evaluation that accepted its fifth iterate, the model it keeps (unstandardized: the
        // solver's parameters are the model's weights; the intercept is not penalized).
        var penalty = L2 / 2 * model.Weights.ToArray().Sum(w => w * w);
        Assert.True(penalty > 1e-3, $"the penalty {penalty} is too small for the test to tell");
        Assert.Equal(penalty, rounds[^1].Objective - rounds[^1].Loss, penalty * 1e-9);
    }
}
