using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Families;

/// <summary>Binary logistic regression on labels in {0, 1}; the prediction is the probability of class 1.</summary>
internal static class LogisticRegression
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.LogisticRegression,
        Name = "logistic",
        Description = "logistic regression",
        Loss = LossKind.Logistic,
        Prediction = PredictionKind.Probability,
        LabelProblem = LabelRules.Binary("logistic regression"),
    };
}
