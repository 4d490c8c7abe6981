using System.Collections.Concurrent;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// Wrong keys per client address (the connection's remote address), and the lockouts they start; see
/// <see cref="AdminLockoutOptions"/>. <see cref="KeyAttemptLimiter"/> refuses locked-out clients before their key is checked.
/// </summary>
public sealed class KeyAttempts(AdminLockoutOptions options, TimeProvider time)
{
    /// <summary>Above this many tracked clients, those with nothing left to remember are dropped.</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Client> _clients = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="context"/>'s client stays locked out; null when it is not.</summary>
    public TimeSpan? LockedOutFor(HttpContext context)
    {
        var now = time.GetUtcNow();
        return _clients.TryGetValue(ClientOf(context), out var client) && client.LockedUntil(now) is { } until ? until - now : null;
    }

    /// <summary>Counts a wrong key from <paramref name="context"/>'s client; the one that reaches the limit starts a lockout.</summary>
    public void Failed(HttpContext context)
    {
        var now = time.GetUtcNow();
        _clients.GetOrAdd(ClientOf(context), _ => new Client()).Fail(now, options);
        if (_clients.Count > SweepAbove)
        {
            foreach (var (address, client) in _clients)
            {
                if (client.IsForgotten(now, options))
                {
                    _clients.TryRemove(address, out _);
                }
            }
        }
    }

    /// <summary>Forgets the wrong keys of <paramref name="context"/>'s client: it has just presented a right one.</summary>
    public void Succeeded(HttpContext context) => _clients.TryRemove(ClientOf(context), out _);

    private static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private sealed class Client
    {
        private readonly Queue<DateTimeOffset> _failures = new();
        private DateTimeOffset _lockedUntil = DateTimeOffset.MinValue;

        public DateTimeOffset? LockedUntil(DateTimeOffset now)
        {
            lock (_failures)
            {
                return _lockedUntil > now ? _lockedUntil : null;
            }
        }

        public void Fail(DateTimeOffset now, AdminLockoutOptions options)
        {
            lock (_failures)
            {
                Forget(now, options);
                _failures.Enqueue(now);
                if (_failures.Count >= options.Failures)
                {
                    _lockedUntil = now + options.Duration;
                    _failures.Clear();
                }
            }
        }

        public bool IsForgotten(DateTimeOffset now, AdminLockoutOptions options)
        {
            lock (_failures)
            {
                Forget(now, options);
                return _failures.Count == 0 && _lockedUntil <= now;
            }
        }

        private void Forget(DateTimeOffset now, AdminLockoutOptions options)
        {
            while (_failures.TryPeek(out var oldest) && oldest <= now - options.Window)
            {
                _failures.Dequeue();
            }
        }
    }
}
