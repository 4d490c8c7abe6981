using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Weight blocks partitioned by a hash of the feature index: the same model as feature ranges, with features of
/// neighbouring indices spread over the blocks.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class HashPartitionTests(TrainerClusterFixture fixture)
{
    private TrainerClient Client => fixture.Client;

    [Theory]
    [InlineData(ModelKind.LogisticRegression, SolverKind.MiniBatchSgd)]
    [InlineData(ModelKind.SoftmaxRegression, SolverKind.Lbfgs)]
    public async Task Hash_and_range_partitions_train_the_same_model(ModelKind model, SolverKind solver)
    {
        var data = SparseData.Generate(rows: 6_000, dimension: 1 << 18, perRow: 12, seed: 41);
        if (model == ModelKind.SoftmaxRegression)
        {
            data = data.WithClasses(3);
        }

        var dataset = Training.UniqueName("hash-vs-range");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 3 });
        JobSpec Spec(WeightPartition partition) => new()
        {
            Name = Training.UniqueName($"{partition}".ToLowerInvariant()), Dataset = dataset, Model = model, Solver = solver, BatchSize = 600,
            LearningRate = 1, L2 = 1e-4, Standardize = false, MaxRounds = 8, Tolerance = 0, WeightBlocks = 5, Partition = partition, Seed = 77,
        };

        var (rangeStatus, range) = await Training.RunAsync(Client, Spec(WeightPartition.Range));
        var (hashStatus, hash) = await Training.RunAsync(Client, Spec(WeightPartition.Hash));

        Assert.True(rangeStatus.Status == JobStatus.Completed, rangeStatus.Reason);
        Assert.True(hashStatus.Status == JobStatus.Completed, hashStatus.Reason);
        // Only the order of the terms inside each row's dot product differs (columns are renumbered by the hash).
        var error = TestData.RelativeError(Training.AllCoefficients(hash), Training.AllCoefficients(range));
        Assert.True(error < 1e-12, $"hash and range partitions differ by {error:G3}");
        Assert.True(Training.AllCoefficients(range).Count(w => w != 0) > 1_000, "the model did not move");
    }

    [Fact]
    public async Task Features_of_neighbouring_indices_spread_over_the_blocks_under_the_hash_partition()
    {
        // Every row draws its columns from the first 2,000 of 2^16 features: under ranges, block 0 owns them all.
        var data = SparseData.Generate(rows: 2_000, dimension: 2_000, perRow: 8, seed: 42);
        var dataset = Training.UniqueName("hash-spread");
        var reader = new InMemorySparseRowReader(1 << 16, data.Pointers, data.Indices, data.Values, data.Labels);
        await Client.CreateSparseDatasetAsync(dataset, reader, new IngestOptions { ShardCount = 2 });

        async Task<int[]> NonZerosPerBlock(WeightPartition partition)
        {
            var job = Training.UniqueName($"spread-{partition}".ToLowerInvariant());
            var (status, _) = await Training.RunAsync(Client, new JobSpec
            {
                Name = job, Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.GradientDescent, LearningRate = 1,
                Standardize = false, FitIntercept = false, MaxRounds = 1, Tolerance = 0, WeightBlocks = 4, Partition = partition,
            });
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            var counts = new int[4];
            for (var b = 0; b < 4; b++)
            {
                var snapshot = await Client.Cluster.GetGrain<IWeightBlockGrain>($"{job}/{b}").GetSnapshotAsync();
                counts[b] = DenseBuffers.AsDoubles(snapshot.Weights.Bytes).ToArray().Count(w => w != 0);
            }

            return counts;
        }

        var range = await NonZerosPerBlock(WeightPartition.Range);
        var hash = await NonZerosPerBlock(WeightPartition.Hash);
        Assert.Equal(range.Sum(), hash.Sum());
        Assert.Equal(range.Sum(), range[0]);
        Assert.All(hash, count => Assert.InRange(count, range.Sum() * 0.18, range.Sum() * 0.32));
    }

    [Fact]
    public async Task A_dense_dataset_refuses_the_hash_partition()
    {
        var dataset = Training.UniqueName("hash-dense");
        await Client.CreateDatasetAsync(dataset, new InMemoryRowReader(["a", "b"], "y", new float[] { 1, 2, 3, 4 }, new double[] { 1, 2 }), new IngestOptions { ShardCount = 1 });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("refused"), Dataset = dataset, Partition = WeightPartition.Hash,
        }));
        Assert.Contains("is dense, use Range", error.Message);
    }
}
