using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;

namespace OrleansTrainer.Grains;

/// <summary>
/// Refuses <see cref="TrainerOptions"/> that cannot work when the silo starts (Orleans runs every registered
/// <see cref="IConfigurationValidator"/> then), naming the option and its value.
/// </summary>
internal sealed class TrainerOptionsValidator(IOptions<TrainerOptions> options, IOptions<ReminderOptions> reminders) : IConfigurationValidator
{
    /// <inheritdoc />
    /// <exception cref="OrleansConfigurationException">An option is out of range.</exception>
    public void ValidateConfiguration()
    {
        var trainer = options.Value;
        var minimumWatchdog = reminders.Value.MinimumReminderPeriod;
        Require(trainer.WatchdogPeriod >= minimumWatchdog, nameof(TrainerOptions.WatchdogPeriod), trainer.WatchdogPeriod,
            $"at least Orleans' minimum reminder period, {minimumWatchdog}");
        Require(trainer.RetryWindow >= TimeSpan.Zero, nameof(TrainerOptions.RetryWindow), trainer.RetryWindow, "not negative");
        Require(trainer.StallReportAfter > TimeSpan.Zero, nameof(TrainerOptions.StallReportAfter), trainer.StallReportAfter, "positive");
        Require(trainer.TickBudget > TimeSpan.Zero, nameof(TrainerOptions.TickBudget), trainer.TickBudget, "positive");
        Require(trainer.IngestLease >= TimeSpan.FromSeconds(1), nameof(TrainerOptions.IngestLease), trainer.IngestLease, "at least 1 second");
        Require(trainer.ReplicaAcks >= 0, nameof(TrainerOptions.ReplicaAcks), trainer.ReplicaAcks, "not negative");
        Require(trainer.ReplicaAckTimeout > TimeSpan.Zero, nameof(TrainerOptions.ReplicaAckTimeout), trainer.ReplicaAckTimeout, "positive");
        Require(trainer.CarriedRoundParameters >= 0, nameof(TrainerOptions.CarriedRoundParameters), trainer.CarriedRoundParameters, "not negative");
    }

    private static void Require<T>(bool condition, string option, T value, string requirement)
    {
        if (!condition)
        {
            throw new OrleansConfigurationException(
                $"Invalid configuration for {nameof(TrainerOptions)}: {TrainerOptions.Section}:{option} is {value}; it must be {requirement}.");
        }
    }
}
