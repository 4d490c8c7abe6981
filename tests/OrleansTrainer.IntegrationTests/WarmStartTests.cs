using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A job started from a model (<see cref="JobSpec.InitialModel"/>): every solver's first round is computed at it, a job
/// started at the optimum stops at once, gradient descent started half-way needs fewer rounds, and a model that does not
/// fit the job is refused before anything is stored.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class WarmStartTests(TrainerClusterFixture fixture)
{
    private const double L2 = 0.05;

    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(2_000, 6, seed: 31));

    public static TheoryData<string, JobSpec> Solvers() => new()
    {
        { "gradient descent", new JobSpec { LearningRate = 1e-9 } },
        { "gradient descent, SSP(1)", new JobSpec { LearningRate = 1e-9, Consistency = ConsistencyMode.Ssp, Staleness = 1 } },
        { "mini-batch SGD", new JobSpec { Solver = SolverKind.MiniBatchSgd, BatchSize = 100, LearningRate = 1e-9 } },
        { "local SGD", new JobSpec { Solver = SolverKind.LocalSgd, BatchSize = 100, LocalSteps = 3, LearningRate = 1e-9 } },
        { "L-BFGS", new JobSpec { Solver = SolverKind.Lbfgs } },
        { "gradient descent with line search", new JobSpec { LineSearch = true } },
        { "block coordinate descent", new JobSpec { Parallelism = ParallelismMode.BlockCoordinate } },
    };

    [Fact]
    public async Task A_job_started_at_the_ridge_optimum_stops_at_once_with_the_same_coefficients()
    {
        var dataset = await DatasetAsync();
        var optimum = await OptimumAsync(dataset);
        JobSpec Gradient(string name) => new()
        {
            Name = name, Dataset = dataset, L2 = L2, LearningRate = 0.2, WeightBlocks = 2, MaxRounds = 5_000, GradientTolerance = 1e-8,
        };

        var warm = Training.UniqueName("warm-at-optimum");
        var (status, model) = await Training.RunAsync(fixture.Client, Gradient(warm) with { InitialModel = optimum.ToInitialModel() });
        var (cold, _) = await Training.RunAsync(fixture.Client, Gradient(Training.UniqueName("cold")));

        Assert.Equal(JobStatus.Completed, status.Status);
        Assert.Equal(1, status.Round);
        Assert.Contains("reached the tolerance", status.Reason);
        Assert.True(cold.Round > 10, $"from zeros: {cold.Round} rounds");
        var error = TestData.RelativeError(Training.Coefficients(model), Training.Coefficients(optimum));
        Assert.True(error < 1e-9, $"relative difference {error}");
        Assert.Contains("from an initial model", status.History[0].Detail);
        Assert.Null(status.Spec!.InitialModel);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Every_solver_computes_its_first_round_at_the_initial_model(string solver, JobSpec spec)
    {
        var dataset = await DatasetAsync();
        var (optimum, atOptimum) = await ExactAsync(dataset);
        var job = Training.UniqueName("first-round");

        var (status, model) = await Training.RunAsync(fixture.Client, spec with
        {
            Name = job, Dataset = dataset, L2 = L2, WeightBlocks = 2, MaxRounds = 1, InitialModel = optimum.ToInitialModel(),
        });

        Assert.Equal(JobStatus.Completed, status.Status);
        var error = TestData.RelativeError(Training.Coefficients(model), Training.Coefficients(optimum));
        Assert.True(error < 1e-6, $"{solver}: relative difference {error} from the initial model after {status.Round} rounds: {status.Reason}");
        var first = (await fixture.Client.GetMetricsAsync(job, 0, 1)).Single();
        if (spec.Solver is not (SolverKind.MiniBatchSgd or SolverKind.LocalSgd))
        {
            // A full-batch round measures the loss where it starts: the optimum's.
            Assert.True(Math.Abs(first.Loss - atOptimum) <= 1e-10 * atOptimum, $"{solver}: round 0's loss {first.Loss}, the optimum's {atOptimum}");
        }
    }

    [Fact]
    public async Task Gradient_descent_started_half_way_reaches_the_optimum_in_fewer_rounds_than_from_zeros()
    {
        var dataset = await DatasetAsync();
        var optimum = await OptimumAsync(dataset);
        JobSpec Gradient(string name) => new()
        {
            Name = name, Dataset = dataset, L2 = L2, LearningRate = 0.1, WeightBlocks = 2, MaxRounds = 5_000, Tolerance = 0, GradientTolerance = 1e-9,
        };

        var (cold, coldModel) = await Training.RunAsync(fixture.Client, Gradient(Training.UniqueName("cold")));
        var halfRounds = (int)(cold.Round / 2);
        var (_, halfWay) = await Training.RunAsync(fixture.Client, Gradient(Training.UniqueName("half")) with { MaxRounds = halfRounds });
        var (warm, warmModel) = await Training.RunAsync(fixture.Client, Gradient(Training.UniqueName("warm")) with { InitialModel = halfWay.ToInitialModel() });

        Assert.Equal(JobStatus.Completed, cold.Status);
        Assert.Equal(JobStatus.Completed, warm.Status);
        Assert.True(cold.Round > 20, $"from zeros: {cold.Round} rounds");
        Assert.True(warm.Round < cold.Round, $"warm {warm.Round} rounds, cold {cold.Round}");
        // Plain gradient descent from round n's model goes on as the cold job did from round n.
        Assert.InRange(warm.Round, cold.Round - halfRounds - 2, cold.Round - halfRounds + 2);
        Assert.True(TestData.RelativeError(Training.Coefficients(coldModel), Training.Coefficients(optimum)) < 1e-7);
        Assert.True(TestData.RelativeError(Training.Coefficients(warmModel), Training.Coefficients(optimum)) < 1e-7);
    }

    [Fact]
    public async Task A_model_that_does_not_fit_is_refused_naming_InitialModel_and_nothing_starts()
    {
        var dataset = await DatasetAsync();
        var fits = (await OptimumAsync(dataset)).ToInitialModel();
        var other = Training.UniqueName("warm-other");
        await Training.IngestAsync(fixture.Client, other, TestData.SyntheticRegressionCsv(200, 5, seed: 4), "y", 2);
        var fewerFeatures = (await Training.RunAsync(fixture.Client, new JobSpec { Name = Training.UniqueName("five"), Dataset = other, Solver = SolverKind.NormalEquations })).Model;
        var renamed = fits.FeatureNames.ToArray();
        renamed[4] = "weight";

        (InitialModel Model, string Message)[] mismatches =
        [
            (fits with { Kind = ModelKind.HuberRegression }, "InitialModel is a HuberRegression model; the job fits LinearRegression"),
            (fewerFeatures.ToInitialModel(), $"InitialModel has 5 features; dataset \"{dataset}\" has 6"),
            (fits with { FeatureNames = renamed }, $"feature 5 of InitialModel is \"weight\"; in dataset \"{dataset}\" it is \"x4\""),
            (fits with { Weights = Packed(new double[12]), Intercepts = Packed(new double[2]) }, $"InitialModel has 2 output(s); the job's LinearRegression model on dataset \"{dataset}\" has 1"),
        ];
        foreach (var (model, message) in mismatches)
        {
            var job = Training.UniqueName("misfit");
            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                fixture.Client.StartJobAsync(new JobSpec { Name = job, Dataset = dataset, Solver = SolverKind.Lbfgs, InitialModel = model }));

            Assert.Contains(message, error.Message);
            Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(job)).Status);
            Assert.Empty(fixture.KeysContaining(job));
            Assert.DoesNotContain(job, await fixture.Client.Cluster.JobCatalog().ListAsync());
        }
    }

    private async Task<string> DatasetAsync()
    {
        var dataset = Training.UniqueName("warm");
        await Training.IngestAsync(fixture.Client, dataset, Csv.Value, "y", 2);
        return dataset;
    }

    /// <summary>The ridge optimum by the normal equations.</summary>
    private async Task<LinearModel> OptimumAsync(string dataset) => (await ExactAsync(dataset)).Model;

    /// <summary>
    /// The ridge optimum by the normal equations and the mean loss there, from the gradient round the job runs at its
    /// solution (no warm start involved).
    /// </summary>
    private async Task<(LinearModel Model, double Loss)> ExactAsync(string dataset)
    {
        var job = Training.UniqueName("exact");
        var (_, model) = await Training.RunAsync(fixture.Client, new JobSpec { Name = job, Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = L2 });
        return (model, (await fixture.Client.GetMetricsAsync(job, 0, 1)).Single().Loss);
    }

    private static PackedVector Packed(double[] values) => new() { Bytes = DenseBuffers.ToBytes(values) };
}
