using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Every solver, run distributed over 1, 3 and 8 shards, reaches the closed-form ridge optimum.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SolverTests(TrainerClusterFixture fixture)
{
    private const double L2 = 0.05;
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(6_000, 12, seed: 31));

    public static TheoryData<string, int> ExactSolvers => new()
    {
        { "gd", 1 }, { "gd", 3 }, { "gd", 8 },
        { "gd-line-search", 1 }, { "gd-line-search", 3 }, { "gd-line-search", 8 },
        { "lbfgs", 1 }, { "lbfgs", 3 }, { "lbfgs", 8 },
        { "normal-equations", 1 }, { "normal-equations", 3 }, { "normal-equations", 8 },
    };

    [Theory]
    [MemberData(nameof(ExactSolvers))]
    public async Task Exact_solvers_reach_the_closed_form_ridge_optimum_for_any_shard_count(string solver, int shards)
    {
        var local = await TestData.ReadAsync(new StringReader(Csv.Value), "y");
        var dataset = await IngestAsync(shards);
        var spec = solver switch
        {
            "gd" => new JobSpec { LearningRate = 0.5, Momentum = 0.8, MaxRounds = 3000 },
            "gd-line-search" => new JobSpec { LineSearch = true, MaxRounds = 3000 },
            "lbfgs" => new JobSpec { Solver = SolverKind.Lbfgs, MaxRounds = 200 },
            _ => new JobSpec { Solver = SolverKind.NormalEquations },
        };
        var (status, model) = await Training.RunAsync(fixture.Client, With(spec, Training.UniqueName(solver), dataset));

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: L2);
        var tolerance = solver == "normal-equations" ? 1e-9 : 1e-7;
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < tolerance, status.Reason);
    }

    public static TheoryData<string> StochasticSolvers => new() { "sgd", "adagrad", "adam", "local-sgd" };

    [Theory]
    [MemberData(nameof(StochasticSolvers))]
    public async Task Stochastic_solvers_approach_the_optimum_and_repeat_bit_for_bit(string solver)
    {
        var local = await TestData.ReadAsync(new StringReader(Csv.Value), "y");
        var dataset = await IngestAsync(3);
        var spec = solver switch
        {
            "sgd" => new JobSpec { Solver = SolverKind.MiniBatchSgd, LearningRate = 0.05, Momentum = 0.9, MaxRounds = 600 },
            "adagrad" => new JobSpec { Solver = SolverKind.MiniBatchSgd, Optimizer = OptimizerKind.AdaGrad, LearningRate = 0.5, MaxRounds = 600 },
            "adam" => new JobSpec { Solver = SolverKind.MiniBatchSgd, Optimizer = OptimizerKind.Adam, LearningRate = 0.05, MaxRounds = 600 },
            _ => new JobSpec { Solver = SolverKind.LocalSgd, LocalSteps = 10, LearningRate = 0.02, MaxRounds = 60 },
        };
        spec = With(spec, "", dataset);
        var runs = new List<double[]>();
        for (var run = 0; run < 2; run++)
        {
            var (status, model) = await Training.RunAsync(fixture.Client, Copy(spec, Training.UniqueName($"{solver}{run}")));
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            runs.Add(Training.Coefficients(model));
        }

        Assert.Equal(runs[0], runs[1]);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: L2);
        Assert.True(TestData.RelativeError(runs[0], [.. weights, intercept]) < 0.05,
            $"{solver}: {TestData.RelativeError(runs[0], [.. weights, intercept])}");
    }

    private async Task<string> IngestAsync(int shards)
    {
        var dataset = Training.UniqueName($"solvers{shards}");
        await Training.IngestAsync(fixture.Client, dataset, Csv.Value, "y", shards);
        return dataset;
    }

    private static JobSpec With(JobSpec s, string name, string dataset) => new()
    {
        Name = name, Dataset = dataset, Solver = s.Solver, LineSearch = s.LineSearch, LearningRate = s.LearningRate,
        Momentum = s.Momentum, Optimizer = s.Optimizer, MaxRounds = s.MaxRounds, LocalSteps = s.LocalSteps,
        BatchSize = 300, L2 = L2, Tolerance = 0, GradientTolerance = 1e-11, WeightBlocks = 3, Seed = 5,
    };

    private static JobSpec Copy(JobSpec s, string name) => With(s, name, s.Dataset);
}
