using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>Runs a job's rounds in the way its solver needs.</summary>
internal interface IRoundDriver
{
    /// <summary>The rounds each shard has finished, where shards run ahead of each other (SSP); empty otherwise.</summary>
    long[] ShardRounds => [];

    /// <summary>Runs round <paramref name="round"/>; returns its metrics and, when the job must stop, how and why.</summary>
    Task<RoundOutcome> RunAsync(long round);

    /// <summary>
    /// The solver's state after the round just run, to persist with the trainer's state (whatever it refers to already
    /// written elsewhere); null for a solver whose state is all in the blocks.
    /// </summary>
    Task<SolverCheckpoint?> CheckpointAsync() => Task.FromResult<SolverCheckpoint?>(null);

    /// <summary>The trainer persisted <paramref name="checkpoint"/>: what only earlier checkpoints referred to may go.</summary>
    Task CommittedAsync(SolverCheckpoint checkpoint) => Task.CompletedTask;
}

/// <summary>The result of one round.</summary>
/// <param name="Metrics">The round's metrics; null when the round failed before producing any.</param>
/// <param name="Stop">The state the job stops in, or null to go on.</param>
/// <param name="Reason">Why it stops.</param>
internal sealed record RoundOutcome(RoundMetrics? Metrics, JobStatus? Stop = null, string Reason = "")
{
    /// <summary>Jobs with validation: what it has learnt up to this round, to persist with it; null to keep what the state holds.</summary>
    public ValidationProgress? Validation { get; init; }

    /// <summary>A round that ended with <paramref name="metrics"/>: completed for <paramref name="stopReason"/>, or going on when it is null.</summary>
    public static RoundOutcome After(RoundMetrics metrics, string? stopReason) =>
        new(metrics, stopReason is null ? null : JobStatus.Completed, stopReason ?? "");
}
