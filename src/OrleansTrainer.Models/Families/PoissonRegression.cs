using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Families;

/// <summary>Poisson regression with the log link on counts y ≥ 0; the prediction is the expected count e^z.</summary>
internal static class PoissonRegression
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.PoissonRegression,
        Name = "poisson",
        Description = "Poisson regression",
        Loss = LossKind.Poisson,
        Prediction = PredictionKind.Count,
        LabelProblem = LabelRules.NonNegative("Poisson regression"),
    };
}
