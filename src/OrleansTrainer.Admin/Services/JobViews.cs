using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Services;

/// <summary>A job in the list; <paramref name="Validation"/> is null for a job without validation.</summary>
public sealed record JobSummaryView(string Name, JobStatus Status, long Round, string Dataset, ModelKind? Model, SolverKind? Solver,
    double LastObjective, DateTimeOffset? StartedAt, double? ElapsedSeconds, WatchedValue? Validation);

/// <summary>The metric a job's validation watches and its value in the latest validation (null before the first).</summary>
public sealed record WatchedValue(MetricKind Metric, double? Latest);

/// <summary>A job: status, hyperparameters, validation, history, weight blocks and the time of its rounds.</summary>
public sealed record JobDetailView(
    string Name, JobStatus Status, long Round, string Reason, double? ElapsedSeconds, JobSpec? Spec, ValidationView? Validation,
    JobEvent[] History, BlockView[] Blocks, TimingView Timing, bool CanSetLearningRate);

/// <summary>One weight block of a job and where it is active.</summary>
public sealed record BlockView(string Key, string? Silo);

/// <summary>Mean per-round time of the last rounds, split into its parts, milliseconds.</summary>
public sealed record TimingView(int Rounds, double Round, double Pull, double Compute, double Push, double Commit);

/// <summary>
/// Round metrics for the loss chart; for a job with validation also the metric it watches and, for each validated
/// round among <paramref name="Metrics"/>, the validation loss and watched value.
/// </summary>
public sealed record MetricsView(string Job, JobStatus Status, long Round, RoundMetrics[] Metrics, MetricKind? WatchedMetric, ValidationPoint[] Validation);

/// <summary>
/// One validation of a job: the round after which the weights were validated, their mean loss on the validation rows
/// (on the scale of the rounds' training loss), and the value of the watched metric.
/// </summary>
public sealed record ValidationPoint(long Round, double Loss, double? Watched);
