namespace OrleansTrainer.Grains;

/// <summary>Settings of the trainer grains on a silo.</summary>
public sealed class TrainerOptions
{
    /// <summary>
    /// Period of the reminder that re-activates a running job's trainer after the silo hosting it died, so the job goes
    /// on with no client action. Orleans refuses periods under its <c>ReminderOptions.MinimumReminderPeriod</c> (1 min by
    /// default). Default 1 minute.
    /// </summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Elastic scaling: when a silo joins, spread each running job's shards and weight blocks over all active silos
    /// (by grain migration between rounds). Default true.
    /// </summary>
    public bool SpreadOntoNewSilos { get; set; } = true;

    /// <summary>How long a round may keep failing with transient errors (Redis down, a silo lost) before the job fails. Default 10 minutes.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromMinutes(10);
}
