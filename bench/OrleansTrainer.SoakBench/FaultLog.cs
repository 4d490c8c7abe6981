namespace OrleansTrainer.SoakBench;

/// <summary>The faults injected so far, shared by the injector and the jobs that ask which faults struck while they ran.</summary>
internal sealed class FaultLog
{
    private readonly List<FaultEvent> _events = [];

    /// <summary>Every fault so far, in order.</summary>
    public IReadOnlyList<FaultEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Records a fault at the moment of its signal (the restoration time not yet known); its index is its 1-based position.</summary>
    public FaultEvent Add(string kind, string target, DateTimeOffset at)
    {
        lock (_events)
        {
            var fault = new FaultEvent(_events.Count + 1, kind, target, at, double.NaN);
            _events.Add(fault);
            return fault;
        }
    }

    /// <summary>Records how long after <paramref name="fault"/> the cluster was whole again.</summary>
    public void Restored(FaultEvent fault, double seconds)
    {
        lock (_events)
        {
            _events[fault.Index - 1] = fault with { RestoredSeconds = seconds };
        }
    }

    /// <summary>The faults that struck after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public IReadOnlyList<FaultEvent> Between(DateTimeOffset from, DateTimeOffset to) =>
        [.. Events.Where(f => f.At > from && f.At < to)];
}
