using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Sparse datasets through the cluster: CSR shards in Redis, sparse pull and push, weight blocks over feature ranges.
/// Checked against the dense path on the same problem, against the optimality conditions, and across block counts.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SparseTrainingTests(TrainerClusterFixture fixture)
{
    private TrainerClient Client => fixture.Client;

    [Fact]
    public async Task Sparse_logistic_regression_reaches_the_optimum_of_the_same_problem_stored_dense()
    {
        var data = SparseData.Generate(rows: 3_000, dimension: 40, perRow: 6, seed: 11);
        var (sparseName, denseName) = await data.IngestSparseAndDenseAsync(Client, "small", shards: 3);

        const double l2 = 1e-3;
        JobSpec Spec(string name, string dataset) => new()
        {
            Name = name, Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, Standardize = false,
            L2 = l2, MaxRounds = 500, Tolerance = 0, GradientTolerance = 1e-10, WeightBlocks = 3,
        };
        var sparseJob = Training.UniqueName("sparse-lbfgs");
        var (sparseStatus, sparse) = await Training.RunAsync(Client, Spec(sparseJob, sparseName));
        var (denseStatus, dense) = await Training.RunAsync(Client, Spec(Training.UniqueName("dense-lbfgs"), denseName));

        Assert.True(sparseStatus.Status == JobStatus.Completed, sparseStatus.Reason);
        Assert.True(denseStatus.Status == JobStatus.Completed, denseStatus.Reason);
        Assert.Equal(data.Dimension, sparse.FeatureCount);
        Assert.True(TestData.RelativeError(Training.Coefficients(sparse), Training.Coefficients(dense)) < 1e-6);
        var local = new LocalDataset(dense.FeatureNames.ToArray(), Widen(data.Dense(), data.Rows, data.Dimension), data.Labels);
        Assert.True(ReferenceObjective.GradientMaxAbs(local, sparse, l2) < 1e-8, "the sparse model is not at the optimum");

        // Each shard's 1,000 rows touch every one of the 40 columns: keys would outweigh the values, so blocks go dense.
        await foreach (var round in Client.WatchAsync(sparseJob))
        {
            Assert.Equal(round.DenseBytes, round.BytesMoved);
        }
    }

    [Fact]
    public async Task One_four_and_sixteen_weight_blocks_give_bit_identical_weights_on_a_million_features()
    {
        var data = SparseData.Generate(rows: 20_000, dimension: 1 << 20, perRow: 20, seed: 12);
        var dataset = Training.UniqueName("sparse-2p20");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 4 });

        var models = new List<double[]>();
        RoundMetrics? last = null;
        foreach (var blocks in new[] { 1, 4, 16 })
        {
            var name = Training.UniqueName($"sparse-b{blocks}");
            var (status, model) = await Training.RunAsync(Client, new JobSpec
            {
                Name = name, Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.MiniBatchSgd, BatchSize = 2_000,
                Standardize = false, LearningRate = 0.5, L2 = 1e-4, Momentum = 0.5, MaxRounds = 12, Tolerance = 0, WeightBlocks = blocks,
            });
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            models.Add(Training.Coefficients(model));
            await foreach (var round in Client.WatchAsync(name))
            {
                last = round;
            }
        }

        Assert.Equal(models[0], models[1]);
        Assert.Equal(models[0], models[2]);
        Assert.Contains(models[0], w => w != 0);

        // A batch of 2,000 rows × 20 entries touches at most 40,000 of the 2^20 weights: traffic is a few percent of dense.
        Assert.NotNull(last);
        Assert.Equal(4 * 2L * ((1 << 20) + 1) * sizeof(double), last.DenseBytes);
        Assert.InRange(last.BytesMoved, 1, last.DenseBytes / 20);
    }

    [Fact]
    public async Task A_model_of_two_to_the_24_parameters_trains_across_sixteen_blocks()
    {
        const int dimension = (1 << 24) - 1;
        var data = SparseData.Generate(rows: 4_000, dimension: dimension, perRow: 10, seed: 13);
        var dataset = Training.UniqueName("sparse-2p24");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 2 });
        var job = Training.UniqueName("sparse-2p24-job");
        const double rate = 0.25;
        await Client.StartJobAsync(new JobSpec
        {
            Name = job, Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.GradientDescent, Standardize = false,
            LearningRate = rate, MaxRounds = 1, Tolerance = 0, WeightBlocks = 16,
        });
        var status = await Client.WaitForJobAsync(job, TimeSpan.FromMilliseconds(100));
        Assert.True(status.Status == JobStatus.Completed, status.Reason);

        // Read the weights block by block (the whole vector, 128 MB, would not fit one message) and check one gradient
        // step from zero against the gradient computed here: w_j = −rate · Σ (½ − y) x_j / n.
        var weights = new double[dimension + 1];
        for (var b = 0; b < 16; b++)
        {
            var snapshot = await Client.Cluster.GetGrain<IWeightBlockGrain>($"{job}/{b}").GetSnapshotAsync();
            DenseBuffers.AsDoubles(snapshot.Weights.Bytes).CopyTo(weights.AsSpan(snapshot.Start));
        }

        foreach (var column in data.Indices.Distinct().Take(500))
        {
            var expected = -rate * data.GradientAtZero(column);
            Assert.True(Math.Abs(weights[column] - expected) <= 1e-12 + 1e-9 * Math.Abs(expected), $"weight {column}: {weights[column]} vs {expected}");
        }

        var touched = data.Indices.ToHashSet();
        Assert.All(Enumerable.Range(0, 1_000).Select(j => j * 16_000 + 7).Where(j => !touched.Contains(j)), j => Assert.Equal(0.0, weights[j]));
    }

    [Fact]
    public async Task A_libsvm_file_trains_exactly_as_the_same_rows_given_in_memory()
    {
        var data = SparseData.Generate(rows: 1_500, dimension: 300, perRow: 8, seed: 15);
        var fromFile = Training.UniqueName("libsvm");
        var fromMemory = Training.UniqueName("in-memory");
        using (var reader = new LibSvmReader(new StringReader("# synthetic rows\n" + data.LibSvm()), "synthetic.svm"))
        {
            var info = await Client.CreateSparseDatasetAsync(fromFile, reader, new IngestOptions { ShardCount = 3, ChunkBytes = 4096 });
            Assert.Equal(data.Rows, info.TotalRows);
            Assert.Equal(data.Indices.Max() + 1, info.Schema.FeatureCount);
        }

        await Client.CreateSparseDatasetAsync(fromMemory, new InMemorySparseRowReader(data.Indices.Max() + 1, data.Pointers, data.Indices, data.Values, data.Labels),
            new IngestOptions { ShardCount = 3 });
        JobSpec Spec(string dataset) => new()
        {
            Name = Training.UniqueName("svm-job"), Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.GradientDescent,
            Standardize = false, LearningRate = 1, MaxRounds = 20, Tolerance = 0, WeightBlocks = 4,
        };
        var (fileStatus, fileModel) = await Training.RunAsync(Client, Spec(fromFile));
        var (memoryStatus, memoryModel) = await Training.RunAsync(Client, Spec(fromMemory));
        Assert.Equal(JobStatus.Completed, fileStatus.Status);
        Assert.Equal(JobStatus.Completed, memoryStatus.Status);
        Assert.Equal(Training.Coefficients(memoryModel), Training.Coefficients(fileModel));
    }

    [Fact]
    public async Task A_bad_libsvm_line_fails_the_ingestion_and_leaves_no_dataset()
    {
        var name = Training.UniqueName("bad-svm");
        using var reader = new LibSvmReader(new StringReader("1 1:0.5 3:1\n0 2:1 2:3\n"), "bad.svm");
        var error = await Assert.ThrowsAsync<LibSvmFormatException>(() => Client.CreateSparseDatasetAsync(name, reader, new IngestOptions { ShardCount = 2 }));
        Assert.Equal(2, error.Line);
        Assert.Equal(DatasetStatus.None, (await Client.GetDatasetAsync(name)).Status);
    }

    [Fact]
    public async Task A_sparse_dataset_refuses_what_it_cannot_train_with_a_reason()
    {
        var data = SparseData.Generate(rows: 200, dimension: 30, perRow: 4, seed: 14);
        var dataset = Training.UniqueName("sparse-refuse");
        var info = await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 2 });
        Assert.Equal(30, info.Schema.FeatureCount);
        Assert.Equal(FeatureType.SparseFloat32, info.Schema.FeatureType);

        var standardized = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("refused"), Dataset = dataset, Model = ModelKind.LogisticRegression,
        }));
        Assert.Contains("Standardize = false", standardized.Message);
        var normalEquations = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("refused"), Dataset = dataset, Solver = SolverKind.NormalEquations, Standardize = false,
        }));
        Assert.Contains("is sparse", normalEquations.Message);
    }

    [Fact]
    public async Task A_shard_refuses_a_sparse_chunk_whose_indices_are_out_of_order()
    {
        var shard = Client.Cluster.GetGrain<IDataShardGrain>($"{Training.UniqueName("bad-chunk")}/0");
        var chunk = new ShardChunk
        {
            Rows = 2, Columns = 8, FeatureType = FeatureType.SparseFloat32,
            RowPointers = new PackedVector { Bytes = DenseBuffers.ToBytes([0, 2, 4]) },
            Indices = new PackedVector { Bytes = DenseBuffers.ToBytes([1, 3, 7, 5]) },
            Features = new PackedVector { Bytes = DenseBuffers.ToBytes([1f, 2f, 3f, 4f]) },
            Labels = new PackedVector { Bytes = DenseBuffers.ToBytes([0.0, 1.0]) },
        };
        await shard.PrepareIngestAsync("ingest", outOfOrder: false);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => shard.AppendChunkAsync("ingest", 0, chunk));
        Assert.Contains("row 1", error.Message);
        Assert.Equal(0, (await shard.GetSummaryAsync()).Rows);
        await shard.ClearAsync();
    }

    private static double[,] Widen(float[] dense, int rows, int cols)
    {
        var result = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                result[i, j] = dense[(long)i * cols + j];
            }
        }

        return result;
    }
}
