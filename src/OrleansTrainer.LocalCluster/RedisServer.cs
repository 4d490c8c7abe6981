using System.Globalization;
using OrleansTrainer.Redis;

namespace OrleansTrainer.LocalCluster;

/// <summary>
/// A redis-server process on a free loopback port with its data (append-only file on) in a temporary folder that is
/// removed on dispose; optionally TLS only, with an ACL user (<see cref="RedisServerSecurity"/>).
/// </summary>
public sealed class RedisServer : ILocalRedis
{
    private readonly RedisServerSecurity? _security;
    private ChildProcess _process;

    private RedisServer(ChildProcess process, int port, string dataDirectory, string executable, RedisServerSecurity? security)
    {
        _process = process;
        _security = security;
        Port = port;
        DataDirectory = dataDirectory;
        Executable = executable;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The folder holding its append-only file.</summary>
    public string DataDirectory { get; }

    /// <summary>The redis-server binary.</summary>
    public string Executable { get; }

    /// <summary>The StackExchange.Redis configuration string for it (with TLS: <c>ssl=true</c>, the user and password).</summary>
    public string ConnectionString => _security is null
        ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},ssl=true,user={_security.User},password={_security.Password}");

    /// <summary>The certificates a client needs: the CA file with TLS (and the client certificate with mutual TLS), nothing without.</summary>
    public RedisTlsOptions Tls => new() { CaFile = _security?.CaFile, CertificateFile = _security?.Client?.CertificateFile, KeyFile = _security?.Client?.KeyFile };

    /// <summary>Starts a redis-server; the binary is <c>OTRAIN_REDIS_SERVER</c>, else <c>redis-server</c> on the PATH or in /usr/bin.</summary>
    /// <exception cref="FileNotFoundException">No redis-server binary was found.</exception>
    public static Task<RedisServer> StartAsync(Action<string>? echo = null, CancellationToken cancellationToken = default) =>
        StartAsync(null, echo, cancellationToken);

    /// <summary>Starts a redis-server, TLS only with an ACL user when <paramref name="security"/> is given.</summary>
    /// <exception cref="FileNotFoundException">No redis-server binary was found.</exception>
    public static async Task<RedisServer> StartAsync(RedisServerSecurity? security, Action<string>? echo = null, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var directory = Directory.CreateTempSubdirectory("otrain-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            // A port found free can be bound by another process (tests run side by side) before this server binds it:
            // then the port answers, but not this server, which exits; it is started again on another port.
            var port = FreePort.Next();
            var process = await LaunchAsync(executable, port, directory, security, echo, cancellationToken);
            if (await ReadyAsync(process, cancellationToken) || attempt == 3)
            {
                return new RedisServer(process, port, directory, executable, security);
            }

            await process.DisposeAsync();
        }
    }

    /// <summary>
    /// Stops the server — gracefully (SIGTERM: it flushes its append-only file) or as a crash (SIGKILL: up to a second of
    /// writes may be lost under <c>appendfsync everysec</c>) — and starts it again on the same port and data folder.
    /// </summary>
    public async Task RestartAsync(bool graceful = true, TimeSpan downtime = default, CancellationToken cancellationToken = default)
    {
        await StopAsync(graceful);
        await Task.Delay(downtime, cancellationToken);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>
    /// Where the server's append-only file ends now: every write acknowledged so far is before this mark. With
    /// <see cref="RestartLosingWritesAfterAsync"/> it models a Redis that loses its last acknowledged writes (a cut
    /// append-only file, a failover to a replica that lagged).
    /// </summary>
    public AppendOnlyMark MarkAppendOnlyFile() => AppendOnlyMark.Of(DataDirectory);

    /// <summary>
    /// Crashes the server (SIGKILL), cuts its append-only file back to <paramref name="mark"/> (every write after it is
    /// lost, although Redis acknowledged it) and starts it again on the same port and data folder.
    /// </summary>
    /// <exception cref="InvalidOperationException">Redis rewrote its append-only file since the mark.</exception>
    public async Task RestartLosingWritesAfterAsync(AppendOnlyMark mark, CancellationToken cancellationToken = default)
    {
        await StopAsync(graceful: false);
        mark.CutBack(DataDirectory);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>Stops the server, gracefully (SIGTERM) or as a crash (SIGKILL); <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (graceful)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
        }
        else
        {
            await _process.KillAsync();
        }

        await _process.DisposeAsync();
    }

    /// <summary>Starts a stopped server again on the same port and data folder, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        _process = await LaunchAsync(Executable, Port, DataDirectory, _security, null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed by the dying server; the temporary folder is left for the OS to clean.
        }
    }

    /// <summary>Starts redis-server on <paramref name="port"/> with its data in <paramref name="directory"/> and <paramref name="extra"/> arguments, and waits until it listens.</summary>
    internal static async Task<ChildProcess> LaunchAsync(string executable, int port, string directory, RedisServerSecurity? security,
        Action<string>? echo, CancellationToken cancellationToken, params string[] extra)
    {
        var process = ChildProcess.Start("redis", executable,
        [
            .. Listening(port, security), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--save", "", "--daemonize", "no", "--protected-mode", "yes", .. extra,
        ], echo: echo);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(20),
            () => process.TailIfExited() is { } tail ? $"redis-server exited at start-up:\n{tail}" : null, cancellationToken);
        return process;
    }

    /// <summary>Whether the server itself says it accepts connections (within 10 s), rather than having exited.</summary>
    private static async Task<bool> ReadyAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            if (process.Tail().Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(20, cancellationToken);
        }

        return !process.HasExited;
    }

    // The port, plain; or the TLS port only (no plain one), the certificates, and the ACL user with the default user off.
    private static string[] Listening(int port, RedisServerSecurity? security)
    {
        var number = port.ToString(CultureInfo.InvariantCulture);
        return security is null
            ? ["--port", number]
            :
            [
                "--port", "0", "--tls-port", number,
                "--tls-cert-file", security.Server.CertificateFile, "--tls-key-file", security.Server.KeyFile, "--tls-ca-cert-file", security.CaFile,
                "--tls-auth-clients", security.Client is null ? "no" : "yes",
                "--user", "default", "off", "--user", security.User, "on", ">" + security.Password, "~*", "&*", "+@all",
            ];
    }

    /// <summary>The redis-server binary: <c>OTRAIN_REDIS_SERVER</c>, else <c>redis-server</c> on the PATH or in /usr/bin.</summary>
    internal static string FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("OTRAIN_REDIS_SERVER");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/local/bin")
            .Select(dir => Path.Combine(dir, "redis-server"));
        return candidates.FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException("redis-server was not found on the PATH; install it (apt-get install redis-server) or set OTRAIN_REDIS_SERVER.");
    }
}
