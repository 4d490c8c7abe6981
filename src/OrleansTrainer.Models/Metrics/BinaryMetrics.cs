using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>Accuracy, precision, recall, F1, AUC (and log-loss for logistic regression) from a binary classifier's sums.</summary>
internal static class BinaryMetrics
{
    /// <summary><paramref name="common"/> with the binary metrics of <paramref name="sums"/>.</summary>
    /// <exception cref="ArgumentException">The confusion matrix is not 2 × 2, or the histogram is malformed.</exception>
    public static EvaluationMetrics Finish(EvaluationSums sums, ModelDescriptor model, EvaluationMetrics common)
    {
        if (sums.Classes != 2 || sums.Confusion.Length != 4)
        {
            throw new ArgumentException($"The sums of a {model.Kind} model need a 2 x 2 confusion matrix.", nameof(sums));
        }

        double weight = sums.WeightSum;
        double trueNegatives = sums.Confusion[0], falsePositives = sums.Confusion[1];
        double falseNegatives = sums.Confusion[2], truePositives = sums.Confusion[3];
        var (auc, errorBound) = RocArea.Of(sums.Scores);
        return common with
        {
            Accuracy = (truePositives + trueNegatives) / weight,
            Precision = MetricRules.WhenWeighted(weight, MetricRules.RatioOrZero(truePositives, truePositives + falsePositives)),
            Recall = MetricRules.WhenWeighted(weight, MetricRules.RatioOrZero(truePositives, truePositives + falseNegatives)),
            F1 = MetricRules.WhenWeighted(weight, MetricRules.F1(truePositives, falsePositives, falseNegatives)),
            Auc = auc,
            AucErrorBound = errorBound,
            LogLoss = model.PredictsProbability ? common.Loss : null,
            Threshold = BinaryAccumulator.ThresholdOf(model),
            Classes = 2,
            ConfusionMatrix = [.. sums.Confusion],
        };
    }
}
