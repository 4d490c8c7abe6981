using System.Globalization;
using System.Text;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Optimality conditions on real datasets shipped under samples/, checked with the naive reference gradient on the raw
/// coefficients the client returns.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class OptimalityTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Logistic_regression_on_breast_cancer_reaches_a_vanishing_gradient()
    {
        var local = await TestData.ReadBundledAsync("breast_cancer", "malignant");
        var l2 = 1.0 / local.Rows;
        var model = await TrainBundledAsync("breast_cancer", "malignant", 4, new JobSpec
        {
            Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, L2 = l2, MaxRounds = 2000, GradientTolerance = 1e-12, WeightBlocks = 3,
        });

        var gradient = ReferenceObjective.GradientMaxAbs(local, model, l2);
        Assert.True(gradient <= 1e-8, $"gradient {gradient}");
    }

    [Fact]
    public async Task Softmax_regression_on_digits_reaches_a_vanishing_gradient()
    {
        var local = await TestData.ReadBundledAsync("digits", "digit");
        var l2 = 1.0 / local.Rows;
        var model = await TrainBundledAsync("digits", "digit", 3, new JobSpec
        {
            Model = ModelKind.SoftmaxRegression, Solver = SolverKind.Lbfgs, L2 = l2, MaxRounds = 3000, GradientTolerance = 1e-12, WeightBlocks = 5,
        });

        Assert.Equal(10, model.Outputs);
        var gradient = ReferenceObjective.GradientMaxAbs(local, model, l2);
        Assert.True(gradient <= 1e-8, $"gradient {gradient}");
        var correct = Enumerable.Range(0, local.Rows).Count(i =>
            model.Predict(Enumerable.Range(0, local.Columns).Select(j => local.Features[i, j]).ToArray()) == local.Labels[i]);
        Assert.True(correct > 0.95 * local.Rows, $"training accuracy {correct} / {local.Rows}");
    }

    [Fact]
    public async Task Elastic_net_on_diabetes_satisfies_the_kkt_conditions_and_zeroes_coefficients()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        const double l1 = 2.0, l2 = 0.1;
        var model = await TrainBundledAsync("diabetes", "progression", 4, new JobSpec
        {
            Solver = SolverKind.Lbfgs, L1 = l1, L2 = l2, MaxRounds = 3000, GradientTolerance = 1e-12, WeightBlocks = 2,
        });

        var violation = ReferenceObjective.KktViolation(local, model, l2, l1);
        Assert.True(violation <= 1e-8, $"KKT violation {violation}");
        Assert.Contains(0.0, model.Weights.ToArray());
    }

    [Fact]
    public async Task Elastic_net_by_proximal_gradient_descent_reaches_the_same_solution_as_owlqn()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        const double l1 = 2.0, l2 = 0.1;
        var prox = await TrainBundledAsync("diabetes", "progression", 3, new JobSpec
        {
            L1 = l1, L2 = l2, LearningRate = 0.2, Momentum = 0.9, MaxRounds = 20000, GradientTolerance = 1e-10, Tolerance = 0,
        });

        var violation = ReferenceObjective.KktViolation(local, prox, l2, l1);
        Assert.True(violation <= 1e-6, $"KKT violation {violation}");
    }

    [Theory]
    [InlineData(ModelKind.HuberRegression)]
    [InlineData(ModelKind.PoissonRegression)]
    public async Task Huber_and_poisson_regression_reach_a_vanishing_gradient(ModelKind kind)
    {
        var csv = kind == ModelKind.PoissonRegression ? PoissonCsv(3_000, 4, seed: 41) : TestData.SyntheticRegressionCsv(3_000, 5, seed: 42, noise: 3);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var dataset = Training.UniqueName(kind.ToString().ToLowerInvariant()[..6]);
        await Training.IngestAsync(fixture.Client, dataset, csv, "y", 3);
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("glm"), Dataset = dataset, Model = kind, Solver = SolverKind.Lbfgs, L2 = 1e-3,
            MaxRounds = 2000, GradientTolerance = 1e-12, Tolerance = 0, HuberDelta = 1.0,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var gradient = ReferenceObjective.GradientMaxAbs(local, model, 1e-3, huberDelta: 1.0);
        Assert.True(gradient <= 1e-8, $"gradient {gradient}");
    }

    [Fact]
    public async Task Instance_weights_give_the_weighted_least_squares_solution()
    {
        var random = new Random(9);
        var rows = 2_000;
        var csv = new StringBuilder("a,b,c,w,y\n");
        var features = new double[rows, 3];
        var labels = new double[rows];
        var weights = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = new[] { (float)TestData.Gaussian(random), (float)TestData.Gaussian(random), (float)(TestData.Gaussian(random) * 3) };
            weights[i] = Math.Round(random.NextDouble() * 4, 2);
            labels[i] = 1 + x[0] - 2 * x[1] + 0.5 * x[2] + TestData.Gaussian(random) * (1 + Math.Abs(x[0]));
            for (var j = 0; j < 3; j++)
            {
                features[i, j] = x[j];
            }

            csv.Append(string.Join(',', x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))
                .Append(',').Append(weights[i].ToString("R", CultureInfo.InvariantCulture))
                .Append(',').Append(labels[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var dataset = Training.UniqueName("weighted");
        var info = await fixture.Client.CreateDatasetFromCsvAsync(dataset, new StringReader(csv.ToString()), "weighted.csv",
            new CsvIngestOptions { LabelColumn = "y", WeightColumn = "w", ShardCount = 3 });
        Assert.Equal("w", info.Schema.WeightName);
        Assert.Equal(["a", "b", "c"], info.Schema.FeatureNames);

        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("weighted-ne"), Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = 0.01,
        });
        Assert.True(status.Status == JobStatus.Completed, status.Reason);

        var expected = WeightedRidge(features, labels, weights, 0.01);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), expected) < 1e-9);
        var local = new LocalDataset(["a", "b", "c"], features, labels);
        Assert.True(ReferenceObjective.GradientMaxAbs(local, model, 0.01, sampleWeights: weights) < 1e-9);
    }

    private static double[] WeightedRidge(double[,] x, double[] y, double[] w, double l2)
    {
        // Normal equations of (1/Σw) Σ w (x·β + b − y)² / 2 + (l2/2)‖β‖², in double precision with MathNet.
        var n = y.Length;
        var d = x.GetLength(1);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1);
        var r = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d + 1);
        var total = w.Sum();
        for (var i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, d).Select(j => x[i, j]).Append(1.0).ToArray();
            for (var p = 0; p <= d; p++)
            {
                r[p] += w[i] * row[p] * y[i] / total;
                for (var q = 0; q <= d; q++)
                {
                    a[p, q] += w[i] * row[p] * row[q] / total;
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            a[j, j] += l2;
        }

        return a.Solve(r).ToArray();
    }

    private async Task<Client.LinearModel> TrainBundledAsync(string name, string label, int shards, JobSpec spec)
    {
        var dataset = Training.UniqueName(name.Replace('_', '-'));
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath(name), new CsvIngestOptions { LabelColumn = label, ShardCount = shards });
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName(name.Replace('_', '-') + "-job"), Dataset = dataset, Model = spec.Model, Solver = spec.Solver,
            L1 = spec.L1, L2 = spec.L2, MaxRounds = spec.MaxRounds, GradientTolerance = spec.GradientTolerance, Tolerance = 0,
            LearningRate = spec.LearningRate, Momentum = spec.Momentum, WeightBlocks = spec.WeightBlocks,
        });
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        return model;
    }

    private static string PoissonCsv(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, cols).Select(j => $"x{j}")) + ",y\n");
        for (var i = 0; i < rows; i++)
        {
            var x = Enumerable.Range(0, cols).Select(_ => (float)(TestData.Gaussian(random) * 0.5)).ToArray();
            var rate = Math.Exp(0.5 + x.Select((v, j) => v * (j % 2 == 0 ? 0.4 : -0.3)).Sum());
            var count = -1;
            for (double product = 1, limit = Math.Exp(-rate); product > limit; count++)
            {
                product *= random.NextDouble();
            }

            csv.Append(string.Join(',', x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(',').Append(count).Append('\n');
        }

        return csv.ToString();
    }
}
