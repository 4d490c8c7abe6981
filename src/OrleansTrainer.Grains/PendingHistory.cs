using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// History events of what happened to a running job (recoveries, failed rounds and their errors, silos coming and going)
/// held in memory until the trainer's next write of its state, which carries them: they happen exactly when a write may
/// fail (Redis down, a silo lost), so they ride on the next write that succeeds. A streak of failed rounds is one event
/// with its first error, and one more when a round commits again.
/// </summary>
internal sealed class PendingHistory
{
    private readonly List<JobEvent> _events = [];
    private int _failures;
    private long _streakStarted;

    /// <summary>Notes an event at <paramref name="round"/>.</summary>
    public void Add(JobEventKind kind, long round, string detail) =>
        _events.Add(new JobEvent { At = DateTimeOffset.UtcNow, Kind = kind, Round = round, Detail = detail });

    /// <summary>Notes a failed round: the first of a streak with its error, the others only counted.</summary>
    public void RoundFailed(long round, Exception error)
    {
        if (_failures++ == 0)
        {
            _streakStarted = Stopwatch.GetTimestamp();
            Add(JobEventKind.RoundRetried, round, $"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Notes that round <paramref name="round"/> is being committed: ends a streak of failures, if any.</summary>
    public void RoundSucceeded(long round)
    {
        if (_failures > 0)
        {
            Add(JobEventKind.RoundsResumed, round, FormattableString.Invariant(
                $"after {_failures} failed attempt{(_failures == 1 ? "" : "s")} over {Stopwatch.GetElapsedTime(_streakStarted).TotalSeconds:F1} s"));
            _failures = 0;
        }
    }

    /// <summary><paramref name="job"/> with the pending events added to its history (oldest first).</summary>
    public JobState AppendTo(JobState job) => _events.Count == 0 ? job : job with { History = job.History.AddRange(_events) };

    /// <summary>Forgets the events once a write that carried them has succeeded.</summary>
    public void Written() => _events.Clear();
}
