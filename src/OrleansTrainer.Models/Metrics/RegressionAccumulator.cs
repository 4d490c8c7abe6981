using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>Sums of a regression model: the moments of the labels and of the residuals y − ŷ, and Σ w|y − ŷ|; ŷ is the model's link of z.</summary>
internal sealed class RegressionAccumulator(ModelKind model, RowLoss loss) : EvaluationAccumulator(model, 1)
{
    private MomentAccumulator labels;
    private MomentAccumulator residuals;
    private double absoluteErrors;

    private protected override double Accumulate(ReadOnlySpan<double> margins, double label, double weight)
    {
        double z = margins[0];
        double residual = label - loss.Link(z);
        labels.Add(label, weight);
        residuals.Add(residual, weight);
        absoluteErrors += weight * Math.Abs(residual);
        return loss.Value(z, label);
    }

    private protected override EvaluationSums WithSums(EvaluationSums sums) => sums with
    {
        Labels = labels.ToSums(),
        Residuals = residuals.ToSums(),
        AbsoluteErrorSum = absoluteErrors,
    };
}
