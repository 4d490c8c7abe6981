namespace OrleansTrainer.Grains;

/// <summary>
/// Settings of the trainer grains on a silo, bound from the <see cref="Section"/> section of the silo's configuration
/// (<c>silo-config/&lt;environment&gt;.json</c>, <c>OTRAIN_OrleansTrainer__Trainer__RetryWindow</c>, ...) and checked
/// at silo start by <see cref="TrainerOptionsValidator"/>.
/// </summary>
public sealed class TrainerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "OrleansTrainer:Trainer";

    /// <summary>
    /// Period of the reminder that re-activates a running job's trainer after the silo hosting it died, so the job goes
    /// on with no client action. At least Orleans' <c>ReminderOptions.MinimumReminderPeriod</c> (1 min by default).
    /// Default 1 minute.
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Balanced placement: when a job starts or its trainer reactivates, and when a silo joins or leaves, spread each
    /// running job's shards and weight blocks over all active silos (by grain migration between rounds). Default true.
    /// </summary>
    public bool BalancePlacement { get; set; } = true;

    /// <summary>
    /// How long a round may keep failing with transient errors (Redis down, a silo lost) before the job fails; zero
    /// fails it at the second failure in a row. Not negative. Default 10 minutes.
    /// </summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a running job may go without committing a round before its watchdog reports it stalled (a
    /// <c>Stalled</c> history event, shown by <c>otrain job show</c> and the console) and restarts its round driver,
    /// rather than letting it stay silently Running. Checked at each watchdog tick, so reported up to
    /// <see cref="WatchdogPeriod"/> later. Positive. Default 5 minutes.
    /// </summary>
    public TimeSpan StallReportAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long one tick of a trainer's round timer may keep driving rounds before it yields to other calls (status,
    /// cancel, pause), so that no call waits near Orleans' response timeout. Positive. Default 200 ms.
    /// </summary>
    public TimeSpan TickBudget { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long an ingestion's lease lasts after it is taken or renewed. The ingesting side (the client's uploader, or
    /// the silo that reads a shared file) renews it four times per lease; an ingestion whose lease runs out — its client
    /// was killed, its coordinator's silo died — is discarded with its rows, and another ingestion of the name may
    /// begin. At least 1 second. Default 1 minute.
    /// </summary>
    public TimeSpan IngestLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many replicas of each Redis master must hold a commit before it counts as done: after a weight block writes a
    /// version, after the trainer records a round and after a shard stores an ingested chunk, the silo sends <c>WAIT ReplicaAcks ReplicaAckTimeout</c> to every
    /// master it is connected to, and a master whose replicas fall short fails the commit, which the round's retry then
    /// repeats. With Redis' asynchronous replication a failover can otherwise drop writes a master had acknowledged
    /// (docs/faults.md, "Redis Cluster failover"). 0 (the default) sends no <c>WAIT</c>; only for a Redis whose masters
    /// have replicas. Not negative.
    /// </summary>
    public int ReplicaAcks { get; set; }

    /// <summary>How long a <c>WAIT</c> of <see cref="ReplicaAcks"/> waits for the replicas. Positive. Default 1 second.</summary>
    public TimeSpan ReplicaAckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Carried rounds: a dense BSP job with at most this many parameters has its round's weights sent by the trainer
    /// with each shard's request, and the shards' sums returned to the trainer — and handed to each block with its
    /// commit (the blocks sum them as before) — instead of
    /// every shard pulling from and pushing to every block. For a small model the calls, not the bytes, are the cost of a round:
    /// carried, a round of S shards and B blocks makes S + B calls instead of S·(2B + 1) + B. The arithmetic and its
    /// order are the same either way (same bits). 0 turns it off. Not negative. Default 8192 (64 KiB of weights).
    /// </summary>
    public int CarriedRoundParameters { get; set; } = 8192;
}
