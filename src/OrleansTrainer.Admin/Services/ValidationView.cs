using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Admin.Services;

/// <summary>
/// A job's validation: which rows it validates on and how often, the metric it watches, its best round, and its
/// latest and (once completed) final metrics.
/// </summary>
public sealed record ValidationView(
    ValidationSpec Spec, MetricKind Metric, bool HigherIsBetter, long? BestRound, EvaluationMetrics? Latest,
    EvaluationMetrics? FinalTrain, EvaluationMetrics? FinalValidation)
{
    /// <summary>The watched metric's value in the latest validation; null before the first.</summary>
    public double? LatestValue => Latest?.Value(Metric);

    /// <summary>The validation of the job <paramref name="info"/> reports; null when the job has none.</summary>
    public static ValidationView? Of(JobStatusInfo info)
    {
        if (info.Spec is not { Validation: { } validation } spec)
        {
            return null;
        }

        var metric = EvaluationAccumulator.WatchedMetric(spec);
        return new ValidationView(validation, metric, EvaluationAccumulator.HigherIsBetter(metric), info.BestRound, info.Validation,
            info.FinalTrainMetrics, info.FinalValidationMetrics);
    }
}
