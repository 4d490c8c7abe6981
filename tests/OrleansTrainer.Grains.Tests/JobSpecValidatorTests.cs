using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains.Tests;

/// <summary>The refusals of <see cref="JobSpecValidator"/>'s two entry points: each names the job, the field and the value.</summary>
public class JobSpecValidatorTests
{
    private static readonly JobSpec Valid = new() { Name = "job-1", Dataset = "data.v2" };

    public static TheoryData<string, JobSpec, string[]> FieldRefusals() => new()
    {
        { "empty name", Valid with { Name = "" }, ["job name"] },
        { "bad dataset name", Valid with { Dataset = "-data" }, ["dataset name", "-data"] },
        { "model", Valid with { Model = (ModelKind)42 }, ["model", "42"] },
        { "learning rate 0", Valid with { LearningRate = 0 }, ["LearningRate", "not 0"] },
        { "learning rate NaN", Valid with { LearningRate = double.NaN }, ["LearningRate", "not NaN"] },
        { "L2", Valid with { L2 = -0.5 }, ["L2", "not -0.5"] },
        { "L2 infinite", Valid with { L2 = double.PositiveInfinity }, ["L2", "not Infinity"] },
        { "L1", Valid with { L1 = -1e-3 }, ["L1", "not -0.001"] },
        { "momentum 1", Valid with { Momentum = 1 }, ["Momentum", "not 1"] },
        { "momentum negative", Valid with { Momentum = -0.1 }, ["Momentum", "not -0.1"] },
        { "Nesterov", Valid with { Nesterov = true }, ["Nesterov", "Momentum"] },
        { "max rounds", Valid with { MaxRounds = 0 }, ["MaxRounds", "not 0"] },
        { "tolerance", Valid with { Tolerance = -1 }, ["Tolerance", "not -1"] },
        { "gradient tolerance", Valid with { GradientTolerance = double.NaN }, ["GradientTolerance", "not NaN"] },
        { "weight blocks", Valid with { WeightBlocks = 0 }, ["WeightBlocks", "not 0"] },
        { "batch size", Valid with { Solver = SolverKind.MiniBatchSgd, BatchSize = 0 }, ["BatchSize", "not 0"] },
        { "classes", Valid with { Classes = -2 }, ["Classes", "not -2"] },
        { "Huber delta", Valid with { HuberDelta = 0 }, ["HuberDelta", "not 0"] },
        { "beta1", Valid with { Beta1 = 1 }, ["Beta1", "not 1 and 0.999"] },
        { "beta2", Valid with { Beta2 = -0.5 }, ["Beta2", "not 0.9 and -0.5"] },
        { "epsilon", Valid with { Epsilon = 0 }, ["Epsilon", "not 0"] },
        { "L-BFGS memory", Valid with { LbfgsMemory = 0 }, ["LbfgsMemory", "not 0"] },
        { "local steps", Valid with { LocalSteps = -3 }, ["LocalSteps", "not -3"] },
        { "staleness", Valid with { Staleness = -1 }, ["Staleness", "not -1"] },
        { "consistency", Valid with { Consistency = (ConsistencyMode)9 }, ["consistency", "9"] },
        { "partition", Valid with { Partition = (WeightPartition)5 }, ["partition", "5"] },
    };

    [Fact]
    public void Validate_AcceptsTheDefaults() => JobSpecValidator.Validate(Valid);

    [Theory]
    [MemberData(nameof(FieldRefusals))]
    public void Validate_RefusesAFieldOutOfRange_NamingItAndItsValue(string what, JobSpec spec, string[] named)
    {
        var error = Assert.Throws<ArgumentException>(() => JobSpecValidator.Validate(spec));

        Assert.All(named, part => Assert.Contains(part, error.Message));
        if (!what.EndsWith(" name", StringComparison.Ordinal)) // a bad name is refused as a name, before there is a job to name
        {
            Assert.StartsWith("Job \"job-1\": ", error.Message);
        }
    }

    [Fact]
    public void ValidateAgainst_AcceptsASuitableDataset() => JobSpecValidator.ValidateAgainst(Valid, Dense(features: 3));

    [Fact]
    public void ValidateAgainst_RefusesAMissingOrIngestingDataset()
    {
        AssertRefused(Valid, Dense(3), "dataset \"data.v2\" does not exist", status: DatasetStatus.None);
        AssertRefused(Valid, Dense(3), "dataset \"data.v2\" is still ingesting", status: DatasetStatus.Ingesting);
    }

    [Fact]
    public void ValidateAgainst_RefusesLabelsTheModelCannotFit()
    {
        AssertRefused(Valid with { Model = ModelKind.LogisticRegression }, Dense(3, labelMin: 0, labelMax: 2),
            "logistic regression needs labels in {0, 1}, but \"y\" ranges over [0, 2]");
        AssertRefused(Valid with { Model = ModelKind.PoissonRegression }, Dense(3, labelMin: -1.5, labelMax: 2),
            "Poisson regression needs labels >= 0, but \"y\" goes down to -1.5");
        AssertRefused(Valid with { Model = ModelKind.SoftmaxRegression }, Dense(3, labelMax: 2, integers: false),
            "softmax regression needs class ids 0..K-1 as labels, but \"y\" holds non-integer values");
        AssertRefused(Valid with { Model = ModelKind.SoftmaxRegression }, Dense(3, labelMin: -1, labelMax: 2),
            "but \"y\" holds values down to -1");
        AssertRefused(Valid with { Model = ModelKind.SoftmaxRegression, Classes = 3 }, Dense(3, labelMax: 5),
            "softmax regression with K = 3 needs labels 0..2, but \"y\" reaches 5");
        AssertRefused(Valid with { Model = ModelKind.SoftmaxRegression }, Dense(3, labelMax: 0),
            "softmax regression needs K >= 2 classes, but the labels give K = 1");
    }

