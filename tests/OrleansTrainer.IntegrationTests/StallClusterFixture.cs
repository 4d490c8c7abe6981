using OrleansTrainer.Grains;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// A cluster of its own whose trainers report a job stalled after <see cref="StallReportAfter"/> without a committed
/// round, checked by a watchdog that ticks every <see cref="WatchdogPeriod"/> (Orleans' minimum reminder period lowered
/// to allow it), so that a stall is reported within a test.
/// </summary>
public sealed class StallClusterFixture() : TrainerClusterFixture(
    trainer => (trainer.StallReportAfter, trainer.WatchdogPeriod) = (StallReportAfter, WatchdogPeriod),
    silo => silo.Configure<ReminderOptions>(reminders => reminders.MinimumReminderPeriod = WatchdogPeriod))
{
    /// <summary>How long a job may go without a round before it is reported stalled.</summary>
    public static readonly TimeSpan StallReportAfter = TimeSpan.FromSeconds(3);

    /// <summary>The watchdog reminder's period on this cluster.</summary>
    public static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(2);
}
