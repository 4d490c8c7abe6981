using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Carried rounds (<c>TrainerOptions.CarriedRoundParameters</c>): a small model's BSP rounds, with the weights sent by
/// the trainer and the shards' sums handed to the blocks with their commits, give the bits of the same rounds pulled
/// from and pushed to the blocks — on the shared cluster (which carries them) against one that never does.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class CarriedRoundTests(TrainerClusterFixture carrying, PulledRoundsClusterFixture pulling) : IClassFixture<PulledRoundsClusterFixture>
{
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(1_500, 10, seed: 52));

    [Fact]
    public async Task Gradient_descent_with_penalties_gives_the_bits_of_pulled_rounds_and_pulls_only_in_its_first_round()
    {
        var spec = new JobSpec
        {
            Solver = SolverKind.GradientDescent, LearningRate = 0.3, L2 = 0.05, L1 = 0.01, MaxRounds = 25, Tolerance = 0, WeightBlocks = 3,
        };

        var (carried, pulled) = await BothAsync("carried-gd", Csv.Value, "y", shards: 4, spec);

        Assert.Equal(pulled.Coefficients, carried.Coefficients);
        Assert.Equal(pulled.Metrics.Select(m => m.Objective), carried.Metrics.Select(m => m.Objective));
        Assert.Equal(pulled.Metrics.Select(m => m.GradientNorm), carried.Metrics.Select(m => m.GradientNorm));
        // Carried, the first round's shards pull (the new driver holds no weights yet) and no round pushes;
        // pulled, every round does both.
        Assert.True(carried.Metrics[0].PullMilliseconds > 0, "the first carried round pulls its weights");
        Assert.All(carried.Metrics.Skip(1), m => Assert.Equal(0, m.PullMilliseconds));
        Assert.All(carried.Metrics, m => Assert.Equal(0, m.PushMilliseconds));
        Assert.All(pulled.Metrics, m => Assert.True(m.PullMilliseconds > 0 && m.PushMilliseconds > 0, $"round {m.Round} pulled and pushed"));
    }

    [Fact]
    public async Task Adam_mini_batches_and_local_sgd_give_the_bits_of_pulled_rounds()
    {
        var adam = new JobSpec
        {
            Solver = SolverKind.MiniBatchSgd, Optimizer = OptimizerKind.Adam, BatchSize = 64, LearningRate = 0.05, L2 = 0.01,
            MaxRounds = 30, Tolerance = 0, WeightBlocks = 2, Seed = 7,
        };
        var local = new JobSpec
        {
            Solver = SolverKind.LocalSgd, BatchSize = 8, LocalSteps = 20, LearningRate = 0.01, L2 = 0.02, MaxRounds = 5, Tolerance = 0,
            WeightBlocks = 4, Seed = 3,
        };

        foreach (var spec in new[] { adam, local })
        {
            var (carried, pulled) = await BothAsync("carried-sgd", Csv.Value, "y", shards: 3, spec);
            Assert.Equal(pulled.Coefficients, carried.Coefficients);
            Assert.Equal(pulled.Metrics.Select(m => m.Objective), carried.Metrics.Select(m => m.Objective));
        }
    }

    [Fact]
    public async Task Softmax_regression_on_digits_gives_the_bits_of_pulled_rounds()
    {
        var spec = new JobSpec
        {
            Model = ModelKind.SoftmaxRegression, Solver = SolverKind.GradientDescent, LearningRate = 0.5, L2 = 1e-3, MaxRounds = 15, Tolerance = 0,
            WeightBlocks = 5,
        };

        var (carried, pulled) = await BothAsync("carried-softmax", File.ReadAllText(TestData.BundledPath("digits")), "digit", shards: 3, spec);

        Assert.Equal(650, carried.Coefficients.Length);
        Assert.Equal(pulled.Coefficients, carried.Coefficients);
        Assert.Equal(pulled.Metrics.Select(m => m.Objective), carried.Metrics.Select(m => m.Objective));
    }

    [Fact]
    public async Task Owl_qn_and_line_search_evaluations_give_the_bits_of_pulled_rounds()
    {
        var csv = File.ReadAllText(TestData.BundledPath("breast_cancer"));
        var owlqn = new JobSpec
        {
            Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, L1 = 1e-3, L2 = 1e-3, MaxRounds = 40, Tolerance = 0, WeightBlocks = 3,
        };
        var lineSearch = new JobSpec
        {
            Model = ModelKind.LogisticRegression, Solver = SolverKind.GradientDescent, LineSearch = true, L2 = 1e-2, MaxRounds = 20, Tolerance = 0,
            WeightBlocks = 2,
        };

        foreach (var spec in new[] { owlqn, lineSearch })
        {
            var (carried, pulled) = await BothAsync("carried-lbfgs", csv, "malignant", shards: 4, spec, exactRounds: false);
            Assert.Equal(pulled.Coefficients, carried.Coefficients);
            Assert.Equal(pulled.Metrics.Select(m => m.Objective), carried.Metrics.Select(m => m.Objective));
            Assert.All(carried.Metrics, m => Assert.True(m.PullMilliseconds == 0 && m.PushMilliseconds == 0, $"evaluation {m.Round} was carried"));
        }
    }

    /// <summary>Ingests <paramref name="csv"/> into both clusters and runs <paramref name="spec"/> on each.</summary>
    /// <param name="exactRounds">Whether the job runs exactly MaxRounds rounds (L-BFGS counts iterations, not evaluations).</param>
    private async Task<(Run Carried, Run Pulled)> BothAsync(string prefix, string csv, string label, int shards, JobSpec spec, bool exactRounds = true) =>
        (await RunAsync(carrying.Client, prefix, csv, label, shards, spec, exactRounds), await RunAsync(pulling.Client, prefix, csv, label, shards, spec, exactRounds));

    private static async Task<Run> RunAsync(TrainerClient client, string prefix, string csv, string label, int shards, JobSpec spec, bool exactRounds)
    {
        var dataset = Training.UniqueName(prefix);
        await Training.IngestAsync(client, dataset, csv, label, shards);
        var job = spec with { Name = Training.UniqueName(prefix), Dataset = dataset };
        var (status, model) = await Training.RunAsync(client, job);
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        var metrics = await client.GetMetricsAsync(job.Name);
        Assert.True(exactRounds ? metrics.Length == spec.MaxRounds : metrics.Length > 1, $"{metrics.Length} rounds");
        return new Run(Training.AllCoefficients(model), metrics);
    }

    private sealed record Run(double[] Coefficients, RoundMetrics[] Metrics);
}
