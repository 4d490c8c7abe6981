using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>One fold of a cross-validation: its job and the final model's metrics on its training and held-out rows.</summary>
/// <param name="Fold">The fold held out.</param>
/// <param name="Job">The fold's job.</param>
/// <param name="Rounds">The rounds it ran.</param>
/// <param name="Train">Metrics on the rows it trained on.</param>
/// <param name="Validation">Metrics on the fold's rows.</param>
public sealed record FoldResult(int Fold, string Job, long Rounds, EvaluationMetrics Train, EvaluationMetrics Validation);

/// <summary>The outcome of a k-fold cross-validation.</summary>
/// <param name="Folds">Each fold's result, in fold order.</param>
/// <param name="Validation">Each metric's mean and standard deviation over the folds' held-out rows.</param>
/// <param name="Train">The same over the folds' training rows.</param>
/// <param name="RefitJob">The job trained on every row when asked for; null otherwise.</param>
public sealed record CrossValidationResult(
    IReadOnlyList<FoldResult> Folds, IReadOnlyList<MetricSummary> Validation, IReadOnlyList<MetricSummary> Train, string? RefitJob)
{
    /// <summary>The held-out summary of <paramref name="metric"/>.</summary>
    /// <exception cref="ArgumentException">The model has no such metric.</exception>
    public MetricSummary Of(MetricKind metric) =>
        Validation.FirstOrDefault(s => s.Metric == metric) ?? throw new ArgumentException($"The folds have no {metric} metric.", nameof(metric));
}
