using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using Xunit.Abstractions;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>Exported ONNX files run by ONNX Runtime predict what <see cref="LinearModel"/> predicts, for every model kind.</summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    public static TheoryData<ModelKind, string> KindsAndData => new()
    {
        { ModelKind.LinearRegression, "diabetes" },
        { ModelKind.HuberRegression, "diabetes" },
        { ModelKind.PoissonRegression, "diabetes" },
        { ModelKind.LogisticRegression, "breast_cancer" },
        { ModelKind.LinearSvm, "breast_cancer" },
        { ModelKind.SoftmaxRegression, "digits" },
    };

    [Fact]
    public void Every_model_kind_is_covered() =>
        Assert.Equal(Enum.GetValues<ModelKind>().Order(), KindsAndData.Select(row => (ModelKind)row[0]).Order());

    [Theory]
    [MemberData(nameof(KindsAndData))]
    public void Onnx_runtime_predicts_what_the_model_predicts_on_the_bundled_data(ModelKind kind, string dataset)
    {
        var data = Dataset(dataset);
        var model = LocalFit.Fit(kind, data);
        var run = OnnxRun.Of(model.ToOnnx(), data.Rows);

        var agreement = OnnxAgreement.Measure(model, data.Rows, run);
        output.WriteLine($"{kind} on {dataset}: {agreement}");
        Assert.True((agreement.MarginError ?? 0) <= OnnxAgreement.Tolerance, agreement.ToString());
        Assert.True((agreement.ProbabilityError ?? 0) <= OnnxAgreement.Tolerance, agreement.ToString());
        Assert.True(agreement.ClassMismatches is null or 0, agreement.ToString());
        if (model.ClassLabels.Count > 0)
        {
            // Every class is predicted somewhere, so the class output is tested on each.
            Assert.Equal(model.ClassLabels.Count, run.Integers[OnnxNames.Class].Distinct().Count());
        }

        Assert.Equal(ExpectedOutputs(model), run.Outputs.Order());
        Assert.All(run.Shapes.Values, shape => Assert.Equal(data.Rows.Length, shape[0]));
    }

    [Fact]
    public void The_onnx_file_carries_the_kind_features_classes_and_provenance_as_metadata()
    {
        var model = new LinearModel(ModelKind.LogisticRegression, ["x1", "x2"], [0.5, -1.5], [0.25], new ModelProvenance
        {
            Job = "lr", Dataset = "points", LabelName = "y", Rounds = 3, CreatedAt = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });

        var run = OnnxRun.Of(model.ToOnnx(), [[1.0, 2.0], [4.0, 1.0]]);

        Assert.Equal("LogisticRegression", run.Metadata["otrain.kind"]);
        Assert.Equal("[\"x1\",\"x2\"]", run.Metadata["otrain.features"]);
        Assert.Equal("[\"0\",\"1\"]", run.Metadata["otrain.classes"]);
        Assert.Equal("lr", run.Metadata["otrain.job"]);
        Assert.Equal("points", run.Metadata["otrain.dataset"]);
        Assert.Equal("y", run.Metadata["otrain.label"]);
        Assert.Equal([0L, 1L], run.Integers[OnnxNames.Class]);
        Assert.Equal([2, 2], run.Shapes[OnnxNames.Probabilities]);
    }

    [Fact]
    public void A_model_of_numbered_features_takes_its_columns_densely()
    {
        var weights = Enumerable.Range(0, 3 * 40).Select(i => Math.Sin(i) / 3).ToArray();
        var model = new LinearModel(ModelKind.SoftmaxRegression, [], weights, [0.5, -0.25, 0]);
        double[][] rows = [.. Enumerable.Range(0, 25).Select(r => Enumerable.Range(0, 40).Select(j => (r + j) % 7 == 0 ? r - 12.5 : 0).ToArray())];

        var run = OnnxRun.Of(model.ToOnnx(), rows);

        Assert.False(run.Metadata.ContainsKey("otrain.features"));
        Assert.Equal("40", run.Metadata["otrain.featureCount"]);
        var agreement = OnnxAgreement.Measure(model, rows, run);
        Assert.True(agreement.ProbabilityError <= OnnxAgreement.Tolerance && agreement.ClassMismatches == 0, agreement.ToString());
    }

    [Theory]
    [InlineData(1e39, "the weight of feature \"b\" in output 0 is 1E+39")]
    [InlineData(double.NaN, "the weight of feature \"b\" in output 0 is NaN")]
    public void A_coefficient_beyond_float32_is_refused_by_name(double weight, string expected)
    {
        var model = new LinearModel(ModelKind.LinearRegression, ["a", "b"], [1, weight], [0]);
        var error = Assert.Throws<NotSupportedException>(model.ToOnnx);
        Assert.Contains(expected, error.Message);
    }

    private static BundledDataset Dataset(string name) => name switch
    {
        "diabetes" => BundledDataset.Diabetes,
        "breast_cancer" => BundledDataset.BreastCancer,
        _ => BundledDataset.Digits,
    };

    private static IEnumerable<string> ExpectedOutputs(LinearModel model) => (model.Prediction switch
    {
        PredictionKind.Probability => new[] { OnnxNames.Class, OnnxNames.Probability, OnnxNames.Probabilities },
        PredictionKind.Decision => [OnnxNames.Class, OnnxNames.Decision],
        PredictionKind.ClassProbabilities => [OnnxNames.Class, OnnxNames.Probabilities],
        _ => [OnnxNames.Prediction],
    }).Order();
}
