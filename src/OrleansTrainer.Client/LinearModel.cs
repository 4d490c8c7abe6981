using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client;

/// <summary>A trained linear model held locally: predicts without the cluster.</summary>
public sealed class LinearModel
{
    private readonly double[] _weights;

    /// <summary>Creates a model from its coefficients.</summary>
    public LinearModel(ModelKind kind, IReadOnlyList<string> featureNames, double[] weights, double intercept)
    {
        if (featureNames.Count != weights.Length)
        {
            throw new ArgumentException($"{featureNames.Count} feature names for {weights.Length} weights.");
        }

        Kind = kind;
        FeatureNames = featureNames;
        _weights = weights;
        Intercept = intercept;
    }

    /// <summary>Reads the model a job produced.</summary>
    public static LinearModel From(TrainedModel model) =>
        new(model.Model, model.FeatureNames, DenseBuffers.AsDoubles(model.Weights.Bytes).ToArray(), model.Intercept);

    /// <summary>The model family.</summary>
    public ModelKind Kind { get; }

    /// <summary>Feature names in coefficient order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Coefficients on the original feature scale.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The intercept.</summary>
    public double Intercept { get; }

    /// <summary>x·w + b.</summary>
    public double Margin(ReadOnlySpan<double> features)
    {
        if (features.Length != _weights.Length)
        {
            throw new ArgumentException($"The model has {_weights.Length} features; got {features.Length} values.", nameof(features));
        }

        var z = Intercept;
        for (var j = 0; j < _weights.Length; j++)
        {
            z += _weights[j] * features[j];
        }

        return z;
    }

    /// <summary>The prediction: the value for linear regression, the probability of class 1 for logistic regression.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        var z = Margin(features);
        return Kind == ModelKind.LogisticRegression ? 1.0 / (1.0 + Math.Exp(-z)) : z;
    }
}
