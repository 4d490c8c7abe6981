using System.Globalization;
using System.Reflection;
using System.Text.Json;
using OrleansTrainer.Models;

namespace OrleansTrainer.Client.Onnx;

/// <summary>
/// The ONNX graph of a linear model: <c>features</c> [N, d] — the input, or the encoded source columns
/// (<see cref="ColumnInputs"/>) — · weights [d] (or [d, K]) + intercept, then what the model's
/// <see cref="PredictionKind"/> asks for: nothing, Exp, Sigmoid with the class and [1 − p, p], the class by the sign of
/// the decision value, or Softmax with ArgMax; a row whose margin is NaN (a NaN feature, a refused cell) has class −1.
/// Weights and features are float32.
/// </summary>
internal static class LinearModelGraph
{
    /// <summary>The default-domain opset the graph uses (GreaterOrEqual needs 12, Unsqueeze with axes as an input 13).</summary>
    public const long Opset = 17;

    /// <summary>The IR version that goes with opset 17.</summary>
    public const long IrVersion = 8;

    /// <summary>The ai.onnx.ml opset that goes with opset 17 (Imputer 1, LabelEncoder 2), imported only by graphs of source columns.</summary>
    public const long MlOpset = 3;

    private const string Weights = "weights";
    private const string Intercepts = "intercepts";
    private const string Zero = "zero";
    private const string One = "one";
    private const string ColumnAxis = "column_axis";
    private const string Product = "x_times_w";
    private const string Margin = "margin";
    private const string NoClass = "no_class";

