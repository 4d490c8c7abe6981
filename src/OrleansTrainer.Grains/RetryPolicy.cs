namespace OrleansTrainer.Grains;

/// <summary>
/// How a trainer treats a failed round: errors in the input or the spec fail the job at once; anything else (Redis
/// restarting, a silo dying, a lost activation) is retried with a growing pause until the retry window runs out.
/// </summary>
internal sealed class RetryPolicy(TimeSpan window)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private DateTime? _failingSince;
    private TimeSpan _pause = FirstPause;

    /// <summary>When the next attempt may start.</summary>
    public DateTime NextAttempt { get; private set; } = DateTime.MinValue;

    /// <summary>Whether an error can never go away by retrying.</summary>
    public static bool IsPermanent(Exception error) => error is ArgumentException or InvalidDataException or NotSupportedException;

    /// <summary>Records a failure; returns whether to give up.</summary>
    public bool GiveUpAfter(Exception error)
    {
        var now = DateTime.UtcNow;
        _failingSince ??= now;
        NextAttempt = now + _pause;
        _pause = TimeSpan.FromTicks(Math.Min(_pause.Ticks * 2, LongestPause.Ticks));
        return IsPermanent(error) || now - _failingSince.Value > window;
    }

    /// <summary>Records a success.</summary>
    public void Reset()
    {
        _failingSince = null;
        _pause = FirstPause;
        NextAttempt = DateTime.MinValue;
    }
}
