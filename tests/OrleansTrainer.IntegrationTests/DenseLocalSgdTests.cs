using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Per-row local SGD on dense rows (a batch of one row per shard): each shard walks its rows in the epoch order of the
/// job's seed, one SGD step per row, and the blocks average the shards' models.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class DenseLocalSgdTests(TrainerClusterFixture fixture)
{
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(3_000, 8, seed: 41));

    [Fact]
    public async Task One_round_on_one_shard_is_the_per_row_walk_over_the_epoch_permutations()
    {
        var local = await TestData.ReadAsync(new StringReader(Csv.Value), "y");
        var dataset = Training.UniqueName("dense-lsgd1");
        await Training.IngestAsync(fixture.Client, dataset, Csv.Value, "y", shards: 1);

        // 4,500 steps: the first epoch's permutation, then half of the second's.
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("dense-lsgd1"), Dataset = dataset, Solver = SolverKind.LocalSgd, Standardize = false,
            BatchSize = 1, LocalSteps = 4_500, LearningRate = 0.01, L2 = 0.02, L1 = 0.01, MaxRounds = 1, Tolerance = 0, WeightBlocks = 2, Seed = 9,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        int[] order = [.. MiniBatchSampler.EpochPermutation(9, 0, 3_000, 0), .. MiniBatchSampler.EpochPermutation(9, 0, 3_000, 1)[..1_500]];
        var expected = PlainWalk(local, order, rate: 0.01, l2: 0.02, l1: 0.01);
        var error = TestData.RelativeError(Training.Coefficients(model), expected);
        Assert.True(error < 1e-10, $"the job's model differs from the plain walk by {error:G3}");
    }

    [Fact]
    public async Task Standardized_per_row_local_sgd_approaches_the_ridge_optimum_with_the_same_bits_for_any_block_count()
    {
        var local = await TestData.ReadAsync(new StringReader(Csv.Value), "y");
        var dataset = Training.UniqueName("dense-lsgd3");
        await Training.IngestAsync(fixture.Client, dataset, Csv.Value, "y", shards: 3);
        JobSpec Spec(int blocks) => new()
        {
            Name = Training.UniqueName("dense-lsgd3"), Dataset = dataset, Solver = SolverKind.LocalSgd, BatchSize = 3, LocalSteps = 1_000,
            LearningRate = 0.005, L2 = 0.05, MaxRounds = 6, Tolerance = 0, WeightBlocks = blocks, Seed = 4,
        };

        var runs = new List<double[]>();
        foreach (var blocks in new[] { 1, 3, 3 })
        {
            var (status, model) = await Training.RunAsync(fixture.Client, Spec(blocks));
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            runs.Add(Training.Coefficients(model));
        }

        Assert.Equal(runs[0], runs[1]);
        Assert.Equal(runs[0], runs[2]);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0.05);
        var error = TestData.RelativeError(runs[0], [.. weights, intercept]);
        Assert.True(error < 0.05, $"{error:G3} from the ridge optimum");
    }

    // The definition on raw features from the zero model, row by row: z = w·x + b, g = z − y, then
    // w_j ← soft(w_j − rate·(g·x_j + L2·w_j), rate·L1) and b ← b − rate·g.
    private static double[] PlainWalk(LocalDataset data, int[] order, double rate, double l2, double l1)
    {
        int cols = data.Features.GetLength(1);
        var w = new double[cols];
        double b = 0;
        foreach (int row in order)
        {
            double z = b;
            for (int j = 0; j < cols; j++)
            {
                z += w[j] * data.Features[row, j];
            }

            double g = z - data.Labels[row];
            for (int j = 0; j < cols; j++)
            {
                double moved = w[j] - (rate * ((g * data.Features[row, j]) + (l2 * w[j])));
                w[j] = Math.Sign(moved) * Math.Max(Math.Abs(moved) - (rate * l1), 0.0);
            }

            b -= rate * g;
        }

        return [.. w, b];
    }
}
