using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Families;

/// <summary>
/// The linear SVM with the squared hinge on labels in {0, 1} (scikit-learn's LinearSVC(loss='squared_hinge')); the
/// prediction is class 1 when the decision value z ≥ 0, else 0.
/// </summary>
internal static class LinearSvm
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.LinearSvm,
        Name = "svm",
        Description = "the linear SVM",
        Loss = LossKind.SquaredHinge,
        Prediction = PredictionKind.Decision,
        LabelProblem = LabelRules.Binary("the linear SVM"),
    };
}
