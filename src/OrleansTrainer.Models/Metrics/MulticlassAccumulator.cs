using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// Sums of softmax regression: the K × K confusion matrix of the predicted class (the first largest margin, as
/// argmax) and the log-loss, logsumexp(z) − z_y.
/// </summary>
internal sealed class MulticlassAccumulator : EvaluationAccumulator
{
    private readonly int classes;
    private readonly double[] confusion;

    /// <summary>An accumulator for <paramref name="model"/> with K = <paramref name="classes"/> ≥ 2.</summary>
    public MulticlassAccumulator(ModelKind model, int classes)
        : base(model, classes)
    {
        this.classes = classes;
        confusion = new double[classes * classes];
    }

    private protected override void CheckLabel(double label)
    {
        if (!(label >= 0.0 && label < classes && label == Math.Floor(label)))
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"A {Model} model with K = {classes} needs class ids 0..{classes - 1}.");
        }
    }

    private protected override double Accumulate(ReadOnlySpan<double> margins, double label, double weight)
    {
        int actual = (int)label;
        int predicted = 0;
        for (int k = 1; k < classes; k++)
        {
            if (margins[k] > margins[predicted])
            {
                predicted = k;
            }
        }

        confusion[(actual * classes) + predicted] += weight;
        return LogLoss(margins, actual, predicted);
    }

    private protected override EvaluationSums WithSums(EvaluationSums sums) => sums with
    {
        Classes = classes,
        Confusion = [.. confusion],
    };

    // logsumexp(z) − z_y = (m − z_y) + log1p(Σ_{k≠top} e^(z_k − m)), m = z_top the largest: every exponent ≤ 0, so no
    // overflow, and the sum is ≥ 0, so no log of 0; log1p keeps the tiny losses of confident right predictions.
    private static double LogLoss(ReadOnlySpan<double> margins, int actual, int top)
    {
        double largest = margins[top];
        double rest = 0.0;
        for (int k = 0; k < margins.Length; k++)
        {
            rest += k == top ? 0.0 : Math.Exp(margins[k] - largest);
        }

        return (largest - margins[actual]) + LogOnePlus(rest);
    }

    // Accurate log(1 + t) for t ≥ 0 (Goldberg's correction; Math has no log1p).
    private static double LogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * (t / (u - 1.0));
    }
}
