using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>Runs a job's rounds in the way its solver needs.</summary>
internal interface IRoundDriver
{
    /// <summary>Runs round <paramref name="round"/>; returns its metrics and, when the job must stop, how and why.</summary>
    Task<RoundOutcome> RunAsync(long round);
}

/// <summary>The result of one round.</summary>
/// <param name="Metrics">The round's metrics; null when the round failed before producing any.</param>
/// <param name="Stop">The state the job stops in, or null to go on.</param>
/// <param name="Reason">Why it stops.</param>
internal sealed record RoundOutcome(RoundMetrics? Metrics, JobStatus? Stop = null, string Reason = "");
