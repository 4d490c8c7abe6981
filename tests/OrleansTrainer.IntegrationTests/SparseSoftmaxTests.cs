using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Softmax regression on sparse rows: K weights per touched column pulled and pushed, the same optimum as the problem
/// stored dense, and a K × 2^20-parameter model across blocks.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SparseSoftmaxTests(TrainerClusterFixture fixture)
{
    private TrainerClient Client => fixture.Client;

    [Fact]
    public async Task Sparse_softmax_regression_reaches_the_optimum_of_the_same_problem_stored_dense()
    {
        var data = SparseData.Generate(rows: 3_000, dimension: 40, perRow: 6, seed: 31).WithClasses(3);
        var (sparseName, denseName) = await data.IngestSparseAndDenseAsync(Client, "softmax", shards: 3);

        JobSpec Spec(string dataset) => new()
        {
            Name = Training.UniqueName("softmax"), Dataset = dataset, Model = ModelKind.SoftmaxRegression, Solver = SolverKind.Lbfgs,
            Standardize = false, L2 = 1e-3, MaxRounds = 500, Tolerance = 0, GradientTolerance = 1e-9, WeightBlocks = 4,
        };
        var (sparseStatus, sparse) = await Training.RunAsync(Client, Spec(sparseName));
        var (denseStatus, dense) = await Training.RunAsync(Client, Spec(denseName));

        Assert.True(sparseStatus.Status == JobStatus.Completed, sparseStatus.Reason);
        Assert.True(denseStatus.Status == JobStatus.Completed, denseStatus.Reason);
        Assert.Equal(3, sparse.Outputs);
        var error = TestData.RelativeError(Training.AllCoefficients(sparse), Training.AllCoefficients(dense));
        Assert.True(error < 1e-6, $"sparse and dense softmax optima differ by {error:G3}");
    }

    [Fact]
    public async Task A_softmax_model_of_four_classes_over_a_million_features_moves_only_the_touched_columns()
    {
        var data = SparseData.Generate(rows: 4_000, dimension: 1 << 20, perRow: 10, seed: 32).WithClasses(4);
        var dataset = Training.UniqueName("sparse-softmax-2p20");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 2 });
        var job = Training.UniqueName("softmax-2p20");
        var (status, model) = await Training.RunAsync(Client, new JobSpec
        {
            Name = job, Dataset = dataset, Model = ModelKind.SoftmaxRegression, Solver = SolverKind.MiniBatchSgd, BatchSize = 200,
            LearningRate = 0.5, Standardize = false, MaxRounds = 5, Tolerance = 0, WeightBlocks = 8,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        Assert.Equal(4, model.Outputs);
        Assert.Equal(1 << 20, model.FeatureCount);
        var touched = new HashSet<int>(data.Indices);
        for (var k = 0; k < 4; k++)
        {
            var weights = model.WeightsOf(k);
            for (var j = 0; j < weights.Length; j++)
            {
                Assert.True(weights[j] == 0 || touched.Contains(j), $"class {k}: untouched feature {j} moved");
            }
        }

        await foreach (var round in Client.WatchAsync(job))
        {
            // 100 rows a shard touch at most 1,000 columns: 4 classes × 1,000 keys of 12 bytes each way, far below dense.
            Assert.True(round.BytesMoved < round.DenseBytes / 100, $"round {round.Round} moved {round.BytesMoved} of {round.DenseBytes} bytes");
        }
    }
}
