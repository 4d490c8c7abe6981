using System.Globalization;

namespace OrleansTrainer.LocalCluster;

/// <summary>One silo host process on loopback ports, joined to a cluster through Redis.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, string name, int siloPort, int gatewayPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    /// <summary>The silo's name.</summary>
    public string Name { get; }

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; }

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; }

    /// <summary>The OS process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts a silo and waits until its gateway accepts connections (it has then joined the cluster).</summary>
    public static async Task<SiloProcess> StartAsync(string name, string redis, string clusterId, string serviceId,
        Action<string>? echo = null, CancellationToken cancellationToken = default)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var process = ChildProcess.Start(name, SiloBinary.DotnetHost(),
        [
            SiloBinary.Locate(), "--environment", "local",
            $"--OrleansTrainer:Redis={redis}",
            $"--OrleansTrainer:ClusterId={clusterId}",
            $"--OrleansTrainer:ServiceId={serviceId}",
            $"--OrleansTrainer:SiloName={name}",
            string.Create(CultureInfo.InvariantCulture, $"--OrleansTrainer:SiloPort={siloPort}"),
            string.Create(CultureInfo.InvariantCulture, $"--OrleansTrainer:GatewayPort={gatewayPort}"),
        ],
        new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, echo);
        var silo = new SiloProcess(process, name, siloPort, gatewayPort);
        await FreePort.WaitUntilListeningAsync(gatewayPort, TimeSpan.FromSeconds(60),
            () => process.HasExited ? $"Silo {name} exited at start-up:\n{process.Tail()}" : null, cancellationToken);
        return silo;
    }

    /// <summary>The last lines the silo logged.</summary>
    public string Tail() => _process.Tail();

    /// <summary>Kills the silo at once (SIGKILL), as a crash would.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>Stops the silo gracefully (SIGTERM): it leaves the cluster and deactivates its grains.</summary>
    public Task StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
