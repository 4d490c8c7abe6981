namespace OrleansTrainer.Grains;

/// <summary>
/// Removing a reminder that is no longer wanted (a job that stopped, an ingestion that ended): a failure to remove it
/// (Redis away or slow) must not fail the caller, because every reminder here removes itself at its next tick once its
/// grain finds nothing left to do; the error is returned for the caller to log in its own words.
/// </summary>
internal static class ReminderRemoval
{
    /// <summary>Removes <paramref name="grain"/>'s reminder <paramref name="name"/> if registered; returns the error if that failed, else null.</summary>
    public static async Task<Exception?> TryRemoveReminderAsync(this Grain grain, string name)
    {
        try
        {
            if (await grain.GetReminder(name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }

            return null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return error;
        }
    }
}
