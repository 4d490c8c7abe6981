using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>One trial of a search and how it did.</summary>
/// <param name="Index">The trial's number, in the order the trials were drawn.</param>
/// <param name="Job">Its job (with folds: the job name's stem; the fold jobs are <c>{Job}-fold{f}</c>).</param>
/// <param name="Settings">The hyperparameters it set.</param>
/// <param name="Score">Its validation metric (with folds, the mean over them).</param>
/// <param name="Rounds">The rounds it ran (with folds, the most of any fold).</param>
/// <param name="Validation">Its final validation metrics; null with folds.</param>
/// <param name="CrossValidation">Its cross-validation; null without folds.</param>
/// <param name="Rung">Successive halving: the last rung it reached (0 = first); 0 without halving.</param>
public sealed record TrialResult(
    int Index, string Job, TrialSettings Settings, double Score, long Rounds, EvaluationMetrics? Validation, CrossValidationResult? CrossValidation, int Rung);

/// <summary>The outcome of a hyperparameter search.</summary>
/// <param name="Metric">The validation metric the trials are ranked by.</param>
/// <param name="HigherIsBetter">Whether a higher value of it is better.</param>
/// <param name="Trials">Every trial, best first (ties by trial number).</param>
/// <param name="RoundsRun">Rounds run over all jobs; compare with trials × MaxRounds (× folds) to see what halving saved.</param>
/// <param name="RefitJob">The job trained on every row with the best settings, when asked for; null otherwise.</param>
public sealed record SearchResult(MetricKind Metric, bool HigherIsBetter, IReadOnlyList<TrialResult> Trials, long RoundsRun, string? RefitJob)
{
    /// <summary>The best trial.</summary>
    public TrialResult Best => Trials[0];

    /// <summary>The job whose model is the search's answer: the refit job if any, else the best trial's.</summary>
    public string ModelJob => RefitJob ?? Best.Job;
}
