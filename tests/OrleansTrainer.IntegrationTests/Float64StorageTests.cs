using System.Globalization;
using System.Text;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Datasets stored as float64 keep the precision float32 would lose.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class Float64StorageTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task A_float64_dataset_gives_the_closed_form_solution_of_the_unrounded_data()
    {
        // Features near 1e6 with unit spread: float32 spacing there is 0.0625, so float32 storage would move the optimum.
        var random = new Random(123);
        const int rows = 3_000;
        var features = new double[rows, 3];
        var labels = new double[rows];
        var csv = new StringBuilder("a,b,c,y\n");
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                features[i, j] = Math.Round(1e6 * (j + 1) + TestData.Gaussian(random), 6);
            }

            labels[i] = 2 * (features[i, 0] - 1e6) - (features[i, 1] - 2e6) + 0.5 * (features[i, 2] - 3e6) + TestData.Gaussian(random) * 0.1;
            csv.AppendJoin(',', Enumerable.Range(0, 3).Select(j => features[i, j].ToString("R", CultureInfo.InvariantCulture)))
                .Append(',').Append(labels[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var coefficients = new Dictionary<FeatureType, double[]>();
        foreach (var type in new[] { FeatureType.Float64, FeatureType.Float32 })
        {
            var dataset = Training.UniqueName($"precision-{type}".ToLowerInvariant());
            var info = await fixture.Client.CreateDatasetFromCsvAsync(dataset, new StringReader(csv.ToString()), "precision.csv",
                new CsvIngestOptions { LabelColumn = "y", ShardCount = 3, FeatureType = type });
            Assert.Equal(type, info.Schema.FeatureType);
            var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
            {
                Name = Training.UniqueName("precision-ne"), Dataset = dataset, Solver = SolverKind.NormalEquations,
            });
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            coefficients[type] = Training.Coefficients(model);
        }

        var (weights, intercept) = ClosedFormLeastSquares.Solve(features, labels, fitIntercept: true, l2: 0);
        double[] expected = [.. weights, intercept];
        Assert.True(TestData.RelativeError(coefficients[FeatureType.Float64], expected) < 1e-9);
        Assert.True(TestData.RelativeError(coefficients[FeatureType.Float32], expected) > 1e-6, "float32 storage should visibly lose precision here");
    }
}
