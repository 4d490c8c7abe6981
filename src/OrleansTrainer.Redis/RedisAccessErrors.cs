using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using StackExchange.Redis;

namespace OrleansTrainer.Redis;

/// <summary>Turns a failed connection attempt into a <see cref="RedisAccessException"/> that says what to fix.</summary>
internal static class RedisAccessErrors
{
    private static readonly TimeSpan ListeningTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The failure of connecting with <paramref name="options"/>: a server certificate that the validation callback
    /// rejected (<paramref name="rejection"/>, the reason), a refused user, a TLS handshake that failed otherwise or a
    /// connection the server closed while something listens there, else an unreachable server.
    /// </summary>
    public static async Task<RedisAccessException> ExplainAsync(Exception error, ConfigurationOptions options, RedisTlsOptions? tls,
        RedisOptionNames names, string? rejection, TimeSpan timeout)
    {
        var endpoint = TrainerRedisConnection.Describe(options);
        if (rejection is not null)
        {
            return new RedisAccessException(RedisAccessFailure.UntrustedServer, string.IsNullOrEmpty(tls?.CaFile)
                ? $"Redis at {endpoint}: the server certificate was not trusted ({rejection}); name the CA that issued it with {names.CaFile}"
                : $"Redis at {endpoint}: the server certificate was not trusted ({rejection}); it must be issued by the CA in {names.CaFile} ({tls.CaFile})",
                error);
        }

        var serverError = Chain(error).OfType<RedisServerException>().FirstOrDefault()?.Message;
        if (serverError is not null && (serverError.Contains("WRONGPASS", StringComparison.Ordinal) || serverError.Contains("NOPERM", StringComparison.Ordinal)))
        {
            return new RedisAccessException(RedisAccessFailure.Authentication,
                $"Redis at {endpoint} refused user {options.User ?? "default"}: wrong password, or no such user, or the user is disabled (user= and password= in {names.ConnectionString})",
                error);
        }

        if (serverError is not null && serverError.Contains("NOAUTH", StringComparison.Ordinal))
        {
            return new RedisAccessException(RedisAccessFailure.Authentication,
                $"Redis at {endpoint} requires a user and password (user= and password= in {names.ConnectionString})", error);
        }

        if (Chain(error).Any(e => e is AuthenticationException) || await IsListeningAsync(options))
        {
            return new RedisAccessException(RedisAccessFailure.HandshakeRefused, options.Ssl
                ? $"Redis at {endpoint} closed the TLS connection: a plain port (no ssl=true in {names.ConnectionString}), or a server that requires a client certificate ({names.CertificateFile}, {names.KeyFile})"
                : $"Redis at {endpoint} closed the connection before answering: if it serves TLS, set ssl=true in {names.ConnectionString} and name its CA with {names.CaFile}",
                error);
        }

        return new RedisAccessException(RedisAccessFailure.Unreachable,
            string.Create(CultureInfo.InvariantCulture, $"cannot reach the cluster's Redis at {endpoint} within {timeout.TotalSeconds:0} s"), error);
    }

    private static async Task<bool> IsListeningAsync(ConfigurationOptions options)
    {
        foreach (var endpoint in options.EndPoints)
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(ListeningTimeout);
            try
            {
                await (endpoint switch
                {
                    DnsEndPoint dns => client.ConnectAsync(dns.Host, dns.Port, timeout.Token),
                    IPEndPoint ip => client.ConnectAsync(ip, timeout.Token),
                    _ => ValueTask.CompletedTask,
                });
                if (client.Connected)
                {
                    return true;
                }
            }
            catch (Exception failed) when (failed is SocketException or OperationCanceledException)
            {
            }
        }

        return false;
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

}
