using System.Globalization;
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
    /// <param name="kind">The model family.</param>
    /// <param name="featureNames">The feature names in coefficient order; empty for numbered (sparse) features.</param>
    /// <param name="weights">The coefficients, outputs × features, output-major.</param>
    /// <param name="intercepts">One intercept per output.</param>
    /// <param name="provenance">Where the model came from; null for a model made from coefficients alone.</param>
    /// <param name="encoding">How raw rows become the features (categories, hashing, missing values); null for plain numeric columns named as the features.</param>
    /// <exception cref="ArgumentException">The coefficients do not form a model of <paramref name="kind"/>, the encoding's features are not <paramref name="featureNames"/>, or a feature name repeats.</exception>
    public LinearModel(ModelKind kind, IReadOnlyList<string> featureNames, double[] weights, double[] intercepts, ModelProvenance? provenance = null,
        DatasetEncoding? encoding = null)
    {
        if (encoding is not null && !encoding.FeatureNames().SequenceEqual(featureNames))
        {
            throw new ArgumentException($"The encoding's {encoding.FeatureNames().Length} features are not the model's {featureNames.Count} features in order.", nameof(encoding));
        }

        if (featureNames.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(name => name.Count() > 1) is { } repeated)
        {
            // Rows to predict are matched to the features by name, so a repeated name would leave one of them unread.
            throw new ArgumentException($"Feature \"{repeated.Key}\" is named {repeated.Count()} times; a model's feature names are distinct.");
        }

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
        ClassLabels = [.. Enumerable.Range(0, model.Classes(intercepts.Length)).Select(k => k.ToString(CultureInfo.InvariantCulture))];
        Provenance = provenance;
        Encoding = encoding;
    }

    /// <summary>Reads the model a job produced, with its provenance (read now).</summary>
    /// <exception cref="ArgumentException">The coefficients do not match the model's kind or feature count.</exception>
    public static LinearModel From(TrainedModel model)
    {
        var linear = new LinearModel(model.Model, model.FeatureNames,
            DenseBuffers.AsDoubles(model.Weights.Bytes).ToArray(), DenseBuffers.AsDoubles(model.Intercepts.Bytes).ToArray(), new ModelProvenance
            {
                Job = model.Job,
                Dataset = model.Dataset,
                LabelName = model.LabelName,
                Spec = model.Spec,
                Rounds = model.Rounds,
                BestRound = model.BestRound,
                TrainMetrics = model.TrainMetrics,
                ValidationMetrics = model.ValidationMetrics,
                CreatedAt = DateTimeOffset.UtcNow,
            }, model.Encoding);
        if (model.FeatureCount > 0 && model.FeatureCount != linear.FeatureCount)
        {
            throw new ArgumentException($"The model of job \"{model.Job}\" has {linear.FeatureCount} features per output, but its dataset \"{model.Dataset}\" has {model.FeatureCount}.");
        }

        return linear;
    }

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

    /// <summary>What the model predicts (a value, a count, a class with probabilities, a class by a decision value).</summary>
    public PredictionKind Prediction => _model.Prediction;

    /// <summary>Feature names in coefficient order; empty for a model of a sparse dataset, whose features are numbered.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of features (per output).</summary>
    public int FeatureCount { get; }

    /// <summary>The classes a classifier predicts, in class order: "0" .. "K−1" (labels are class ids); empty for regression.</summary>
    public IReadOnlyList<string> ClassLabels { get; }

    /// <summary>Where the model came from; null for a model made from coefficients alone or read from a format-1 file.</summary>
    public ModelProvenance? Provenance { get; }

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
    /// <exception cref="ArgumentException"><paramref name="features"/> does not hold one value per feature.</exception>
    public double Margin(ReadOnlySpan<double> features, int output = 0)
    {
        RequireFeatureCount(features);
        var weights = WeightsOf(output);
        var z = _intercepts[output];
        for (var j = 0; j < weights.Length; j++)
        {
            z += weights[j] * features[j];
        }

        return z;
    }

    /// <summary>Every output's x·w_k + b_k into <paramref name="margins"/> (one per output).</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Margins(ReadOnlySpan<double> features, Span<double> margins)
    {
        RequireOutputCount(margins, nameof(margins));
        for (var k = 0; k < Outputs; k++)
        {
            margins[k] = Margin(features, k);
        }
    }

    /// <summary>
    /// Every output's x·w_k + b_k for a sparse row, the features at <paramref name="indices"/> (0-based) holding
    /// <paramref name="values"/> and every other feature zero.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, an index is outside the model's features, or <paramref name="margins"/> is not one per output.</exception>
    public void Margins(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<double> margins)
    {
        RequireOutputCount(margins, nameof(margins));
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"A sparse row needs one value per index (got {indices.Length} indices, {values.Length} values).", nameof(values));
        }

        foreach (var index in indices)
        {
            if ((uint)index >= (uint)FeatureCount)
            {
                throw new ArgumentException($"Feature index {index} is outside the model's {FeatureCount} features (0-based).", nameof(indices));
            }
        }

        for (var k = 0; k < Outputs; k++)
        {
            var weights = WeightsOf(k);
            var z = _intercepts[k];
            for (var e = 0; e < indices.Length; e++)
            {
                z += weights[indices[e]] * values[e];
            }

            margins[k] = z;
        }
    }

    /// <summary>
    /// The prediction: the value for linear and Huber regression, the probability of class 1 for logistic regression,
    /// the expected count e^z for Poisson regression, the class (0 or 1, by the sign of the decision value
    /// <see cref="Margin"/>) for the linear SVM, the most probable class for softmax regression.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not hold one value per feature.</exception>
    public double Predict(ReadOnlySpan<double> features)
    {
        Span<double> margins = stackalloc double[Outputs];
        Margins(features, margins);
        return PredictFromMargins(margins);
    }

    /// <summary>The prediction for a sparse row (the non-zero features at <paramref name="indices"/>), as <see cref="Predict(ReadOnlySpan{double})"/> gives it for a dense one.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or an index is outside the model's features.</exception>
    public double PredictSparse(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        Span<double> margins = stackalloc double[Outputs];
        Margins(indices, values, margins);
        return PredictFromMargins(margins);
    }

    /// <summary>The prediction (as <see cref="Predict(ReadOnlySpan{double})"/> gives it) from the outputs' margins.</summary>
    /// <exception cref="ArgumentException"><paramref name="margins"/> is not one per output.</exception>
    public double PredictFromMargins(ReadOnlySpan<double> margins)
    {
        RequireOutputCount(margins, nameof(margins));
        return _model.IsMultiOutput ? ClassFromMargins(margins) : _model.Link(margins[0]);
    }

    /// <summary>
    /// The predicted class (an index into <see cref="ClassLabels"/>) from the outputs' margins: the largest margin's
    /// output for softmax regression (the first of equals), else 1 when z ≥ 0 (probability ≥ ½) and 0 otherwise.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is a regression model.</exception>
    /// <exception cref="ArgumentException"><paramref name="margins"/> is not one per output.</exception>
    public int ClassFromMargins(ReadOnlySpan<double> margins)
    {
        RequireClassifier();
        RequireOutputCount(margins, nameof(margins));
        return _model.IsMultiOutput ? margins.IndexOf(Max(margins)) : margins[0] >= 0 ? 1 : 0;
    }

    /// <summary>Class probabilities (softmax regression: K values; logistic regression: [1 − p, p]).</summary>
    /// <exception cref="InvalidOperationException">The model has no class probabilities.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> does not hold one value per feature.</exception>
    public void ClassProbabilities(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        RequireProbabilities();
        Span<double> margins = stackalloc double[Outputs];
        Margins(features, margins);
        ProbabilitiesFromMargins(margins, probabilities);
    }

    /// <summary>Class probabilities (as <see cref="ClassProbabilities"/> gives them) from the outputs' margins.</summary>
    /// <exception cref="InvalidOperationException">The model has no class probabilities.</exception>
    /// <exception cref="ArgumentException"><paramref name="margins"/> is not one per output, or <paramref name="probabilities"/> not one per class.</exception>
    public void ProbabilitiesFromMargins(ReadOnlySpan<double> margins, Span<double> probabilities)
    {
        RequireProbabilities();
        RequireOutputCount(margins, nameof(margins));
        if (probabilities.Length != ClassLabels.Count)
        {
            throw new ArgumentException($"The model has {ClassLabels.Count} classes; got room for {probabilities.Length} probabilities.", nameof(probabilities));
        }

        if (_model.PredictsProbability)
        {
            var p = _model.Link(margins[0]);
            probabilities[0] = 1 - p;
            probabilities[1] = p;
            return;
        }

        var max = Max(margins);
        double sum = 0;
        for (var k = 0; k < Outputs; k++)
        {
            probabilities[k] = Math.Exp(margins[k] - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < Outputs; k++)
        {
            probabilities[k] /= sum;
        }
    }

    private void RequireFeatureCount(ReadOnlySpan<double> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"The model has {FeatureCount} features; got {features.Length} values.", nameof(features));
        }
    }

    private void RequireOutputCount(ReadOnlySpan<double> margins, string name)
    {
        if (margins.Length != Outputs)
        {
            throw new ArgumentException($"The model has {Outputs} output(s); got {margins.Length} margins.", name);
        }
    }

    private void RequireClassifier()
    {
        if (!_model.IsClassifier)
        {
            throw new InvalidOperationException($"A {Kind} model predicts no class.");
        }
    }

    private void RequireProbabilities()
    {
        if (_model.Prediction is not (PredictionKind.Probability or PredictionKind.ClassProbabilities))
        {
            throw new InvalidOperationException($"A {Kind} model has no class probabilities.");
        }
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = values[0];
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>
    /// What an evaluation of this model needs of a job spec: its kind and its loss settings (the Huber threshold it was
    /// trained with, from its provenance; the default otherwise), on <paramref name="dataset"/>.
    /// </summary>
    public JobSpec EvaluationSpec(string dataset) => new()
    {
        Name = "evaluate",
        Dataset = dataset,
        Model = Kind,
        HuberDelta = Provenance?.Spec?.HuberDelta ?? new JobSpec().HuberDelta,
        Classes = Outputs > 1 ? Outputs : 0,
    };
}
