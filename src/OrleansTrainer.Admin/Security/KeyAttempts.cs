using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// Wrong keys per client address (the connection's remote address), and the lockouts they start (see
/// <see cref="AdminLockoutOptions"/>), kept in Redis so that every console replica counts the same wrong keys and
/// refuses the same clients: behind a load balancer a client cannot multiply its tries by the replica count.
/// <see cref="KeyAttemptLimiter"/> refuses locked-out clients before their key is checked.
/// </summary>
/// <remarks>
/// Two keys per client, under one hash tag (one slot on a Redis Cluster): a sorted set of its wrong keys' times,
/// expiring a window after the last one, and its lockout, a key that expires when the lockout ends. Redis' own clock
/// stamps the wrong keys, so replicas whose clocks disagree still count the same window.
/// </remarks>
public sealed class KeyAttempts(IConnectionMultiplexer redis, IOptions<AdminConsoleOptions> console, AdminLockoutOptions options)
{
    // KEYS[1]: the client's wrong keys (score: Redis time in ms; member: unique per attempt); KEYS[2]: its lockout.
    // ARGV[1]: the window in ms, ARGV[2]: the wrong keys that lock, ARGV[3]: the lockout in ms, ARGV[4]: this attempt's id.
    // Returns 1 when this wrong key started a lockout.
    private const string CountWrongKey = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
          redis.call('DEL', KEYS[1])
          redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
          return 1
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 0
        """;

    private readonly string _prefix = $"{console.Value.ServiceId}/admin/lockout/";

    /// <summary>The key of a client's lockout (<c>{service}/admin/lockout/{address}/locked</c>); deleting it lifts the lockout.</summary>
    public RedisKey LockoutKey(string address) => $"{_prefix}{{{address}}}/locked";

    /// <summary>The key of a client's wrong keys within the window (<c>{service}/admin/lockout/{address}/failures</c>).</summary>
    public RedisKey FailuresKey(string address) => $"{_prefix}{{{address}}}/failures";

    /// <summary>
    /// How long <paramref name="context"/>'s client stays locked out; null when it is not. Synchronous, as the rate
    /// limiter's first check is: one Redis round trip, and only for requests that present a key.
    /// </summary>
    public TimeSpan? LockedOutFor(HttpContext context) =>
        redis.GetDatabase().KeyTimeToLive(LockoutKey(ClientOf(context))) is { } left && left > TimeSpan.Zero ? left : null;

    /// <summary>Counts a wrong key from <paramref name="context"/>'s client; the one that reaches the limit starts a lockout.</summary>
    public async Task FailedAsync(HttpContext context)
    {
        var client = ClientOf(context);
        await redis.GetDatabase().ScriptEvaluateAsync(CountWrongKey, [FailuresKey(client), LockoutKey(client)],
        [
            (long)options.Window.TotalMilliseconds, options.Failures, (long)options.Duration.TotalMilliseconds, Guid.NewGuid().ToString("N"),
        ]);
    }

    /// <summary>Forgets the wrong keys of <paramref name="context"/>'s client: it has just presented a right one.</summary>
    public void Succeeded(HttpContext context) =>
        redis.GetDatabase().KeyDelete(FailuresKey(ClientOf(context)), CommandFlags.FireAndForget);

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