    /// <summary>The ModelProto bytes of <paramref name="model"/>, taking <paramref name="inputs"/>.</summary>
    /// <exception cref="NotSupportedException">
    /// A coefficient (or a fill value) does not fit float32, the weights exceed what one protobuf message holds, or the
    /// model cannot take source columns (numbered features, hashed columns, a column named like a value of the graph).
    /// </exception>
    public static byte[] Build(LinearModel model, OnnxInputs inputs)
    {
        RequireExpressible(model);
        var graph = new OnnxGraph($"otrain_{model.Kind}");
        long d = model.FeatureCount;
        long k = model.Outputs;
        if (inputs == OnnxInputs.Columns)
        {
            ColumnInputs.Add(graph, model, OnnxNames.Features);
        }
        else
        {
            graph.Input(OnnxNames.Features, OnnxDataType.Float, [null, d],
                $"float32 [N, {d}]: one row per example, {(model.FeatureNames.Count > 0 ? "the features in the order of the metadata otrain.features" : "columns 0 .. d-1 of the sparse feature space")}");
        }

        graph.Initializer(Weights, k == 1 ? [d] : [d, k], WeightsByFeature(model));
        graph.Initializer(Intercepts, [k], InterceptsOf(model));
        graph.Node("MatMul", [OnnxNames.Features, Weights], Product);
        switch (model.Prediction)
        {
            case PredictionKind.Value:
                graph.Node("Add", [Product, Intercepts], OnnxNames.Prediction);
                graph.Output(OnnxNames.Prediction, OnnxDataType.Float, [null], "float32 [N]: the predicted value z");
                break;
            case PredictionKind.Count:
                graph.Node("Add", [Product, Intercepts], Margin);
                graph.Node("Exp", [Margin], OnnxNames.Prediction);
                graph.Output(OnnxNames.Prediction, OnnxDataType.Float, [null], "float32 [N]: the expected count e^z");
                break;
            case PredictionKind.Probability:
                graph.Node("Add", [Product, Intercepts], Margin);
                ClassBySign(graph, Margin);
                graph.Node("Sigmoid", [Margin], OnnxNames.Probability);
                graph.Initializer(One, [1], new float[] { 1 }.AsSpan());
                graph.Initializer(ColumnAxis, [1], new long[] { 1 }.AsSpan());
                graph.Node("Sub", [One, OnnxNames.Probability], "probability_0");
                graph.Node("Unsqueeze", ["probability_0", ColumnAxis], "probability_0_column");
                graph.Node("Unsqueeze", [OnnxNames.Probability, ColumnAxis], "probability_1_column");
                graph.Node("Concat", ["probability_0_column", "probability_1_column"], OnnxNames.Probabilities, OnnxAttribute.Int("axis", 1));
                graph.Output(OnnxNames.Class, OnnxDataType.Int64, [null], "int64 [N]: the predicted class, 1 when z >= 0 (p >= 1/2); -1 when z is NaN");
                graph.Output(OnnxNames.Probability, OnnxDataType.Float, [null], "float32 [N]: the probability of class 1, sigmoid(z)");
                graph.Output(OnnxNames.Probabilities, OnnxDataType.Float, [null, 2], "float32 [N, 2]: [1 - p, p]");
                break;
            case PredictionKind.Decision:
                graph.Node("Add", [Product, Intercepts], OnnxNames.Decision);
                ClassBySign(graph, OnnxNames.Decision);
                graph.Output(OnnxNames.Class, OnnxDataType.Int64, [null], "int64 [N]: the predicted class, 1 when z >= 0; -1 when z is NaN");
                graph.Output(OnnxNames.Decision, OnnxDataType.Float, [null], "float32 [N]: the decision value z");
                break;
            case PredictionKind.ClassProbabilities:
                graph.Node("Add", [Product, Intercepts], Margin);
                graph.Node("ArgMax", [Margin], "largest_margin", OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
                graph.Initializer(ColumnAxis, [1], new long[] { 1 }.AsSpan());
                graph.Node("ReduceSum", [Margin, ColumnAxis], "margin_sum", OnnxAttribute.Int("keepdims", 0));
                ClassUnlessNaN(graph, "margin_sum", "largest_margin");
                graph.Node("Softmax", [Margin], OnnxNames.Probabilities, OnnxAttribute.Int("axis", 1));
                graph.Output(OnnxNames.Class, OnnxDataType.Int64, [null], "int64 [N]: the predicted class, the largest z_k (the first of equals); -1 when z is NaN");
                graph.Output(OnnxNames.Probabilities, OnnxDataType.Float, [null, k], $"float32 [N, {k}]: softmax(z_1 .. z_K)");
                break;
            default:
                throw new NotSupportedException($"A {model.Kind} model predicts {model.Prediction}, which has no ONNX graph.");
        }

        var from = inputs == OnnxInputs.Columns ? $"the source columns {string.Join(", ", model.SourceColumns)} ([N, 1] each)" : $"{OnnxNames.Features} float32 [N, {d}]";
        return graph.ToModel(IrVersion, Opset, MlOpset, ProducerVersion(), $"OrleansTrainer {model.Kind} model: {string.Join(", ", OutputsOf(model))} from {from}", Metadata(model, inputs));
    }

    private static IEnumerable<string> OutputsOf(LinearModel model) => model.Prediction switch
    {
        PredictionKind.Probability => [OnnxNames.Class, OnnxNames.Probability, OnnxNames.Probabilities],
        PredictionKind.Decision => [OnnxNames.Class, OnnxNames.Decision],
        PredictionKind.ClassProbabilities => [OnnxNames.Class, OnnxNames.Probabilities],
        _ => [OnnxNames.Prediction],
    };

    /// <summary>int64 class 1 where <paramref name="margin"/> ≥ 0, else 0 (−1 where it is NaN).</summary>
    private static void ClassBySign(OnnxGraph graph, string margin)
    {
        graph.Initializer(Zero, [1], new float[] { 0 }.AsSpan());
        graph.Node("GreaterOrEqual", [margin, Zero], "is_class_1");
        graph.Node("Cast", ["is_class_1"], "class_by_sign", OnnxAttribute.Int("to", (long)OnnxDataType.Int64));
        ClassUnlessNaN(graph, margin, "class_by_sign");
    }

    /// <summary>The class output: <paramref name="classes"/> [N], but −1 where <paramref name="probe"/> [N] is NaN (a row with a NaN feature, or a cell a graph of source columns refuses).</summary>
    private static void ClassUnlessNaN(OnnxGraph graph, string probe, string classes)
    {
        graph.Initializer(NoClass, [1], new long[] { -1 }.AsSpan());
        graph.Node("IsNaN", [probe], "is_undecided");
        graph.Node("Where", ["is_undecided", NoClass, classes], OnnxNames.Class);
    }

    /// <summary>The weights as float32 [d, K], row-major: feature j's row holds its weight in every output.</summary>
    private static ReadOnlySpan<float> WeightsByFeature(LinearModel model)
    {
        var weights = new float[(long)model.FeatureCount * model.Outputs];
        for (var k = 0; k < model.Outputs; k++)
        {
            var output = model.WeightsOf(k);
            for (var j = 0; j < output.Length; j++)
            {
                weights[((long)j * model.Outputs) + k] = (float)output[j];
            }
        }

        return weights;
    }

    private static ReadOnlySpan<float> InterceptsOf(LinearModel model) => model.Intercepts.ToArray().Select(b => (float)b).ToArray();

    private static void RequireExpressible(LinearModel model)
    {
        const long largestTensorBytes = int.MaxValue - (1 << 20);
        if ((long)model.FeatureCount * model.Outputs * sizeof(float) > largestTensorBytes)
        {
            throw new NotSupportedException($"The model's {model.FeatureCount} × {model.Outputs} weights exceed the 2 GiB one ONNX (protobuf) file holds.");
        }

        for (var k = 0; k < model.Outputs; k++)
        {
            RequireFloat32(model.Intercepts[k], $"the intercept of output {k}");
            var weights = model.WeightsOf(k);
            for (var j = 0; j < weights.Length; j++)
            {
                RequireFloat32(weights[j], $"the weight of feature {(model.FeatureNames.Count > 0 ? $"\"{model.FeatureNames[j]}\"" : j.ToString(CultureInfo.InvariantCulture))} in output {k}");
            }
        }
    }

    /// <summary>Refuses a value that float32 cannot hold.</summary>
    /// <exception cref="NotSupportedException"><paramref name="value"/> is not finite in float32; the message names it as <paramref name="what"/>.</exception>
    public static void RequireFloat32(double value, string what)
    {
        if (!float.IsFinite((float)value))
        {
            throw new NotSupportedException($"The model cannot be written as ONNX (float32): {what} is {value.ToString("R", CultureInfo.InvariantCulture)}.");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Metadata(LinearModel model, OnnxInputs inputs)
    {
        yield return new("otrain.kind", model.Kind.ToString());
        yield return new("otrain.inputs", inputs == OnnxInputs.Columns ? "columns" : "features");
        yield return new("otrain.featureCount", model.FeatureCount.ToString(CultureInfo.InvariantCulture));
        if (model.FeatureNames.Count > 0)
        {
            yield return new("otrain.features", JsonSerializer.Serialize(model.FeatureNames));
        }

        if (model.ClassLabels.Count > 0)
        {
            yield return new("otrain.classes", JsonSerializer.Serialize(model.ClassLabels));
        }

        if (model.Provenance is { } provenance)
        {
            yield return new("otrain.job", provenance.Job);
            yield return new("otrain.dataset", provenance.Dataset);
            yield return new("otrain.label", provenance.LabelName);
            yield return new("otrain.createdAt", provenance.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    private static string ProducerVersion() =>
        typeof(LinearModelGraph).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
