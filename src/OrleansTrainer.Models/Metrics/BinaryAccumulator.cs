using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// Sums of a binary classifier: the 2 × 2 confusion matrix at the model's threshold and the ROC histogram of the
/// margins z (monotone in the probability, without its saturation at 0 and 1, so AUC is unchanged and ties fewer).
/// </summary>
internal sealed class BinaryAccumulator(ModelDescriptor model, RowLoss loss) : EvaluationAccumulator(model.Kind, 1)
{
    private readonly double threshold = ThresholdOf(model);
    private readonly double[] confusion = new double[4];
    private readonly ScoreHistogramBuilder scores = new();

    /// <summary>Class 1 from 0.5 on the probability (logistic regression) or 0 on the decision value (the SVM).</summary>
    public static double ThresholdOf(ModelDescriptor model) => model.PredictsProbability ? 0.5 : 0.0;

    private protected override void CheckLabel(double label)
    {
        if (label is not (0.0 or 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"A {Model} model needs labels 0 or 1.");
        }
    }

    private protected override double Accumulate(ReadOnlySpan<double> margins, double label, double weight)
    {
        double z = margins[0];
        double score = model.PredictsProbability ? loss.Link(z) : z;
        int actual = label == 1.0 ? 1 : 0;
        int predicted = score >= threshold ? 1 : 0;
        confusion[(2 * actual) + predicted] += weight;
        scores.Add(z, actual == 1, weight);
        return loss.Value(z, label);
    }

    private protected override EvaluationSums WithSums(EvaluationSums sums) => sums with
    {
        Classes = 2,
        Confusion = [.. confusion],
        Scores = scores.ToHistogram(),
    };
}
