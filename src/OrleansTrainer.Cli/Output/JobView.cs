using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Cli.Output;

/// <summary>A job as otrain prints it.</summary>
public sealed record JobView(
    string Name, JobStatus Status, long Round, string Reason, string Dataset, ModelKind? Model, SolverKind? Solver,
    double? LearningRate, double? L2, double? L1, int? MaxRounds, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? ElapsedSeconds, double LastObjective, JobEventView[] History)
{
    /// <summary>The view of a trainer's report.</summary>
    public static JobView From(JobStatusInfo info)
    {
        var spec = info.Spec;
        var end = info.FinishedAt ?? DateTimeOffset.UtcNow;
        return new JobView(
            info.Name, info.Status, info.Round, info.Reason, spec?.Dataset ?? "", spec?.Model, spec?.Solver,
            spec?.LearningRate, spec?.L2, spec?.L1, spec?.MaxRounds, info.StartedAt, info.FinishedAt,
            info.StartedAt is { } started ? (end - started).TotalSeconds : null, info.LastObjective,
            info.History.Select(e => new JobEventView(e.At, e.Kind, e.Round, e.Detail)).ToArray());
    }
}

/// <summary>One entry of a job's history.</summary>
public sealed record JobEventView(DateTimeOffset At, JobEventKind Kind, long Round, string Detail);
