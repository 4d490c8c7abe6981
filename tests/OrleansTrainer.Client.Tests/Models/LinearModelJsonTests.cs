using System.Text.Json;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client.Tests.Models;

public sealed class LinearModelJsonTests
{
    private static readonly ModelProvenance Provenance = new()
    {
        Job = "digits-softmax",
        Dataset = "digits",
        LabelName = "digit",
        Spec = new JobSpec
        {
            Name = "digits-softmax", Dataset = "digits", Model = ModelKind.SoftmaxRegression, Solver = SolverKind.Lbfgs, L2 = 1.0 / 3, Seed = ulong.MaxValue,
            Tolerance = 1e-300, Validation = new ValidationSpec { Fraction = 0.2, Seed = 7, Metric = MetricKind.Accuracy, Patience = 3 },
        },
        Rounds = 42,
        BestRound = 39,
        TrainMetrics = new EvaluationMetrics { Rows = 800, WeightSum = 800, Loss = 0.1 + 0.2, Accuracy = 0.97, Classes = 3, ConfusionMatrix = [1, 2, 3, 4, 5, 6, 7, 8, 9] },
        ValidationMetrics = new EvaluationMetrics { Rows = 200, WeightSum = 200, Classes = 3 },
        CreatedAt = new DateTimeOffset(2025, 3, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1234567),
    };

    [Fact]
    public void A_model_read_back_from_json_has_the_same_bits_predictions_and_provenance()
    {
        var random = new Random(3);
        var weights = Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 1e3 - 500 + 1e-17).ToArray();
        var model = new LinearModel(ModelKind.SoftmaxRegression, ["a", "b", "c", "d"], weights, [0.1, 1.0 / 3, -2e-300], Provenance);

        var back = LinearModel.FromJson(model.ToJson());

