using System.Net;
using StackExchange.Redis;

namespace OrleansTrainer.Redis;

/// <summary>
/// The Redis client settings of every OrleansTrainer connection: grain storage, reminders and clustering on the silo,
/// clustering on clients and the admin console, the CLI's probe. One place, so a client reads the membership table exactly
/// as the silos write it, and every process connects with the same TLS and credentials.
/// </summary>
public static class TrainerRedisConnection
{
    /// <summary>The shortest time a Redis command may take before it counts as failed, milliseconds.</summary>
    public const int MinimumAsyncTimeoutMilliseconds = 30_000;

    /// <summary>How long <see cref="VerifyAsync"/> waits for Redis to accept the connection.</summary>
    public static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Parses <paramref name="configuration"/> (a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis:6380,ssl=true,user=otrain,password=...</c>) and applies the shared settings: keep retrying while Redis is
    /// down instead of failing at start-up, so a process survives a Redis restart; an async timeout of at least
    /// <see cref="MinimumAsyncTimeoutMilliseconds"/>, since a weight block of a million parameters writes tens of megabytes
    /// at a commit and 5 s (the default) is too short on a busy host; and TLS with the certificates of
    /// <paramref name="tls"/>, if it names any: the server's certificate must chain to its CA file, not the machine's CAs.
    /// </summary>
    /// <exception cref="InvalidOperationException">A certificate file is missing or unreadable; the message names its setting in <paramref name="names"/>.</exception>
    public static ConfigurationOptions Options(string configuration, RedisTlsOptions? tls = null, RedisOptionNames? names = null) =>
        Options(configuration, tls, names ?? RedisOptionNames.InSection("OrleansTrainer"), rejected: null);

    /// <summary>
    /// Connects once, within <paramref name="timeout"/>, and fails with a one-line <see cref="RedisAccessException"/> when
    /// Redis cannot be used: unreachable, a server certificate that the CA file does not vouch for, a TLS handshake the
    /// server refused (plain client on a TLS port, missing client certificate), or a wrong user or password. The caller
    /// disposes the connection.
    /// </summary>
    /// <exception cref="InvalidOperationException">A certificate file is missing or unreadable.</exception>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, RedisTlsOptions? tls, RedisOptionNames names,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        string? rejection = null;
        var options = Options(configuration, tls, names, reason => rejection = reason);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        options.AsyncTimeout = (int)timeout.TotalMilliseconds;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            throw await RedisAccessErrors.ExplainAsync(error, options, tls, names, rejection, timeout);
        }
    }

    /// <summary>
    /// Refuses, at start-up, a Redis that answers but will not serve this process (<see cref="ConnectAsync"/>'s failures
    /// but <see cref="RedisAccessFailure.Unreachable"/>, which is left to the usual retries), within
    /// <see cref="VerifyTimeout"/> rather than after the retries of every component that connects.
    /// </summary>
    /// <exception cref="RedisAccessException">Redis refused the connection, the user or the certificates.</exception>
    /// <exception cref="InvalidOperationException">A certificate file is missing or unreadable.</exception>
    public static async Task VerifyAsync(string configuration, RedisTlsOptions? tls, RedisOptionNames names, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var redis = await ConnectAsync(configuration, tls, names, VerifyTimeout, cancellationToken);
        }
        catch (RedisAccessException error) when (error.Failure == RedisAccessFailure.Unreachable)
        {
        }
    }

    /// <summary>The endpoints of a configuration string, for messages: no password, no other settings.</summary>
    public static string Describe(string configuration) => Describe(ConfigurationOptions.Parse(configuration));

    /// <summary>The endpoints of <paramref name="options"/>, for messages.</summary>
    internal static string Describe(ConfigurationOptions options) => string.Join(", ", options.EndPoints.Select(endpoint => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    }));

    private static ConfigurationOptions Options(string configuration, RedisTlsOptions? tls, RedisOptionNames names, Action<string>? rejected)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, MinimumAsyncTimeoutMilliseconds);
        if (tls?.IsEnabled == true)
        {
            ApplyTls(options, tls, names, rejected);
        }
        else if (options.Ssl && rejected is not null)
        {
            // TLS from the connection string alone: the machine's CAs decide; only the reason is recorded.
            options.CertificateValidation += (_, _, _, errors) =>
            {
                if (errors != System.Net.Security.SslPolicyErrors.None)
                {
                    rejected($"{errors}");
                }

                return errors == System.Net.Security.SslPolicyErrors.None;
            };
        }

        return options;
    }

    private static void ApplyTls(ConfigurationOptions options, RedisTlsOptions tls, RedisOptionNames names, Action<string>? rejected)
    {
        options.Ssl = true;
        if (!string.IsNullOrEmpty(tls.CaFile))
        {
            var authorities = CertificateFiles.LoadCa(tls.CaFile, names.CaFile);
            options.CertificateValidation += (_, certificate, _, errors) =>
            {
                if (CertificateFiles.IsTrusted(certificate, errors, authorities, out var reason))
                {
                    return true;
                }

                rejected?.Invoke(reason);
                return false;
            };
        }

        if (!string.IsNullOrEmpty(tls.CertificateFile) || !string.IsNullOrEmpty(tls.KeyFile))
        {
            if (string.IsNullOrEmpty(tls.CertificateFile) || string.IsNullOrEmpty(tls.KeyFile))
            {
                throw new InvalidOperationException($"{names.CertificateFile} and {names.KeyFile} go together: name both files or neither.");
            }

            var certificate = CertificateFiles.LoadWithKey(tls.CertificateFile, names.CertificateFile, tls.KeyFile, names.KeyFile);
            options.CertificateSelection += (_, _, _, _, _) => certificate;
        }
    }
}
