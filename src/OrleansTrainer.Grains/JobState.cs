using System.Collections.Immutable;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a trainer grain, written after every committed round.</summary>
[GenerateSerializer, Alias("otrain.JobState")]
public sealed record JobState
{
    /// <summary>The job's spec; null before it starts.</summary>
    [Id(0)] public JobSpec? Spec { get; init; }

    /// <summary>Current state.</summary>
    [Id(1)] public JobStatus Status { get; init; }

    /// <summary>Rounds committed.</summary>
    [Id(2)] public long Round { get; init; }

    /// <summary>Why the job stopped.</summary>
    [Id(3)] public string Reason { get; init; } = "";

    /// <summary>When it started.</summary>
    [Id(4)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it stopped.</summary>
    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Objective of the last committed round.</summary>
    [Id(6)] public double LastObjective { get; init; } = double.NaN;

    /// <summary>Rows of each shard of the dataset when the job started (used to split mini-batches).</summary>
    [Id(7)] public long[] ShardRows { get; init; } = [];

    /// <summary>Feature count of the dataset.</summary>
    [Id(8)] public int Columns { get; init; }

    /// <summary>Outputs of the model: K for softmax regression, else 1.</summary>
    [Id(9)] public int Outputs { get; init; } = 1;

    /// <summary>The solver's own state after the last committed round (L-BFGS, line-search gradient descent); null for solvers whose state is all in the blocks.</summary>
    [Id(12)] public SolverCheckpoint? Checkpoint { get; init; }

    /// <summary>Jobs with validation: the best round so far, the latest and the final metrics; null otherwise.</summary>
    [Id(13)] public ValidationProgress? Validation { get; init; }

    /// <summary>
    /// The active silos the trainer last saw (address order; see <see cref="ElasticPlacement"/>), so that a trainer
    /// reactivated elsewhere after a silo died (its own, or the one holding its directory entry) can still record which left.
    /// </summary>
    [Id(14)] public ImmutableArray<SiloAddress> Silos { get; init; } = [];

    /// <summary>
    /// When the job's dataset was ingested (its <see cref="DatasetInfo.CreatedAt"/> as the job started), so that a dataset
    /// deleted and ingested again under the same name is told apart from the one the job was trained on; null for jobs
    /// recorded before it was kept.
    /// </summary>
    [Id(15)] public DateTimeOffset? DatasetCreatedAt { get; init; }

    /// <summary>The job's history: start, pauses, resumptions, learning-rate changes, its end; oldest first.</summary>
    [Id(11)] public ImmutableArray<JobEvent> History { get; init; } = [];

    /// <summary>The state with <paramref name="kind"/> added to the history, at the current round.</summary>
    public JobState WithEvent(JobEventKind kind, string detail) =>
        this with { History = History.Add(new JobEvent { At = DateTimeOffset.UtcNow, Kind = kind, Round = Round, Detail = detail }) };

    /// <summary>The state of the job stopped in <paramref name="status"/> for <paramref name="reason"/>, recorded in the history.</summary>
    public JobState Finished(JobStatus status, string reason) =>
        WithEvent(status switch
        {
            JobStatus.Completed => JobEventKind.Completed,
            JobStatus.Cancelled => JobEventKind.Cancelled,
            _ => JobEventKind.Failed,
        }, reason) with { Status = status, Reason = reason, FinishedAt = DateTimeOffset.UtcNow };
}
