using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Block coordinate descent (model parallelism: each weight block solves for its own coordinates in turn) reaches the
/// optimum the data-parallel solvers reach: least squares and ridge on synthetic data, lasso on the bundled diabetes
/// data. (On diabetes, whose columns are strongly collinear, plain least squares converges slowly: block coordinate
/// descent gains little per sweep when the blocks are correlated; see docs/architecture.md.)
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class BlockCoordinateTests(TrainerClusterFixture fixture)
{
    private static readonly Lazy<string> Synthetic = new(() => TestData.SyntheticRegressionCsv(5_000, 12, seed: 21));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public async Task Least_squares_and_ridge_agree_with_the_normal_equations(double l2)
    {
        var dataset = Training.UniqueName("bcd-synthetic");
        await Training.IngestAsync(fixture.Client, dataset, Synthetic.Value, "y", shards: 3);
        var bcdName = Training.UniqueName("bcd-job");
        var bcd = await TrainAsync(dataset, new JobSpec { Name = bcdName, Parallelism = ParallelismMode.BlockCoordinate, L2 = l2, WeightBlocks = 4, MaxRounds = 5_000, GradientTolerance = 1e-11 });
        var exact = await TrainAsync(dataset, new JobSpec { Solver = SolverKind.NormalEquations, L2 = l2 });

        var error = TestData.RelativeError(Training.Coefficients(bcd), Training.Coefficients(exact));
        var status = await fixture.Client.GetJobAsync(bcdName);
        Assert.True(error < 1e-8, $"relative difference {error} after {status.Round} rounds: {status.Reason}");
    }

    [Fact]
    public async Task Lasso_satisfies_the_kkt_conditions_and_agrees_with_owlqn()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var dataset = await IngestDiabetesAsync(shards: 4);
        const double l1 = 2.0;
        var bcd = await TrainAsync(dataset, new JobSpec { Parallelism = ParallelismMode.BlockCoordinate, L1 = l1, WeightBlocks = 3, MaxRounds = 5_000, GradientTolerance = 1e-11 });
        var owlqn = await TrainAsync(dataset, new JobSpec { Solver = SolverKind.Lbfgs, L1 = l1, MaxRounds = 3_000, GradientTolerance = 1e-12, WeightBlocks = 2 });

        var violation = ReferenceObjective.KktViolation(local, bcd, 0, l1);
        Assert.True(violation <= 1e-8, $"KKT violation {violation}");
        Assert.Contains(0.0, bcd.Weights.ToArray());
        var error = TestData.RelativeError(Training.Coefficients(bcd), Training.Coefficients(owlqn));
        Assert.True(error < 1e-6, $"relative difference {error}");
    }

    /// <summary>
    /// Shards moved to the other silo mid-job lose their residuals at any point of a sweep (between a block's commit and
    /// their residual update, say) and rebuild them from the blocks' weights: the weights must be bit-identical to an
    /// uninterrupted run's, as a silo's loss or arrival must leave them.
    /// </summary>
    [Fact]
    public async Task Shards_moved_mid_job_rebuild_their_residuals_and_the_weights_are_bit_identical()
    {
        var dataset = await IngestDiabetesAsync(shards: 4);
        var spec = new JobSpec { Parallelism = ParallelismMode.BlockCoordinate, L1 = 0.5, WeightBlocks = 3, MaxRounds = 400, GradientTolerance = 0 };
        var uninterrupted = await TrainAsync(dataset, spec);

        var moved = spec with { Name = Training.UniqueName("bcd-moved"), Dataset = dataset, Tolerance = 0 };
        await fixture.Client.StartJobAsync(moved);
        var management = fixture.Client.Cluster.GetGrain<IManagementGrain>(0);
        var silos = fixture.Cluster.Silos.Select(s => s.SiloAddress).ToArray();
        var moves = 0;
        while ((await fixture.Client.GetJobAsync(moved.Name)).Status == JobStatus.Running)
        {
            var shard = fixture.Client.Cluster.GetGrain<IDataShardGrain>(GrainKeys.Child(dataset, moves % 4));
            var at = await management.GetActivationAddress(shard);
            await shard.MoveToAsync(silos.First(s => !s.Equals(at)));
            moves++;
            await Task.Delay(20);
        }

        var status = await fixture.Client.GetJobAsync(moved.Name);
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.True(moves >= 8, $"only {moves} moves before the job ended");
        Assert.Equal(Training.Coefficients(uninterrupted), Training.Coefficients(await fixture.Client.GetModelAsync(moved.Name)));
    }

    [Fact]
    public async Task Block_coordinate_descent_refuses_models_it_cannot_solve()
    {
        var dataset = await IngestDiabetesAsync(shards: 2);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("bcd-logistic"), Dataset = dataset, Model = ModelKind.PoissonRegression, Parallelism = ParallelismMode.BlockCoordinate,
        }));
        Assert.Contains("block coordinate descent solves least squares", error.Message);
    }

    private async Task<string> IngestDiabetesAsync(int shards)
    {
        var dataset = Training.UniqueName("bcd-diabetes");
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath("diabetes"), new CsvIngestOptions { LabelColumn = "progression", ShardCount = shards });
        return dataset;
    }

    private async Task<LinearModel> TrainAsync(string dataset, JobSpec spec)
    {
        var (status, model) = await Training.RunAsync(fixture.Client, spec with { Name = spec.Name.Length > 0 ? spec.Name : Training.UniqueName("bcd-job"), Dataset = dataset, Tolerance = 0 });
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        return model;
    }
}
