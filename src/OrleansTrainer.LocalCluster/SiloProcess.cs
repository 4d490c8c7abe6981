using System.Globalization;

namespace OrleansTrainer.LocalCluster;

/// <summary>One silo host process on loopback ports, joined to a cluster through Redis.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, string name, int siloPort, int gatewayPort, int healthPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HealthPort = healthPort;
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>Port of the health endpoints (<c>http://127.0.0.1:PORT/health/ready</c>, ...).</summary>
    public int HealthPort { get; }

    /// <summary>The OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit status once the process has exited, else null.</summary>
    public int? ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts a silo with the <c>local</c> settings and <paramref name="extraSettings"/> on top, and waits until its gateway
    /// accepts connections (it has then joined the cluster).
    /// </summary>
    public static Task<SiloProcess> StartAsync(string name, string redis, string clusterId, string serviceId,
        IReadOnlyDictionary<string, string> extraSettings, Action<string>? echo = null, CancellationToken cancellationToken = default) =>
        StartAsync(name, "local", new Dictionary<string, string>(extraSettings)
        {
            ["OrleansTrainer:Redis"] = redis,
            ["OrleansTrainer:ClusterId"] = clusterId,
            ["OrleansTrainer:ServiceId"] = serviceId,
            ["OrleansTrainer:SiloName"] = name,
        }, new Dictionary<string, string>(), echo, cancellationToken);

    /// <summary>
    /// Starts a silo with the settings of <c>silo-config/<paramref name="environment"/>.json</c>, overridden by
    /// <paramref name="settings"/> (passed on the command line) and free loopback ports for silo, gateway and health
    /// endpoints, with <paramref name="environmentVariables"/> added to its environment; waits until its gateway accepts
    /// connections.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string name, string environment, IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, string> environmentVariables, Action<string>? echo = null, CancellationToken cancellationToken = default)
    {
        // A port found free can be taken by another process before the silo binds it (tests run side by side): a silo
        // that exits at start-up for that reason is started again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(name, environment, settings, environmentVariables, echo, cancellationToken);
            }
            catch (InvalidOperationException error) when (attempt < 3 && error.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async Task<SiloProcess> StartOnFreePortsAsync(string name, string environment, IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, string> environmentVariables, Action<string>? echo, CancellationToken cancellationToken)
    {
        var free = FreePort.Distinct(3);
        var (siloPort, gatewayPort, healthPort) = (free[0], free[1], free[2]);
        var ports = new Dictionary<string, string>
        {
            ["OrleansTrainer:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["OrleansTrainer:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["OrleansTrainer:HealthPort"] = healthPort.ToString(CultureInfo.InvariantCulture),
        };
        var (program, leading) = SiloBinary.Command();
        var arguments = new List<string>(leading) { "--environment", environment };
        arguments.AddRange(settings.Concat(ports).Select(setting => $"--{setting.Key}={setting.Value}"));
        var variables = new Dictionary<string, string>(environmentVariables) { ["DOTNET_gcServer"] = "0" };
        var process = ChildProcess.Start(name, program, arguments, variables, echo);
        var silo = new SiloProcess(process, name, siloPort, gatewayPort, healthPort);
        try
        {
            await FreePort.WaitUntilListeningAsync(gatewayPort, TimeSpan.FromSeconds(60),
                () => process.TailIfExited() is { } tail ? $"Silo {name} exited at start-up:\n{tail}" : null, cancellationToken);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>The last lines the silo logged.</summary>
    public string Tail() => _process.Tail();

    /// <summary>Kills the silo at once (SIGKILL), as a crash would.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>
    /// Stops the silo gracefully (SIGTERM: it lets in-flight work finish, deactivates its grains and leaves the cluster);
    /// kills it if it has not exited within <paramref name="timeout"/>. Returns whether it exited by itself.
    /// </summary>
    public Task<bool> StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
