namespace OrleansTrainer.Abstractions;

/// <summary>
/// How well a model predicted a set of rows (<see cref="MetricKind"/> says which metrics apply to which model; the
/// others are null). Weighted by the rows' instance weights.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.EvaluationMetrics")]
public sealed record EvaluationMetrics
{
    /// <summary>Rows evaluated.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>Sum of their instance weights (the row count without weights).</summary>
    [Id(1)] public double WeightSum { get; init; }

    /// <summary>The mean of the model's own loss (no penalty).</summary>
    [Id(2)] public double Loss { get; init; } = double.NaN;

    /// <summary>Regression: root mean squared error.</summary>
    [Id(3)] public double? Rmse { get; init; }

    /// <summary>Regression: mean absolute error.</summary>
    [Id(4)] public double? Mae { get; init; }

    /// <summary>Regression: coefficient of determination.</summary>
    [Id(5)] public double? R2 { get; init; }

    /// <summary>Regression: explained variance.</summary>
    [Id(6)] public double? ExplainedVariance { get; init; }

    /// <summary>Logistic and softmax regression: mean negative log-likelihood.</summary>
    [Id(7)] public double? LogLoss { get; init; }

    /// <summary>Classifiers: share of rows predicted right.</summary>
    [Id(8)] public double? Accuracy { get; init; }

    /// <summary>Binary: precision at <see cref="Threshold"/>.</summary>
    [Id(9)] public double? Precision { get; init; }

    /// <summary>Binary: recall at <see cref="Threshold"/>.</summary>
    [Id(10)] public double? Recall { get; init; }

    /// <summary>Binary: F1 at <see cref="Threshold"/>.</summary>
    [Id(11)] public double? F1 { get; init; }

    /// <summary>Binary: area under the ROC curve, from score histograms (see <see cref="AucErrorBound"/>).</summary>
    [Id(12)] public double? Auc { get; init; }

    /// <summary>Binary: a bound on |<see cref="Auc"/> − the exact AUC| that follows from the histograms (0 when no bin mixes distinct scores of both classes).</summary>
    [Id(13)] public double? AucErrorBound { get; init; }

    /// <summary>Multiclass: macro-averaged F1.</summary>
    [Id(14)] public double? MacroF1 { get; init; }

    /// <summary>Multiclass: micro-averaged F1.</summary>
    [Id(15)] public double? MicroF1 { get; init; }

    /// <summary>Binary: the threshold of the predicted class (probability for logistic regression, decision value for the SVM).</summary>
    [Id(16)] public double? Threshold { get; init; }

    /// <summary>Classifiers: the number of classes K; 0 for regression.</summary>
    [Id(17)] public int Classes { get; init; }

    /// <summary>Classifiers: weighted counts, K × K row-major, row = true class, column = predicted class; empty for regression.</summary>
    [Id(18)] public double[] ConfusionMatrix { get; init; } = [];

    /// <summary>The value of <paramref name="metric"/>, or null when it does not apply to the model.</summary>
    public double? Value(MetricKind metric) => metric switch
    {
        MetricKind.Loss => Loss,
        MetricKind.Rmse => Rmse,
        MetricKind.Mae => Mae,
        MetricKind.R2 => R2,
        MetricKind.ExplainedVariance => ExplainedVariance,
        MetricKind.LogLoss => LogLoss,
        MetricKind.Accuracy => Accuracy,
        MetricKind.Precision => Precision,
        MetricKind.Recall => Recall,
        MetricKind.F1 => F1,
        MetricKind.Auc => Auc,
        MetricKind.MacroF1 => MacroF1,
        MetricKind.MicroF1 => MicroF1,
        _ => null,
    };

    /// <summary>The metrics that apply, in <see cref="MetricKind"/> order.</summary>
    public IEnumerable<(MetricKind Metric, double Value)> Present() =>
        Enum.GetValues<MetricKind>().Where(m => Value(m) is not null).Select(m => (m, Value(m)!.Value));
}