    [Fact]
    public void ValidateAgainst_RefusesMoreWeightBlocksThanParameters()
    {
        // 3 features + an intercept = 4 parameters; without the intercept 3.
        JobSpecValidator.ValidateAgainst(Valid with { WeightBlocks = 4 }, Dense(3));
        AssertRefused(Valid with { WeightBlocks = 5 }, Dense(3), "WeightBlocks (5) exceeds the 4 parameters of the model");
        AssertRefused(Valid with { WeightBlocks = 4, FitIntercept = false }, Dense(3), "WeightBlocks (4) exceeds the 3 parameters of the model");
    }

    /// <summary>Issue 12 item 12: K inferred from the labels (Classes = 0) sizes the model as K outputs, not one.</summary>
    [Fact]
    public void ValidateAgainst_SizesASoftmaxModelWithClassesFromTheLabels()
    {
        // Labels 0..4: K = 5 outputs of 3 weights and an intercept = 20 parameters.
        var softmax = Valid with { Model = ModelKind.SoftmaxRegression, Classes = 0 };
        foreach (var blocks in new[] { 4, 5, 10, 20 })
        {
            JobSpecValidator.ValidateAgainst(softmax with { WeightBlocks = blocks }, Dense(3, labelMax: 4));
        }

        AssertRefused(softmax with { WeightBlocks = 21 }, Dense(3, labelMax: 4), "WeightBlocks (21) exceeds the 20 parameters of the model");
        JobSpecValidator.ValidateAgainst(softmax with { Classes = 5, WeightBlocks = 20 }, Dense(3, labelMax: 4));
    }

    [Fact]
    public void ValidateAgainst_RefusesASoftmaxModelTooLargeForOneVector_WithClassesFromTheLabels()
    {
        // 600 million features × K = 4 outputs is more than an array holds; one output would fit.
        var softmax = Valid with { Model = ModelKind.SoftmaxRegression, Standardize = false };
        JobSpecValidator.ValidateAgainst(softmax with { Model = ModelKind.LogisticRegression }, Sparse(600_000_000, labelMax: 1));
        AssertRefused(softmax, Sparse(600_000_000, labelMax: 3), "the model would have 2400000004 parameters, more than one vector can hold");
    }

    [Fact]
    public void ValidateAgainst_RefusesWhatSparseDatasetsDoNotSupport()
    {
        var sparse = Valid with { Standardize = false };
        JobSpecValidator.ValidateAgainst(sparse with { Partition = WeightPartition.Hash }, Sparse(1000, labelMax: 1));
        AssertRefused(Valid with { Partition = WeightPartition.Hash }, Dense(3),
            "the Hash weight partition spreads the features of sparse datasets; dataset \"data.v2\" is dense, use Range");
        AssertRefused(sparse with { Parallelism = ParallelismMode.BlockCoordinate }, Sparse(1000, labelMax: 1),
            "dataset \"data.v2\" is sparse, and block coordinate descent runs on dense datasets only");
        AssertRefused(Valid, Sparse(1000, labelMax: 1), "set Standardize = false");
        AssertRefused(sparse with { Consistency = ConsistencyMode.Ssp }, Sparse(1000, labelMax: 1), "Bsp consistency only, not Ssp");
    }

    private static void AssertRefused(JobSpec spec, DatasetInfo dataset, string expected, DatasetStatus status = DatasetStatus.Ready)
    {
        var withStatus = new DatasetInfo { Name = dataset.Name, Status = status, Schema = dataset.Schema, Statistics = dataset.Statistics };
        var error = Assert.Throws<ArgumentException>(() => JobSpecValidator.ValidateAgainst(spec, withStatus));
        Assert.StartsWith($"Job \"{spec.Name}\": ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static DatasetInfo Dense(int features, double labelMin = 0, double labelMax = 1, bool integers = true) => new()
    {
        Name = "data.v2",
        Status = DatasetStatus.Ready,
        Schema = new DatasetSchema { FeatureNames = [.. Enumerable.Range(0, features).Select(j => $"x{j}")], LabelName = "y" },
        Statistics = Statistics(labelMin, labelMax, integers),
    };

    private static DatasetInfo Sparse(int dimension, double labelMax) => new()
    {
        Name = "data.v2",
        Status = DatasetStatus.Ready,
        Schema = new DatasetSchema { FeatureType = FeatureType.SparseFloat32, SparseDimension = dimension, LabelName = "y" },
        Statistics = Statistics(0, labelMax, integers: true),
    };

    private static DatasetStatistics Statistics(double labelMin, double labelMax, bool integers) => new()
    {
        Rows = 100,
        LabelMin = labelMin,
        LabelMax = labelMax,
        LabelsAreIntegers = integers,
        LabelsAreBinary = integers && labelMin >= 0 && labelMax <= 1,
    };
}
