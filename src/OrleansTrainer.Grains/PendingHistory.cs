using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// History events of what happened to a running job (recoveries, failed rounds and their errors, silos coming and going,
/// stalls) held in memory until the trainer's next write of its state, which carries them: they happen exactly when a
/// write may fail (Redis down, a silo lost), so they ride on the next write that succeeds. A streak of failed rounds is
/// one event with its first error, and one more when a round commits again; so is a stall, a time with no committed
/// round longer than the silos' limit.
/// </summary>
internal sealed class PendingHistory
{
    private readonly List<JobEvent> _events = [];
    private int _failures;
    private long _streakStarted;
    private string _firstErrorType = "";
    private long _lastProgress = Stopwatch.GetTimestamp();
    private bool _stalled;

    /// <summary>Notes an event at <paramref name="round"/>.</summary>
    public void Add(JobEventKind kind, long round, string detail) =>
        _events.Add(new JobEvent { At = DateTimeOffset.UtcNow, Kind = kind, Round = round, Detail = detail });

    /// <summary>Notes a failed round: the first of a streak with its error, the others only counted.</summary>
    public void RoundFailed(long round, Exception error)
    {
        if (_failures++ == 0)
        {
            _streakStarted = Stopwatch.GetTimestamp();
            _firstErrorType = error.GetType().Name;
            Add(JobEventKind.RoundRetried, round, $"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <summary>Notes that round <paramref name="round"/> is being committed: ends a streak of failures or a stall, if any.</summary>
    public void RoundSucceeded(long round)
    {
        if (_failures > 0)
        {
            Add(JobEventKind.RoundsResumed, round, FormattableString.Invariant(
                $"after {_failures} failed attempt{(_failures == 1 ? "" : "s")} over {Stopwatch.GetElapsedTime(_streakStarted).TotalSeconds:F1} s"));
        }
        else if (_stalled)
        {
            Add(JobEventKind.RoundsResumed, round, FormattableString.Invariant($"after no round for {Stopwatch.GetElapsedTime(_lastProgress).TotalSeconds:F1} s"));
        }

        (_failures, _stalled) = (0, false);
        Running();
    }

    /// <summary>Notes that the job (re)starts running now: its time without a round counts from here.</summary>
    public void Running() => _lastProgress = Stopwatch.GetTimestamp();

    /// <summary>
    /// Notes a stall at <paramref name="round"/> when no round committed for <paramref name="limit"/> or longer and the
    /// stall is not noted yet; returns whether it noted one.
    /// </summary>
    public bool NoteStall(long round, TimeSpan limit)
    {
        var quiet = Stopwatch.GetElapsedTime(_lastProgress);
        if (_stalled || quiet < limit)
        {
            return false;
        }

        _stalled = true;
        var why = _failures > 0 ? $"{_failures} failed attempt{(_failures == 1 ? "" : "s")}, the first a {_firstErrorType}" : "no round failed";
        Add(JobEventKind.Stalled, round, FormattableString.Invariant($"no round committed for {quiet.TotalSeconds:F0} s ({why}); the round driver restarts"));
        return true;
    }

    /// <summary><paramref name="job"/> with the pending events added to its history (oldest first).</summary>
    public JobState AppendTo(JobState job) => _events.Count == 0 ? job : job with { History = job.History.AddRange(_events) };

    /// <summary>Forgets the events once a write that carried them has succeeded.</summary>
    public void Written() => _events.Clear();
}
