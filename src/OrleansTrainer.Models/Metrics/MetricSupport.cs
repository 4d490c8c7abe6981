using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>Which metrics each kind of model has (see <see cref="MetricKind"/>).</summary>
public static class MetricSupport
{
    private static readonly MetricKind[] Regression = [MetricKind.Loss, MetricKind.Rmse, MetricKind.Mae, MetricKind.R2, MetricKind.ExplainedVariance];
    private static readonly MetricKind[] Binary = [MetricKind.Loss, MetricKind.Accuracy, MetricKind.Precision, MetricKind.Recall, MetricKind.F1, MetricKind.Auc];
    private static readonly MetricKind[] Multiclass = [MetricKind.Loss, MetricKind.LogLoss, MetricKind.Accuracy, MetricKind.MacroF1, MetricKind.MicroF1];

    /// <summary>The metrics a model of <paramref name="kind"/> is judged by.</summary>
    public static IReadOnlyList<MetricKind> Of(ModelKind kind)
    {
        return ModelRegistry.Of(kind).Prediction switch
        {
            PredictionKind.ClassProbabilities => Multiclass,
            PredictionKind.Probability => [.. Binary, MetricKind.LogLoss],
            PredictionKind.Decision => Binary,
            _ => Regression,
        };
    }

    /// <summary>Whether a model of <paramref name="kind"/> has <paramref name="metric"/>.</summary>
    public static bool Applies(ModelKind kind, MetricKind metric) => Of(kind).Contains(metric);

    /// <summary>The metric's name in otrain and the console: lower case, words joined by hyphens (<c>log-loss</c>, <c>macro-f1</c>).</summary>
    public static string Name(MetricKind metric) => metric switch
    {
        MetricKind.ExplainedVariance => "explained-variance",
        MetricKind.LogLoss => "log-loss",
        MetricKind.MacroF1 => "macro-f1",
        MetricKind.MicroF1 => "micro-f1",
        _ => metric.ToString().ToLowerInvariant(),
    };

    /// <summary>The metric named <paramref name="name"/> (as <see cref="Name"/> writes it, any case), or null.</summary>
    public static MetricKind? Parse(string name) =>
        Enum.GetValues<MetricKind>().Select(m => (MetricKind?)m).FirstOrDefault(m => string.Equals(Name(m!.Value), name, StringComparison.OrdinalIgnoreCase));
}
