using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Families;

/// <summary>Huber regression (threshold <see cref="JobSpec.HuberDelta"/>): any label; the prediction is z.</summary>
internal static class HuberRegression
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.HuberRegression,
        Name = "huber",
        Description = "Huber regression",
        Loss = LossKind.Huber,
        Prediction = PredictionKind.Value,
        LabelProblem = LabelRules.Any,
    };
}
