using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The linear SVM (squared hinge) end to end: scikit-learn's LinearSVC on the same problem, the optimality conditions by
/// a naive gradient, every solver that applies on dense and sparse datasets, and the refusals.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class LinearSvmTests(TrainerClusterFixture fixture)
{
    private TrainerClient Client => fixture.Client;

    public static TheoryData<string, JobSpec> DenseSolvers => new()
    {
        { "gradient descent", new JobSpec { LearningRate = 0.03, MaxRounds = 300 } },
        { "gradient descent with line search", new JobSpec { LearningRate = 1, LineSearch = true, MaxRounds = 100 } },
        { "mini-batch SGD", new JobSpec { Solver = SolverKind.MiniBatchSgd, BatchSize = 64, LearningRate = 0.01, MaxRounds = 300 } },
        { "L-BFGS", new JobSpec { Solver = SolverKind.Lbfgs, MaxRounds = 500 } },
        { "local SGD", new JobSpec { Solver = SolverKind.LocalSgd, LocalSteps = 5, BatchSize = 32, LearningRate = 0.01, MaxRounds = 60 } },
        { "SSP(1) gradient descent", new JobSpec { Consistency = ConsistencyMode.Ssp, Staleness = 1, LearningRate = 0.03, MaxRounds = 300 } },
        { "asynchronous SGD", new JobSpec { Solver = SolverKind.MiniBatchSgd, Consistency = ConsistencyMode.Async, BatchSize = 64, LearningRate = 0.01, MaxRounds = 300 } },
    };

    [Theory]
    [InlineData(1e-2)]
    [InlineData(1e-3)]
    public async Task Agrees_with_scikit_learn_LinearSVC_at_the_optimum_of_standardized_breast_cancer(double l2)
    {
        var (local, dataset) = await StandardizedBreastCancerAsync();
        var (status, model) = await Training.RunAsync(Client, new JobSpec
        {
            Name = Training.UniqueName("svm-sklearn"), Dataset = dataset, Model = ModelKind.LinearSvm, Solver = SolverKind.Lbfgs,
            FitIntercept = false, Standardize = false, L2 = l2, MaxRounds = 2000, Tolerance = 0, GradientTolerance = 1e-12, WeightBlocks = 3,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        Assert.Equal(0.0, model.Intercept);
        var gradient = LinearSvm.Gradient(local, model.Weights, 0, l2, withIntercept: false).Max(Math.Abs);
        Assert.True(gradient <= 1e-8, $"gradient {gradient}");
        var error = TestData.RelativeError(model.Weights, LinearSvm.ReferenceCoefficients(l2));
        Assert.True(error <= 1e-6, $"relative distance to scikit-learn {error}");
    }

    [Theory]
    [MemberData(nameof(DenseSolvers))]
    public async Task Trains_with_every_solver_on_a_dense_dataset(string solver, JobSpec spec)
    {
        const double l2 = 1e-2;
        var (local, dataset) = await StandardizedBreastCancerAsync();
        var (status, model) = await Training.RunAsync(Client, spec with
        {
            Name = Training.UniqueName("svm-dense"), Dataset = dataset, Model = ModelKind.LinearSvm, L2 = l2, Tolerance = 0,
            GradientTolerance = spec.Solver == SolverKind.Lbfgs ? 1e-12 : 0, WeightBlocks = 2,
        });

        Assert.True(status.Status == JobStatus.Completed, $"{solver}: {status.Reason}");
        var accuracy = LinearSvm.Accuracy(local, model);
        Assert.True(accuracy >= 0.95, $"{solver}: training accuracy {accuracy}");
        Assert.True(LinearSvm.Objective(local, model.Weights, model.Intercept, l2) < 0.2, $"{solver}: objective not reduced from 1");
        if (spec.Solver == SolverKind.Lbfgs)
        {
            var gradient = LinearSvm.Gradient(local, model.Weights, model.Intercept, l2, withIntercept: true).Max(Math.Abs);
            Assert.True(gradient <= 1e-8, $"gradient {gradient}");
        }
    }

    [Fact]
    public async Task Owlqn_with_an_l1_penalty_satisfies_the_kkt_conditions()
    {
        const double l1 = 2e-3, l2 = 1e-3;
        var (local, dataset) = await StandardizedBreastCancerAsync();
        var (status, model) = await Training.RunAsync(Client, new JobSpec
        {
            Name = Training.UniqueName("svm-owlqn"), Dataset = dataset, Model = ModelKind.LinearSvm, Solver = SolverKind.Lbfgs,
            L1 = l1, L2 = l2, MaxRounds = 3000, Tolerance = 0, GradientTolerance = 1e-12, WeightBlocks = 2,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var gradient = LinearSvm.Gradient(local, model.Weights, model.Intercept, l2, withIntercept: true);
        var weights = model.Weights.ToArray();
        var violation = gradient.Select((g, j) =>
            j == weights.Length ? Math.Abs(g) : weights[j] != 0 ? Math.Abs(g + l1 * Math.Sign(weights[j])) : Math.Max(0, Math.Abs(g) - l1)).Max();
        Assert.True(violation <= 1e-8, $"KKT violation {violation}");
        Assert.Contains(0.0, weights);
    }

    [Fact]
    public async Task Sparse_and_dense_storage_of_the_same_rows_reach_the_same_optimum()
    {
        const double l2 = 1e-3;
        var data = SparseData.Generate(rows: 3_000, dimension: 40, perRow: 6, seed: 21);
        var (sparseName, denseName) = await data.IngestSparseAndDenseAsync(Client, "svm", shards: 3);
        JobSpec Spec(string dataset) => new()
        {
            Name = Training.UniqueName("svm-storage"), Dataset = dataset, Model = ModelKind.LinearSvm, Solver = SolverKind.Lbfgs,
            Standardize = false, L2 = l2, MaxRounds = 1000, Tolerance = 0, GradientTolerance = 1e-12, WeightBlocks = 3,
        };
        var (sparseStatus, sparse) = await Training.RunAsync(Client, Spec(sparseName));
        var (denseStatus, dense) = await Training.RunAsync(Client, Spec(denseName));

        Assert.True(sparseStatus.Status == JobStatus.Completed, sparseStatus.Reason);
        Assert.True(denseStatus.Status == JobStatus.Completed, denseStatus.Reason);
        Assert.True(TestData.RelativeError(Training.Coefficients(sparse), Training.Coefficients(dense)) < 1e-6);
        var local = SparseAsLocal(data);
        var gradient = LinearSvm.Gradient(local, sparse.Weights, sparse.Intercept, l2, withIntercept: true).Max(Math.Abs);
        Assert.True(gradient <= 1e-8, $"gradient {gradient}");
    }

    [Theory]
    [InlineData(SolverKind.GradientDescent)]
    [InlineData(SolverKind.MiniBatchSgd)]
    [InlineData(SolverKind.LocalSgd)]
    public async Task Trains_with_the_block_side_solvers_on_a_sparse_dataset(SolverKind solver)
    {
        const double l2 = 1e-3;
        var data = SparseData.Generate(rows: 2_000, dimension: 200, perRow: 8, seed: 22);
        var dataset = Training.UniqueName("svm-sparse");
        await Client.CreateSparseDatasetAsync(dataset, data.Reader(), new IngestOptions { ShardCount = 2 });
        var (status, model) = await Training.RunAsync(Client, new JobSpec
        {
            Name = Training.UniqueName("svm-sparse"), Dataset = dataset, Model = ModelKind.LinearSvm, Solver = solver, Standardize = false,
            L2 = l2, LearningRate = solver == SolverKind.GradientDescent ? 0.5 : 0.05, BatchSize = 100, LocalSteps = 5, MaxRounds = 100,
            Tolerance = 0, WeightBlocks = 2,
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var objective = LinearSvm.Objective(SparseAsLocal(data), model.Weights, model.Intercept, l2);
        Assert.True(objective < 0.9, $"{solver}: objective {objective}, 1 at the zero model");
    }

    [Theory]
    [InlineData("the normal equations solve least squares and ridge only, not LinearSvm", SolverKind.NormalEquations, ParallelismMode.DataParallel)]
    [InlineData("block coordinate descent solves least squares, ridge and lasso (LinearRegression) in Bsp consistency, not LinearSvm", SolverKind.GradientDescent, ParallelismMode.BlockCoordinate)]
    public async Task Solvers_that_cannot_fit_it_refuse_it(string expected, SolverKind solver, ParallelismMode parallelism)
    {
        var (_, dataset) = await StandardizedBreastCancerAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("svm-refused"), Dataset = dataset, Model = ModelKind.LinearSvm, Solver = solver, Parallelism = parallelism,
        }));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_label_outside_zero_and_one_is_refused_naming_the_column_and_its_range()
    {
        var dataset = Training.UniqueName("svm-labels");
        await Training.IngestAsync(Client, dataset, "a,b,target\n1,2,0\n2,1,1\n3,0,2\n", "target", 1);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartJobAsync(new JobSpec
        {
            Name = Training.UniqueName("svm-labels"), Dataset = dataset, Model = ModelKind.LinearSvm,
        }));
        Assert.Contains("the linear SVM needs labels in {0, 1}, but \"target\" ranges over [0, 2]", error.Message);
    }

    [Fact]
    public void The_prediction_is_the_class_of_the_decision_value()
    {
        var model = new LinearModel(ModelKind.LinearSvm, ["a", "b"], [1.0, -2.0], [0.5]);
        Assert.Equal(-0.5, model.Margin([1.0, 1.0]));
        Assert.Equal(0.0, model.Predict([1.0, 1.0]));
        Assert.Equal(1.0, model.Predict([1.0, 0.75]));
        Assert.Equal(1.0, model.PredictSparse([0], [3f]));
        Assert.Throws<InvalidOperationException>(() => model.ClassProbabilities([1.0, 1.0], new double[2]));
    }

    private async Task<(LocalDataset Local, string Dataset)> StandardizedBreastCancerAsync()
    {
        var (local, csv) = LinearSvm.StandardizedBreastCancer();
        var dataset = Training.UniqueName("svm-cancer");
        await Client.CreateDatasetFromCsvAsync(dataset, new StringReader(csv), "breast_cancer_standardized.csv",
            new CsvIngestOptions { LabelColumn = "malignant", ShardCount = 3, FeatureType = FeatureType.Float64 });
        return (local, dataset);
    }

    private static LocalDataset SparseAsLocal(SparseData data)
    {
        var dense = data.Dense();
        var features = new double[data.Rows, data.Dimension];
        for (var i = 0; i < data.Rows; i++)
        {
            for (var j = 0; j < data.Dimension; j++)
            {
                features[i, j] = dense[(long)i * data.Dimension + j];
            }
        }

        return new LocalDataset(Enumerable.Range(0, data.Dimension).Select(j => $"f{j}").ToArray(), features, data.Labels);
    }
}
