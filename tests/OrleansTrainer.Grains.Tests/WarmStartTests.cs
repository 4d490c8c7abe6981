using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

/// <summary>
/// A job's initial model: turned into exactly the solver parameters whose model <see cref="JobContext.RawModel"/> hands
/// out (standardization and the Hash partition's feature order undone), kept out of the spec the job runs by, and refused,
/// naming <c>InitialModel</c> and the mismatch, when it does not fit the spec and the dataset.
/// </summary>
public class WarmStartTests
{
    private const int Features = 4;

    private static readonly JobSpec Linear = new() { Name = "warm", Dataset = "data.v2" };

    public static TheoryData<string, JobSpec, DatasetInfo> Jobs() => new()
    {
        { "linear, standardized", Linear, Dense() },
        { "linear, raw features", Linear with { Standardize = false }, Dense() },
        { "linear, no intercept, standardized", Linear with { FitIntercept = false }, Dense() },
        { "softmax, 3 classes", Linear with { Model = ModelKind.SoftmaxRegression, Classes = 3 }, Dense(labelMax: 2) },
        { "logistic, 2 blocks", Linear with { Model = ModelKind.LogisticRegression, WeightBlocks = 2 }, Dense() },
        { "sparse, Hash partition", Linear with { Standardize = false, Partition = WeightPartition.Hash, Seed = 11, WeightBlocks = 3 }, Sparse(97) },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void InitialParameters_AreTheSolverParametersOfTheInitialModel(string what, JobSpec spec, DatasetInfo dataset)
    {
        var zero = JobContext.Create(spec, dataset);
        var parameters = Enumerable.Range(0, zero.Layout.Length).Select(i => Math.Sin(i + 1) * 3).ToArray();
        var (weights, intercepts) = zero.RawModel(parameters);

        var warm = JobContext.Create(spec with { InitialModel = Model(spec.Model, dataset, weights, intercepts) }, dataset);
        var initial = warm.InitialParameters();

        Assert.Equal(zero.Layout.Length, initial.Length);
        for (var i = 0; i < initial.Length; i++)
        {
            Assert.True(Math.Abs(initial[i] - parameters[i]) <= 1e-12 * Math.Max(1, Math.Abs(parameters[i])), $"{what}: parameter {i} is {initial[i]}, not {parameters[i]}");
        }

        Assert.All(zero.InitialParameters(), p => Assert.Equal(0.0, p));
        Assert.Null(warm.Spec.InitialModel);
        Assert.Equal(spec, warm.Spec);
    }

    [Fact]
    public void InitialParameters_AreACopy()
    {
        var dataset = Dense();
        var warm = JobContext.Create(Linear with { InitialModel = Model(ModelKind.LinearRegression, dataset, [1, 2, 3, 4], [5]) }, dataset);

        warm.InitialParameters()[0] = 99;

        Assert.NotEqual(99, warm.InitialParameters()[0]);
    }

    public static TheoryData<string, JobSpec, DatasetInfo, string> Mismatches()
    {
        var dense = Dense();
        var fits = Model(ModelKind.LinearRegression, dense, [1, 2, 3, 4], [0.5]);
        return new()
        {
            { "kind", Linear with { InitialModel = fits with { Kind = ModelKind.PoissonRegression } }, dense, "InitialModel is a PoissonRegression model; the job fits LinearRegression" },
            { "feature count", Linear with { InitialModel = fits with { FeatureCount = 5, FeatureNames = ["x0", "x1", "x2", "x3", "x4"] } }, dense, "InitialModel has 5 features; dataset \"data.v2\" has 4" },
            { "feature names", Linear with { InitialModel = fits with { FeatureNames = ["x0", "x1", "z", "x3"] } }, dense, "feature 3 of InitialModel is \"z\"; in dataset \"data.v2\" it is \"x2\"" },
            { "unnamed features", Linear with { InitialModel = fits with { FeatureNames = [] } }, dense, "InitialModel names 0 features; dataset \"data.v2\" has 4 named ones" },
            { "named features on a sparse dataset", Linear with { Standardize = false, InitialModel = fits }, Sparse(4), "InitialModel names its features; dataset \"data.v2\" is sparse" },
            { "outputs", Linear with { InitialModel = fits with { Intercepts = Packed(0.5, 0.25) } }, dense, "InitialModel has 2 output(s); the job's LinearRegression model on dataset \"data.v2\" has 1" },
            { "classes", Linear with { Model = ModelKind.SoftmaxRegression, Classes = 3, InitialModel = fits with { Kind = ModelKind.SoftmaxRegression, Weights = Packed(new double[8]), Intercepts = Packed(0, 0) } }, Dense(labelMax: 2), "InitialModel has 2 output(s); the job's SoftmaxRegression model on dataset \"data.v2\" has 3" },
            { "weight count", Linear with { InitialModel = fits with { Weights = Packed(1, 2, 3) } }, dense, "InitialModel has 3 weights; 1 output(s) of 4 features need 4" },
            { "bytes", Linear with { InitialModel = fits with { Weights = new PackedVector { Bytes = new byte[31] } } }, dense, "InitialModel's weights and intercepts must be float64 vectors" },
            { "weight not finite", Linear with { InitialModel = fits with { Weights = Packed(1, double.NaN, 3, 4) } }, dense, "InitialModel weight 1 is NaN; it must be finite" },
            { "intercept not finite", Linear with { InitialModel = fits with { Intercepts = Packed(double.PositiveInfinity) } }, dense, "InitialModel intercept 0 is Infinity; it must be finite" },
            { "intercept of a job without", Linear with { FitIntercept = false, Standardize = false, InitialModel = fits }, dense, "InitialModel has intercept 0.5 (output 0); the job fits none (FitIntercept is false)" },
            { "intercept of a standardized job without", Linear with { FitIntercept = false, InitialModel = fits }, dense, "the job fits none (FitIntercept is false), and standardized that means −Σ mean·weight = -37.5" },
        };
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void A_model_that_does_not_fit_is_refused_naming_InitialModel_and_the_mismatch(string what, JobSpec spec, DatasetInfo dataset, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => JobContext.Create(spec, dataset));

        Assert.StartsWith("Job \"warm\": ", error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{what}: {error.Message}");
    }

    [Fact]
    public void A_job_without_intercept_takes_the_intercept_its_own_models_have()
    {
        var dataset = Dense();
        var spec = Linear with { FitIntercept = false };
        var zero = JobContext.Create(spec, dataset);
        var (weights, intercepts) = zero.RawModel([1, -2, 0.5, 3]);
        Assert.NotEqual(0, intercepts[0]); // standardized without intercept: the model is centred, −Σ mean·weight

        var warm = JobContext.Create(spec with { InitialModel = Model(ModelKind.LinearRegression, dataset, weights, intercepts) }, dataset);

        Assert.Equal(new double[] { 1, -2, 0.5, 3 }, warm.InitialParameters().Select(p => Math.Round(p, 12)));
    }

    private static InitialModel Model(ModelKind kind, DatasetInfo dataset, double[] weights, double[] intercepts) => new()
    {
        Kind = kind,
        FeatureNames = dataset.Schema.IsSparse ? [] : dataset.Schema.FeatureNames,
        FeatureCount = dataset.Schema.FeatureCount,
        Weights = Packed(weights),
        Intercepts = Packed(intercepts),
    };

    private static PackedVector Packed(params double[] values) => new() { Bytes = DenseBuffers.ToBytes(values) };

    private static DatasetInfo Dense(double labelMax = 1) => new()
    {
        Name = "data.v2",
        Status = DatasetStatus.Ready,
        Schema = new DatasetSchema { FeatureNames = [.. Enumerable.Range(0, Features).Select(j => $"x{j}")], LabelName = "y" },
        Statistics = new DatasetStatistics
        {
            Rows = 100,
            LabelMin = 0,
            LabelMax = labelMax,
            LabelsAreIntegers = true,
            LabelsAreBinary = labelMax <= 1,
            FeatureMean = Packed(1.5, -2, 0, 10),
            FeatureStandardDeviation = Packed(2, 0.5, 0, 4),
        },
    };

    private static DatasetInfo Sparse(int dimension) => new()
    {
        Name = "data.v2",
        Status = DatasetStatus.Ready,
        Schema = new DatasetSchema { FeatureType = FeatureType.SparseFloat32, SparseDimension = dimension, LabelName = "y" },
        Statistics = new DatasetStatistics { Rows = 100, LabelMin = 0, LabelMax = 1, LabelsAreIntegers = true, LabelsAreBinary = true },
    };
}
