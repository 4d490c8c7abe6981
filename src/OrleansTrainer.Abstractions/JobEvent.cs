namespace OrleansTrainer.Abstractions;

/// <summary>The kinds of entry in a job's history.</summary>
public enum JobEventKind
{
    /// <summary>The job was accepted and its rounds started.</summary>
    Started = 0,

    /// <summary>The job was paused at a round boundary.</summary>
    Paused = 1,

    /// <summary>A paused job was resumed.</summary>
    Resumed = 2,

    /// <summary>The learning rate was changed at a round boundary.</summary>
    LearningRateChanged = 3,

    /// <summary>A stopping rule ended the job.</summary>
    Completed = 4,

    /// <summary>An error ended the job.</summary>
    Failed = 5,

    /// <summary>The job was cancelled.</summary>
    Cancelled = 6,

    /// <summary>A completed job was continued to a new round limit.</summary>
    Continued = 7,

    /// <summary>The trainer of a running job was activated again (its silo died, the cluster restarted, it was idle) and resumed the rounds.</summary>
    Recovered = 8,

    /// <summary>A round failed and is being retried; the detail is the error (a lost silo, Redis unavailable, ...). Later failures of the same streak are counted, not listed.</summary>
    RoundRetried = 9,

    /// <summary>A round committed again after failed attempts; the detail says how many and for how long.</summary>
    RoundsResumed = 10,

    /// <summary>The active silos changed while the job ran; its shards and blocks are spread over those now active.</summary>
    SilosChanged = 11,

    /// <summary>
    /// A running job committed no round for longer than the silos' stall limit (<c>OrleansTrainer:Trainer:StallReportAfter</c>);
    /// the detail says for how long and why, if rounds were failing. Its trainer restarts its round driver; a
    /// <see cref="RoundsResumed"/> event follows when a round commits again.
    /// </summary>
    Stalled = 12,

    /// <summary>
    /// Redis had lost writes it had acknowledged (an append-only file cut by a crash, a failover to a replica that
    /// lagged): the trainer found its stored record behind the round it had committed, and resumed from what Redis
    /// holds; the detail names both rounds. Redone rounds give the bits of the first attempt (docs/faults.md).
    /// </summary>
    StorageRewound = 13,
}

/// <summary>One entry of a job's history, persisted with the trainer's state.</summary>
[GenerateSerializer, Immutable, Alias("otrain.JobEvent")]
public sealed record JobEvent
{
    /// <summary>When it happened (UTC).</summary>
    [Id(0)] public DateTimeOffset At { get; init; }

    /// <summary>What happened.</summary>
    [Id(1)] public JobEventKind Kind { get; init; }

    /// <summary>The committed round at the time: the event applies from this round on.</summary>
    [Id(2)] public long Round { get; init; }

    /// <summary>Details, e.g. "learning rate 0.1 -> 0.05" or the reason a job stopped.</summary>
    [Id(3)] public string Detail { get; init; } = "";
}
