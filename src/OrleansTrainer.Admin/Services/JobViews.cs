using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Services;

/// <summary>A job in the list.</summary>
public sealed record JobSummaryView(string Name, JobStatus Status, long Round, string Dataset, ModelKind? Model, SolverKind? Solver,
    double LastObjective, DateTimeOffset? StartedAt, double? ElapsedSeconds);

/// <summary>A job: status, hyperparameters, history, weight blocks and the time of its rounds.</summary>
public sealed record JobDetailView(
    string Name, JobStatus Status, long Round, string Reason, double? ElapsedSeconds, JobSpec? Spec,
    JobEvent[] History, BlockView[] Blocks, TimingView Timing, bool CanSetLearningRate);

/// <summary>One weight block of a job and where it is active.</summary>
public sealed record BlockView(string Key, string? Silo);

/// <summary>Mean per-round time of the last rounds, split into its parts, milliseconds.</summary>
public sealed record TimingView(int Rounds, double Round, double Pull, double Compute, double Push, double Commit);

/// <summary>Round metrics for the loss chart.</summary>
public sealed record MetricsView(string Job, JobStatus Status, long Round, RoundMetrics[] Metrics);
