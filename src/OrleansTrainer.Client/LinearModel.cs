using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client;

/// <summary>A trained linear model held locally: predicts without the cluster. Coefficients are on the original feature scale.</summary>
public sealed partial class LinearModel
{
    private readonly double[] _weights;
    private readonly double[] _intercepts;
    private readonly ModelDescriptor _model;

    /// <summary>
    /// Creates a model from its coefficients: <paramref name="weights"/> holds outputs × features values, output-major.
    /// Models of sparse datasets have numbered features: pass no names, and the feature count follows from the weights.
    /// </summary>
    public LinearModel(ModelKind kind, IReadOnlyList<string> featureNames, double[] weights, double[] intercepts)
    {
        FeatureCount = featureNames.Count > 0 || intercepts.Length == 0 ? featureNames.Count : weights.Length / intercepts.Length;
        if (FeatureCount == 0 || intercepts.Length == 0 || weights.Length != FeatureCount * intercepts.Length)
        {
            throw new ArgumentException($"{weights.Length} weights do not form {intercepts.Length} output(s) of {FeatureCount} features.");
        }

        var model = ModelRegistry.Of(kind);
        if (model.IsMultiOutput ? intercepts.Length < 2 : intercepts.Length != 1)
        {
            throw new ArgumentException($"A {kind} model cannot have {intercepts.Length} outputs.");
        }

        Kind = kind;
        _model = model;
        FeatureNames = featureNames;
        _weights = weights;
        _intercepts = intercepts;
    }

    /// <summary>Reads the model a job produced.</summary>
    public static LinearModel From(TrainedModel model) => new(model.Model, model.FeatureNames,
        DenseBuffers.AsDoubles(model.Weights.Bytes).ToArray(), DenseBuffers.AsDoubles(model.Intercepts.Bytes).ToArray());

    /// <summary>The model as a job's starting point (<see cref="JobSpec.InitialModel"/>): a job with it starts from these coefficients instead of zeros.</summary>
    public InitialModel ToInitialModel() => new()
    {
        Kind = Kind,
        FeatureNames = [.. FeatureNames],
        FeatureCount = FeatureCount,
        Weights = new PackedVector { Bytes = DenseBuffers.ToBytes(_weights) },
        Intercepts = new PackedVector { Bytes = DenseBuffers.ToBytes(_intercepts) },
    };

    /// <summary>The model family.</summary>
    public ModelKind Kind { get; }

    /// <summary>Feature names in coefficient order; empty for a model of a sparse dataset, whose features are numbered.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of features (per output).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of outputs: K classes for softmax regression, else 1.</summary>
    public int Outputs => _intercepts.Length;

    /// <summary>The coefficients of the first (for most models the only) output.</summary>
    public ReadOnlySpan<double> Weights => WeightsOf(0);

    /// <summary>The intercept of the first output.</summary>
    public double Intercept => _intercepts[0];

    /// <summary>The intercepts, one per output.</summary>
    public ReadOnlySpan<double> Intercepts => _intercepts;

    /// <summary>The coefficients of output (class) <paramref name="output"/>.</summary>
    public ReadOnlySpan<double> WeightsOf(int output) => _weights.AsSpan(output * FeatureCount, FeatureCount);

    /// <summary>x·w_k + b_k of output <paramref name="output"/>.</summary>
    public double Margin(ReadOnlySpan<double> features, int output = 0)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"The model has {FeatureCount} features; got {features.Length} values.", nameof(features));
        }

        var weights = WeightsOf(output);
        var z = _intercepts[output];
        for (var j = 0; j < weights.Length; j++)
        {
            z += weights[j] * features[j];
        }

        return z;
    }

    /// <summary>
    /// The prediction: the value for linear and Huber regression, the probability of class 1 for logistic regression,
    /// the expected count e^z for Poisson regression, the class (0 or 1, by the sign of the decision value
    /// <see cref="Margin"/>) for the linear SVM, the most probable class for softmax regression.
    /// </summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        if (!_model.IsMultiOutput)
        {
            return _model.Link(Margin(features));
        }

        Span<double> probabilities = stackalloc double[Outputs];
        ClassProbabilities(features, probabilities);
        return probabilities.IndexOf(TensorMax(probabilities));
    }

    /// <summary>
    /// The prediction for a sparse row (the non-zero features at <paramref name="indices"/>), as <see cref="Predict"/>
    /// does for a dense one; single-output models.
    /// </summary>
    public double PredictSparse(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        if (Outputs != 1 || indices.Length != values.Length)
        {
            throw new ArgumentException($"Sparse prediction needs a single-output model and one value per index (got {indices.Length} indices, {values.Length} values).");
        }

        var weights = WeightsOf(0);
        var z = _intercepts[0];
        for (var e = 0; e < indices.Length; e++)
        {
            z += weights[indices[e]] * values[e];
        }

        return _model.Link(z);
    }

    /// <summary>Class probabilities (softmax regression: K values; logistic regression: [1 − p, p]).</summary>
    public void ClassProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        if (_model.PredictsProbability)
        {
            var p = Predict(features);
            probabilities[0] = 1 - p;
            probabilities[1] = p;
            return;
        }

        if (!_model.IsMultiOutput)
        {
            throw new InvalidOperationException($"A {Kind} model has no class probabilities.");
        }

        var max = double.NegativeInfinity;
        for (var k = 0; k < Outputs; k++)
        {
            probabilities[k] = Margin(features, k);
            max = Math.Max(max, probabilities[k]);
        }

        double sum = 0;
        for (var k = 0; k < Outputs; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < Outputs; k++)
        {
            probabilities[k] /= sum;
        }
    }

    private static double TensorMax(ReadOnlySpan<double> values)
    {
        var max = values[0];
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
