using Microsoft.Extensions.Logging;

namespace OrleansTrainer.Grains;

/// <summary>
/// The watchdog reminder: it re-activates the trainer of a running job wherever a silo is left. It is registered before
/// a job is recorded as running (so a failure leaves the job as it was, and a reminder of a job that is not running
/// unregisters itself at its first tick) and removed when the job stops; Redis calls that time out on a loaded machine
/// are tried again.
/// </summary>
public sealed partial class TrainerGrain
{
    private const string WatchdogReminder = "watchdog";
    private const int WatchdogAttempts = 3;
    private static readonly TimeSpan WatchdogRetryDelay = TimeSpan.FromSeconds(1);

    private async Task RegisterWatchdogAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await this.RegisterOrUpdateReminder(WatchdogReminder, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
                return;
            }
            catch (Exception error) when (attempt < WatchdogAttempts && error is not OperationCanceledException)
            {
                LogWatchdogRetry(error, Name, attempt);
                await Task.Delay(WatchdogRetryDelay);
            }
        }
    }

    /// <summary>Removes the watchdog of a job that stopped; if that fails, the reminder removes itself at its next tick.</summary>
    private async Task StopWatchdogAsync()
    {
        try
        {
            if (await this.GetReminder(WatchdogReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWatchdogNotRemoved(error, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: registering the watchdog reminder failed (attempt {Attempt}); trying again")]
    private partial void LogWatchdogRetry(Exception exception, string job, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: removing the watchdog reminder failed; it removes itself at its next tick")]
    private partial void LogWatchdogNotRemoved(Exception exception, string job);
}
