using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>How far one computed metric lies from its reference value.</summary>
/// <param name="Metric">The metric's name in the reference file ("Rmse", "AucErrorBound"...).</param>
/// <param name="Expected">The reference value.</param>
/// <param name="Actual">The computed value; null when the metrics lack it.</param>
internal sealed record MetricDeviation(string Metric, double Expected, double? Actual)
{
    /// <summary>|actual − expected| / |expected| (0 when equal, +∞ when missing).</summary>
    public double Relative => Actual is not { } actual ? double.PositiveInfinity
        : actual == Expected ? 0.0
        : Math.Abs(actual - Expected) / Math.Abs(Expected);

    /// <summary>The deviation of each reference value of <paramref name="reference"/> in <paramref name="metrics"/>.</summary>
    public static IEnumerable<MetricDeviation> All(ReferenceCase reference, EvaluationMetrics metrics) =>
        reference.Expected.Select(e => new MetricDeviation(e.Key, e.Value, ValueOf(metrics, e.Key)));

    private static double? ValueOf(EvaluationMetrics metrics, string name) =>
        name == nameof(EvaluationMetrics.AucErrorBound) ? metrics.AucErrorBound : metrics.Value(Enum.Parse<MetricKind>(name));
}
