using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Local SGD on sparse rows (per-example steps on each shard, models averaged by the blocks): the same walk as the
/// dense local SGD on the same rows, and the settings it cannot take refused with a reason.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SparseLocalSgdTests(TrainerClusterFixture fixture)
{
    private TrainerClient Client => fixture.Client;

    [Theory]
    [InlineData(ModelKind.LogisticRegression)]
    [InlineData(ModelKind.SoftmaxRegression)]
    public async Task Per_example_local_sgd_on_sparse_rows_takes_the_steps_dense_local_sgd_takes_on_the_same_rows(ModelKind model)
    {
        var data = SparseData.Generate(rows: 3_000, dimension: 40, perRow: 6, seed: 21);
        if (model == ModelKind.SoftmaxRegression)
        {
            data = data.WithClasses(3);
        }

        var (sparseName, denseName) = await data.IngestSparseAndDenseAsync(Client, "lsgd", shards: 3);

        // BatchSize 3 over 3 shards: one row per step on each shard; 1,000 steps are one epoch of a shard's rows.
        JobSpec Spec(string dataset) => new()
        {
            Name = Training.UniqueName("lsgd"), Dataset = dataset, Model = model, Solver = SolverKind.LocalSgd,
            Standardize = false, BatchSize = 3, LocalSteps = 1_000, LearningRate = 0.2, L2 = 1e-3, MaxRounds = 3, Tolerance = 0,
            WeightBlocks = 2, Seed = 5,
        };
        var (sparseStatus, sparse) = await Training.RunAsync(Client, Spec(sparseName));
        var (denseStatus, dense) = await Training.RunAsync(Client, Spec(denseName));

        Assert.True(sparseStatus.Status == JobStatus.Completed, sparseStatus.Reason);
        Assert.True(denseStatus.Status == JobStatus.Completed, denseStatus.Reason);
        Assert.Equal(3, sparseStatus.Round);
        var error = TestData.RelativeError(Training.AllCoefficients(sparse), Training.AllCoefficients(dense));
        Assert.True(error < 1e-10, $"sparse and dense local SGD differ by {error:G3}");
        Assert.True(Training.AllCoefficients(sparse).Any(w => Math.Abs(w) > 0.05), "the walk did not move the model");

        var rounds = new List<RoundMetrics>();
        await foreach (var round in Client.WatchAsync(sparseStatus.Name))
        {
            rounds.Add(round);
        }

        Assert.Equal(3_000, rounds[0].Rows);
        Assert.True(rounds[^1].Loss < rounds[0].Loss, "the epochs' mean loss did not fall");
    }

    [Fact]
    public async Task Sparse_local_sgd_refuses_an_l1_penalty_and_a_shrink_of_one_or_more()
    {
        var data = SparseData.Generate(rows: 200, dimension: 30, perRow: 4, seed: 22);
        var dataset = Training.UniqueName("sparse-lsgd-refuse");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 2 });
        JobSpec Spec() => new()
        {
            Name = Training.UniqueName("refused"), Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.LocalSgd,
            Standardize = false, BatchSize = 2,
        };

        var l1 = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(Spec() with { L1 = 0.01 }));
        Assert.Contains("L2 penalty only", l1.Message);
        var shrink = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(Spec() with { LearningRate = 2, L2 = 0.5 }));
        Assert.Contains("LearningRate × L2 < 1", shrink.Message);
    }
}
