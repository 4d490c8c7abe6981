using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Models of sparse datasets travel: a LIBSVM file ingested, trained, exported to JSON and loaded back predicts from
/// the same LIBSVM file exactly the margins the trainer grain's coefficients give.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SparseModelExportTests(TrainerClusterFixture fixture) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-sparse-export-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData(ModelKind.LogisticRegression, 2)]
    [InlineData(ModelKind.SoftmaxRegression, 3)]
    public async Task A_model_trained_on_a_libsvm_file_exports_loads_and_predicts_the_cluster_models_margins(ModelKind kind, int classes)
    {
        var data = SparseData.Generate(rows: 600, dimension: 30, perRow: 5, seed: 31);
        var file = Path.Combine(_work, "train.svm");
        await File.WriteAllTextAsync(file, "# synthetic rows\n" + (classes > 2 ? data.WithClasses(classes) : data).LibSvm());
        var dataset = Training.UniqueName("svm-export");
        using (var reader = LibSvmReader.Open(file, new LibSvmOptions()))
        {
            await fixture.Client.CreateSparseDatasetAsync(dataset, reader, new IngestOptions { ShardCount = 3 });
        }

        var job = Training.UniqueName("svm-export");
        var (status, _) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = job, Dataset = dataset, Model = kind, Solver = SolverKind.Lbfgs, Standardize = false, L2 = 1e-3, MaxRounds = 60, WeightBlocks = 2,
        });
        Assert.True(status.Status == JobStatus.Completed, status.Reason);

        var modelFile = Path.Combine(_work, "model.json");
        await (await fixture.Client.GetModelAsync(job)).SaveAsync(modelFile);
        var loaded = await LinearModel.LoadAsync(modelFile);
        var trained = await fixture.Cluster.Client.Trainer(job).GetModelAsync();

        Assert.Equal(30, loaded.FeatureCount);
        Assert.Empty(loaded.FeatureNames);
        Assert.Equal(dataset, loaded.Provenance?.Dataset);
        Assert.Equal(classes, loaded.ClassLabels.Count);
        var weights = DenseBuffers.AsDoubles(trained.Weights.Bytes).ToArray();
        var intercepts = DenseBuffers.AsDoubles(trained.Intercepts.Bytes).ToArray();
        Assert.Contains(weights, w => w != 0);
        using var rows = LibSvmReader.Open(file, new LibSvmOptions { Dimension = loaded.FeatureCount });
        var (indices, values) = (new List<int>(), new List<float>());
        var margins = new double[loaded.Outputs];
        while (await rows.ReadRowAsync(indices, values, CancellationToken.None))
        {
            loaded.Margins([.. indices], [.. values], margins);
            for (var k = 0; k < loaded.Outputs; k++)
            {
                var z = intercepts[k];
                for (var e = 0; e < indices.Count; e++)
                {
                    z += weights[(k * trained.FeatureCount) + indices[e]] * values[e];
                }

                Assert.Equal(z, margins[k]);
            }
        }

        Assert.Equal(data.Rows, rows.RowsRead);
    }
}
