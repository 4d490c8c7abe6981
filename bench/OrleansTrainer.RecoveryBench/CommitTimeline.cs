using OrleansTrainer.Abstractions;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// The trainer's own record of when each round committed (its metrics' elapsed time since the job's start), read after
/// the job: how each kill looks from inside the cluster, without the client's polling in between.
/// </summary>
internal sealed class CommitTimeline(IReadOnlyList<RoundMetrics> metrics, DateTimeOffset startedAt)
{
    /// <summary>Rounds before and after the kill's round searched for the longest pause between commits.</summary>
    private const int Window = 10;

    /// <summary>When round <paramref name="round"/> committed.</summary>
    public DateTimeOffset CommittedAt(int round) => startedAt + TimeSpan.FromMilliseconds(metrics[round].ElapsedMilliseconds);

    /// <summary>
    /// Seconds from <paramref name="kill"/> to the commit of the first round that started after it (its predecessor
    /// committed after the kill), and that round; NaN and -1 if none. A round already under way at the kill may still
    /// commit without the dead silo, so it is not counted.
    /// </summary>
    public (double Seconds, long Round) FirstRoundStartedAfter(DateTimeOffset kill)
    {
        for (var round = 1; round < metrics.Count; round++)
        {
            if (CommittedAt(round - 1) > kill)
            {
                return ((CommittedAt(round) - kill).TotalSeconds, round);
            }
        }

        return (double.NaN, -1);
    }

    /// <summary>
    /// Seconds from <paramref name="kill"/> to the first commit after it; NaN if none. When the kill took the trainer
    /// (or every silo) down, no round under way could commit, so that round was started after the kill.
    /// </summary>
    public double FirstCommitAfter(DateTimeOffset kill)
    {
        for (var round = 0; round < metrics.Count; round++)
        {
            if (CommittedAt(round) > kill)
            {
                return (CommittedAt(round) - kill).TotalSeconds;
            }
        }

        return double.NaN;
    }

    /// <summary>The longest time between two consecutive commits among the rounds around <paramref name="round"/>, seconds.</summary>
    public double LongestPauseAround(long round)
    {
        var longest = 0.0;
        for (var r = (int)Math.Max(1, round - Window); r <= Math.Min(metrics.Count - 1, round + Window); r++)
        {
            longest = Math.Max(longest, (metrics[r].ElapsedMilliseconds - metrics[r - 1].ElapsedMilliseconds) / 1000);
        }

        return longest;
    }
}
