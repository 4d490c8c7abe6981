using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Families;

/// <summary>Least squares (and ridge, lasso, elastic net with the penalties): any label; the prediction is z.</summary>
internal static class LinearRegression
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.LinearRegression,
        Name = "linear",
        Description = "linear regression",
        Loss = LossKind.SquaredError,
        Prediction = PredictionKind.Value,
        LabelProblem = LabelRules.Any,
    };
}