        Assert.Equal(ModelKind.SoftmaxRegression, back.Kind);
        Assert.Equal(model.FeatureNames, back.FeatureNames);
        Assert.Equal(["0", "1", "2"], back.ClassLabels);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(model.WeightsOf(k).ToArray(), back.WeightsOf(k).ToArray());
        }

        Assert.Equal(model.Intercepts.ToArray(), back.Intercepts.ToArray());
        double[] x = [0.5, -1.25, 3, 7];
        Assert.Equal(model.Predict(x), back.Predict(x));
        Assert.Equal(model.Margin(x, 2), back.Margin(x, 2));

        // The metrics' NaN loss survives too (records compare by value, the spec's nested one included).
        Assert.NotNull(back.Provenance);
        Assert.Equal(Provenance with { Spec = null, TrainMetrics = null, ValidationMetrics = null }, back.Provenance with { Spec = null, TrainMetrics = null, ValidationMetrics = null });
        Assert.Equal(Provenance.Spec, back.Provenance.Spec);
        Assert.Equal(Provenance.TrainMetrics!.ConfusionMatrix, back.Provenance.TrainMetrics!.ConfusionMatrix);
        Assert.Equal(Provenance.TrainMetrics with { ConfusionMatrix = [] }, back.Provenance.TrainMetrics with { ConfusionMatrix = [] });
        Assert.True(double.IsNaN(back.Provenance.ValidationMetrics!.Loss));
    }

    [Fact]
    public void The_file_describes_the_model_in_named_fields()
    {
        var model = new LinearModel(ModelKind.LogisticRegression, ["x1", "x2"], [0.5, -1.5], [0.25], Provenance with { Job = "lr", BestRound = null });

        var json = JsonDocument.Parse(model.ToJson()).RootElement;

        Assert.Equal("otrain-linear-model/2", json.GetProperty("format").GetString());
        Assert.Equal("LogisticRegression", json.GetProperty("kind").GetString());
        Assert.Equal("lr", json.GetProperty("job").GetString());
        Assert.Equal("digits", json.GetProperty("dataset").GetString());
        Assert.Equal("digit", json.GetProperty("label").GetString());
        Assert.Equal(42, json.GetProperty("rounds").GetInt64());
        Assert.False(json.TryGetProperty("bestRound", out _));
        Assert.Equal(["x1", "x2"], json.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, json.GetProperty("featureCount").GetInt32());
        Assert.Equal(["0", "1"], json.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Lbfgs", json.GetProperty("spec").GetProperty("solver").GetString());
        Assert.False(json.GetProperty("spec").GetProperty("validation").TryGetProperty("splitsRows", out _));
        Assert.Equal(0.97, json.GetProperty("trainMetrics").GetProperty("accuracy").GetDouble());
        Assert.Equal("NaN", json.GetProperty("validationMetrics").GetProperty("loss").GetString());
        Assert.Equal([[0.5, -1.5]], json.GetProperty("weights").EnumerateArray().Select(w => w.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
    }

    [Fact]
    public void A_model_of_numbered_features_writes_its_feature_count_and_reads_back()
    {
        var weights = Enumerable.Range(0, 30).Select(j => (j - 15) / 7.0).ToArray();
        var model = new LinearModel(ModelKind.LinearSvm, [], weights, [0.125]);

        var json = model.ToJson();
        var back = LinearModel.FromJson(json);

        var root = JsonDocument.Parse(json).RootElement;
        Assert.False(root.TryGetProperty("features", out _));
        Assert.Equal(30, root.GetProperty("featureCount").GetInt32());
        Assert.False(root.TryGetProperty("job", out _));
        Assert.Empty(back.FeatureNames);
        Assert.Equal(30, back.FeatureCount);
        Assert.Null(back.Provenance);
        Assert.Equal(model.Weights.ToArray(), back.Weights.ToArray());
        Assert.Equal(model.PredictSparse([3, 29], [1f, -2f]), back.PredictSparse([3, 29], [1f, -2f]));
    }

    [Fact]
    public async Task A_format_1_file_still_loads()
    {
        var model = await LinearModel.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Models", "diabetes-linear-v1.json"));

        Assert.Equal(ModelKind.LinearRegression, model.Kind);
        Assert.Equal(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], model.FeatureNames);
        Assert.Null(model.Provenance);
        Assert.Empty(model.ClassLabels);
        // The least-squares fit of the bundled diabetes data: scikit-learn's LinearRegression predicts 206.117 for row 1.
        Assert.Equal(206.11667724511125, model.Predict([59, 2, 32.1, 101.0, 157, 93.2, 38.0, 4.0, 4.8598, 87]), 1e-9);
        Assert.Equal(-334.5671385191168, model.Intercept);
    }

    [Fact]
    public async Task A_format_1_file_of_a_sparse_model_loads_with_the_feature_count_of_its_weights()
    {
        // Written by format 1's exporter for a LIBSVM dataset: "features": [] beside 30 weights, which it then refused to read.
        var model = await LinearModel.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Models", "sparse-logistic-v1.json"));

        Assert.Equal(30, model.FeatureCount);
        Assert.Empty(model.FeatureNames);
        Assert.Equal(1 / (1 + Math.Exp(-(-0.25 + model.Weights[0] + (2 * model.Weights[29])))), model.PredictSparse([0, 29], [1f, 2f]), 1e-15);
    }

    [Theory]
    [InlineData("{}", "the \"format\" field is missing")]
    [InlineData("not json", "Not a model file")]
    [InlineData("""{"format":"otrain-linear-model/3","kind":"LinearRegression"}""", "\"otrain-linear-model/3\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"Forest","featureCount":1,"weights":[[1]],"intercepts":[0]}""", "$.kind")]
    [InlineData("""{"format":"otrain-linear-model/2","featureCount":1,"weights":[[1]],"intercepts":[0]}""", "no \"kind\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","featureCount":1,"intercepts":[0]}""", "no \"weights\"")]
    [InlineData("""{"format":"otrain-linear-model/1","kind":"LinearRegression","features":["a","b"],"weights":[[1]],"intercepts":[0]}""", "\"weights\"[0] has 1 values, not one per feature (2)")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","features":["a","b"],"featureCount":3,"weights":[[1,2]],"intercepts":[0]}""", "\"featureCount\" 3 does not match its 2 \"features\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","weights":[[1,2]],"intercepts":[0]}""", "neither \"features\" nor \"featureCount\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","featureCount":2,"weights":[[1,2],[3,4]],"intercepts":[0]}""", "2 rows of \"weights\" but 1 \"intercepts\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LogisticRegression","featureCount":1,"weights":[[1],[2]],"intercepts":[0,1]}""", "cannot have 2 outputs")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LogisticRegression","featureCount":1,"classes":["no","yes"],"weights":[[1]],"intercepts":[0]}""", "\"classes\" [no, yes]")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","job":"j","featureCount":1,"weights":[[1]],"intercepts":[0]}""", "names its \"job\" but has no \"dataset\"")]
    [InlineData("""{"format":"otrain-linear-model/2","kind":"LinearRegression","features":["a","a","c"],"weights":[[1,2,3]],"intercepts":[0]}""", "Feature \"a\" is named 2 times; a model's feature names are distinct.")]
    public void Text_that_is_not_an_exported_model_is_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LinearModel.FromJson(json));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_bad_file_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"otrain-model-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"format":"otrain-linear-model/2"}""");
        try
        {
            var error = await Assert.ThrowsAsync<FormatException>(() => LinearModel.LoadAsync(path));
            Assert.StartsWith($"{path}: ", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
