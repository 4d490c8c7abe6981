using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Spec;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;

namespace OrleansTrainer.Cli.Output;

/// <summary>
/// A job as otrain prints it (<c>job list</c>, <c>job show</c>, <c>train --json</c>): model and solver by otrain's names,
/// and every setting of its spec (<see cref="SpecView"/>).
/// </summary>
public sealed record JobView(
    string Name, JobStatus Status, long Round, string Reason, string Dataset, string? Model, string? Solver,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? ElapsedSeconds, double LastObjective,
    OrderedDictionary<string, OrderedDictionary<string, object?>>? Spec, JobEventView[] History, ValidationView? Validation)
{
    /// <summary>The view of a trainer's report.</summary>
    public static JobView From(JobStatusInfo info)
    {
        var spec = info.Spec;
        var end = info.FinishedAt ?? DateTimeOffset.UtcNow;
        return new JobView(
            info.Name, info.Status, info.Round, info.Reason, spec?.Dataset ?? "",
            spec is null ? null : SpecNames.NameOf(spec.Model), spec is null ? null : SpecNames.NameOf(spec.Solver),
            info.StartedAt, info.FinishedAt, info.StartedAt is { } started ? (end - started).TotalSeconds : null, info.LastObjective,
            spec is null ? null : SpecView.From(spec),
            info.History.Select(e => new JobEventView(e.At, e.Kind, e.Round, e.Detail)).ToArray(),
            spec?.Validation is { } validation ? ValidationView.From(validation, info) : null);
    }
}

/// <summary>One entry of a job's history.</summary>
public sealed record JobEventView(DateTimeOffset At, JobEventKind Kind, long Round, string Detail);

/// <summary>A job's validation as otrain prints it: how rows are held out, the latest and final metrics, the best round.</summary>
public sealed record ValidationView(
    string Rows, string Metric, int Every, int Patience, long? BestRound, EvaluationMetrics? Latest, EvaluationMetrics? FinalTrain,
    EvaluationMetrics? FinalValidation)
{
    /// <summary>The view of a job's validation spec and progress.</summary>
    public static ValidationView From(ValidationSpec spec, JobStatusInfo info) => new(
        spec.Dataset.Length > 0 ? $"dataset {spec.Dataset}"
        : spec.Folds > 0 ? $"fold {spec.Fold} of {spec.Folds} (seed {spec.Seed})"
        : $"{Format.Number(spec.Fraction)} of the rows (seed {spec.Seed})",
        MetricSupport.Name(EvaluationAccumulator.WatchedMetric(info.Spec!)),
        spec.Every, spec.Patience, info.BestRound, info.Validation, info.FinalTrainMetrics, info.FinalValidationMetrics);
}
