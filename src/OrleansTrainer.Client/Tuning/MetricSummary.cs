using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>A metric over several models (the folds of a cross-validation): its mean and standard deviation.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Mean">The mean over the folds.</param>
/// <param name="StandardDeviation">The population standard deviation over the folds (divided by k, as scikit-learn's <c>cv_results_</c> reports it).</param>
public sealed record MetricSummary(MetricKind Metric, double Mean, double StandardDeviation)
{
    /// <summary>The summaries of every metric present in all of <paramref name="metrics"/>.</summary>
    public static IReadOnlyList<MetricSummary> Of(IReadOnlyList<EvaluationMetrics> metrics) =>
        Enum.GetValues<MetricKind>()
            .Where(m => metrics.Count > 0 && metrics.All(e => e.Value(m) is not null))
            .Select(m =>
            {
                var values = metrics.Select(e => e.Value(m)!.Value).ToArray();
                var mean = values.Average();
                return new MetricSummary(m, mean, Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length));
            })
            .ToArray();
}
