using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// A test class that runs otrain against a real cluster of its own — a redis-server and two silo processes, started
/// before its tests and stopped after — with a temporary folder for its files.
/// </summary>
public abstract class ClusterCliTest : IAsyncLifetime
{
    /// <summary>The temporary folder, deleted after the tests.</summary>
    protected string Work { get; } = Directory.CreateTempSubdirectory("otrain-cli-").FullName;

    /// <summary>The cluster.</summary>
    protected LocalTrainerCluster Cluster { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Cluster = await LocalTrainerCluster.StartAsync(silos: 2);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }

    /// <summary>Runs otrain with <paramref name="args"/> and the cluster's connection options.</summary>
    protected Task<Otrain.Run> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs otrain with <paramref name="args"/> and the cluster's connection options, interrupted (as by Ctrl-C) when <paramref name="interrupted"/> is cancelled.</summary>
    protected Task<Otrain.Run> RunAsync(CancellationToken interrupted, params string[] args) =>
        Otrain.RunAsync(interrupted, [.. args, "--cluster", Cluster.Redis.ConnectionString, "--cluster-id", Cluster.ClusterId, "--service-id", Cluster.ServiceId]);
}
