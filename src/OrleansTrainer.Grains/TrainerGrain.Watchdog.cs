using Microsoft.Extensions.Logging;

namespace OrleansTrainer.Grains;

/// <summary>
/// The watchdog reminder: it re-activates the trainer of a running job wherever a silo is left. It is registered before
/// a job is recorded as running (so a failure leaves the job as it was, and a reminder of a job that is not running
/// unregisters itself at its first tick) and removed when the job stops; Redis calls that time out on a loaded machine
/// are tried again. At each tick it also reports a running job that committed no round for longer than
/// <see cref="TrainerOptions.StallReportAfter"/> (a <c>Stalled</c> history event) and restarts its round driver.
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
        if (await this.TryRemoveReminderAsync(WatchdogReminder) is { } error)
        {
            LogWatchdogNotRemoved(error, Name);
        }
    }

    /// <summary>At a watchdog tick: a stall noted is recorded (now if Redis takes the write, else with the next one) and the rounds restart afresh.</summary>
    private async Task ReportStallAsync()
    {
        if (!_history.NoteStall(state.State.Round, options.Value.StallReportAfter))
        {
            return;
        }

        LogStalled(Name, state.State.Round, options.Value.StallReportAfter);
        _driver = null;
        StartTimer();
        try
        {
            await PersistAsync(state.State);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogStallNotWritten(error, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: no round committed for {Limit} or longer at round {Round}; restarting its rounds")]
    private partial void LogStalled(string job, long round, TimeSpan limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: recording the stall failed; the event goes with the next write of the job")]
    private partial void LogStallNotWritten(Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: registering the watchdog reminder failed (attempt {Attempt}); trying again")]
    private partial void LogWatchdogRetry(Exception exception, string job, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: removing the watchdog reminder failed; it removes itself at its next tick")]
    private partial void LogWatchdogNotRemoved(Exception exception, string job);
}
