using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>Merges the <see cref="EvaluationSums"/> of two disjoint sets of rows (<see cref="EvaluationAccumulator.Merge(EvaluationSums, EvaluationSums)"/>).</summary>
internal static class EvaluationSumsMerge
{
    /// <summary>The sums of <paramref name="first"/>'s rows and then <paramref name="second"/>'s.</summary>
    /// <exception cref="ArgumentException">The sums are of different models or class counts, or malformed.</exception>
    public static EvaluationSums Merge(EvaluationSums first, EvaluationSums second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Model != second.Model || first.Classes != second.Classes || first.Confusion.Length != second.Confusion.Length)
        {
            throw new ArgumentException(
                $"Cannot merge the sums of a {first.Model} model with {first.Classes} classes and a {second.Model} model with {second.Classes} classes.",
                nameof(second));
        }

        return first with
        {
            Rows = first.Rows + second.Rows,
            WeightSum = first.WeightSum + second.WeightSum,
            LossSum = first.LossSum + second.LossSum,
            Labels = MomentAccumulator.Merge(first.Labels, first.WeightSum, second.Labels, second.WeightSum),
            Residuals = MomentAccumulator.Merge(first.Residuals, first.WeightSum, second.Residuals, second.WeightSum),
            AbsoluteErrorSum = first.AbsoluteErrorSum + second.AbsoluteErrorSum,
            Confusion = [.. first.Confusion.Zip(second.Confusion, (a, b) => a + b)],
            Scores = SparseBins.Merge(SparseBins.Read(first.Scores), SparseBins.Read(second.Scores)).Pack(),
        };
    }
}
