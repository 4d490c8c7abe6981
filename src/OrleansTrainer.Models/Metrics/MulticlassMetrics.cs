using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>Log-loss, accuracy, macro and micro F1 from softmax regression's sums.</summary>
internal static class MulticlassMetrics
{
    /// <summary><paramref name="common"/> with the multiclass metrics of <paramref name="sums"/>.</summary>
    /// <exception cref="ArgumentException">The confusion matrix is not K × K.</exception>
    public static EvaluationMetrics Finish(EvaluationSums sums, EvaluationMetrics common)
    {
        int classes = sums.Classes;
        if (classes < 2 || sums.Confusion.Length != classes * classes)
        {
            throw new ArgumentException($"The sums of a {sums.Model} model need a K x K confusion matrix, K >= 2.", nameof(sums));
        }

        double weight = sums.WeightSum;
        double correct = 0.0, wrong = 0.0, f1Sum = 0.0;
        int present = 0;
        for (int k = 0; k < classes; k++)
        {
            double truePositives = sums.Confusion[(k * classes) + k];
            double falsePositives = 0.0, falseNegatives = 0.0;
            for (int other = 0; other < classes; other++)
            {
                if (other != k)
                {
                    falsePositives += sums.Confusion[(other * classes) + k];
                    falseNegatives += sums.Confusion[(k * classes) + other];
                }
            }

            // Classes that are neither a label nor a prediction are left out of the macro mean, as scikit-learn does.
            if (truePositives + falsePositives + falseNegatives > 0.0)
            {
                f1Sum += MetricRules.F1(truePositives, falsePositives, falseNegatives);
                present++;
            }

            correct += truePositives;
            wrong += falseNegatives;
        }

        return common with
        {
            LogLoss = common.Loss,
            Accuracy = correct / weight,
            MacroF1 = MetricRules.WhenWeighted(weight, f1Sum / present),
            MicroF1 = MetricRules.WhenWeighted(weight, MetricRules.F1(correct, wrong, wrong)),
            Classes = classes,
            ConfusionMatrix = [.. sums.Confusion],
        };
    }
}
