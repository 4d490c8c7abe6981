namespace OrleansTrainer.Grains;

/// <summary>
/// Removing a reminder that is no longer wanted (a job that stopped, an ingestion that ended): a failure to remove it
/// (Redis away or slow) must not fail the caller, because every reminder here removes itself at its next tick once its
/// grain finds nothing left to do; the error is returned for the caller to log in its own words.
/// </summary>
internal static class ReminderRemoval
{
    private const int Attempts = 3;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Removes <paramref name="grain"/>'s reminder <paramref name="name"/> if registered, trying again twice after a
    /// failure (a Redis call timing out on a loaded machine); returns the last error if every attempt failed, else null.
    /// </summary>
    public static async Task<Exception?> TryRemoveReminderAsync(this Grain grain, string name)
    {
        for (var attempt = 1; ; attempt++)
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
                if (attempt == Attempts)
                {
                    return error;
                }
            }

            await Task.Delay(Pause);
        }
    }
}
