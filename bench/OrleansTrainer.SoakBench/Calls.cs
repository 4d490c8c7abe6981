using System.Collections.Concurrent;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// Client calls made while silos die and Redis restarts: a call that fails or hangs is asked again until a budget runs
/// out; what failed is counted by operation and exception type. Argument errors (a refused spec) are not retried.
/// </summary>
internal static class Calls
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    /// <summary>Failed attempts so far, by "operation: exception type".</summary>
    public static ConcurrentDictionary<string, int> Failures { get; } = new();

    /// <summary>Calls <paramref name="call"/> until it succeeds or <paramref name="budget"/> has passed (then the last error is thrown).</summary>
    public static async Task<T> RetryAsync<T>(string operation, Func<Task<T>> call, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        while (true)
        {
            try
            {
                return await call().WaitAsync(CallTimeout);
            }
            catch (Exception ex) when (ex is not ArgumentException && DateTime.UtcNow < deadline)
            {
                Failures.AddOrUpdate($"{operation}: {ex.GetType().Name}", 1, (_, n) => n + 1);
                await Task.Delay(Pause);
            }
        }
    }
}
