using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Families;

/// <summary>
/// Multinomial logistic regression on class ids 0..K−1: K outputs and the softmax kernel of its own (no single loss);
/// the prediction is the most probable class.
/// </summary>
internal static class SoftmaxRegression
{
    /// <summary>The registry's entry.</summary>
    public static ModelDescriptor Descriptor { get; } = new()
    {
        Kind = ModelKind.SoftmaxRegression,
        Name = "softmax",
        Description = "softmax regression",
        Prediction = PredictionKind.ClassProbabilities,
        LabelProblem = ClassIds,
    };

    private static string? ClassIds(JobSpec spec, DatasetStatistics statistics, string label)
    {
        if (!(statistics.LabelsAreIntegers && statistics.LabelMin >= 0))
        {
            return $"softmax regression needs class ids 0..K-1 as labels, but \"{label}\" holds {(statistics.LabelsAreIntegers ? $"values down to {statistics.LabelMin}" : "non-integer values")}";
        }

        var classes = Descriptor.Outputs(spec, statistics);
        if (classes < 2)
        {
            return $"softmax regression needs K >= 2 classes, but the labels give K = {classes}";
        }

        return statistics.LabelMax < classes
            ? null
            : $"softmax regression with K = {classes} needs labels 0..{classes - 1}, but \"{label}\" reaches {statistics.LabelMax}";
    }
}
