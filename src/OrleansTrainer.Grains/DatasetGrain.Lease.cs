using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The lease of an ingestion in progress (docs/faults.md, "An ingestion's lease"). The lease lives in the activation's
/// memory: renewing it writes nothing to Redis. A grain timer, while the dataset is <see cref="DatasetStatus.Ingesting"/>,
/// discards the ingestion once its lease has run out, so a client killed mid-upload leaves nothing behind; a reminder,
/// registered for the same time, only wakes the dataset on another silo if its own died, where
/// <see cref="OnActivateAsync"/> grants a fresh lease and starts the timer again.
/// </summary>
public sealed partial class DatasetGrain
{
    private const string LeaseReminder = "ingest-lease";

    private DateTime _leaseExpires;
    private IGrainTimer? _leaseTimer;

    private bool LeaseIsLive => DateTime.UtcNow < _leaseExpires;

    /// <inheritdoc />
    public Task RenewIngestAsync(string ingestId)
    {
        EnsureIngestion(ingestId);
        HoldLease();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder's work is done by activating the grain (OnActivateAsync); once no ingestion is in progress it goes.
        if (state.State.Status != DatasetStatus.Ingesting)
        {
            await ReleaseLeaseAsync();
        }
    }

    /// <summary>Extends the lease by its length from now, and checks it every quarter of a lease until the ingestion ends.</summary>
    private void HoldLease()
    {
        var lease = options.Value.IngestLease;
        _leaseExpires = DateTime.UtcNow + lease;
        _leaseTimer ??= this.RegisterGrainTimer(CheckLeaseAsync, new GrainTimerCreationOptions(lease / 4, lease / 4)
        {
            Interleave = false,
            KeepAlive = true,
        });
    }

    /// <summary>Registers the reminder that wakes the dataset on another silo, should its silo die during the ingestion.</summary>
    private Task KeepLeaseReminderAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(options.Value.IngestLease.Ticks, reminders.Value.MinimumReminderPeriod.Ticks));
        return this.RegisterOrUpdateReminder(LeaseReminder, period, period);
    }

    private async Task CheckLeaseAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status != DatasetStatus.Ingesting)
        {
            await ReleaseLeaseAsync();
            return;
        }

        if (!LeaseIsLive)
        {
            LogLeaseExpired(Name, state.State.IngestId, options.Value.IngestLease);
            await DiscardIngestionAsync();
        }
    }

    /// <summary>Stops the lease's timer and removes its reminder; a reminder that cannot be removed now removes itself at its next tick.</summary>
    private async Task ReleaseLeaseAsync()
    {
        _leaseTimer?.Dispose();
        _leaseTimer = null;
        _leaseExpires = default;
        if (await this.TryRemoveReminderAsync(LeaseReminder) is { } error)
        {
            LogReminderNotRemoved(error, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: ingestion {IngestId} was not renewed within its lease ({Lease}); discarding it and its rows")]
    private partial void LogLeaseExpired(string dataset, string ingestId, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset}: removing the ingestion's lease reminder failed; it removes itself at its next tick")]
    private partial void LogReminderNotRemoved(Exception exception, string dataset);
}
