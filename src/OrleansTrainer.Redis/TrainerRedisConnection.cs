using StackExchange.Redis;

namespace OrleansTrainer.Redis;

/// <summary>
/// The Redis client settings of every OrleansTrainer connection: grain storage, reminders and clustering on the silo,
/// clustering on clients and the admin console. One place, so a client reads the membership table exactly as the silos
/// write it.
/// </summary>
public static class TrainerRedisConnection
{
    /// <summary>The shortest time a Redis command may take before it counts as failed, milliseconds.</summary>
    public const int MinimumAsyncTimeoutMilliseconds = 30_000;

    /// <summary>
    /// Parses <paramref name="configuration"/> (a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>)
    /// and applies the shared settings: keep retrying while Redis is down instead of failing at start-up, so a process
    /// survives a Redis restart; and an async timeout of at least <see cref="MinimumAsyncTimeoutMilliseconds"/>, since a
    /// weight block of a million parameters writes tens of megabytes at a commit and 5 s (the default) is too short on a
    /// busy host.
    /// </summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, MinimumAsyncTimeoutMilliseconds);
        return options;
    }
}
