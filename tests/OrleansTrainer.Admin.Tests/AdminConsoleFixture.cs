using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Admin.Tests;

/// <summary>
/// A real cluster (redis-server and two silo processes) with a dataset and a long-running job, and the admin console
/// as its own process (Production environment, a configured key hash) on a free loopback port.
/// </summary>
public sealed class AdminConsoleFixture : IAsyncLifetime
{
    /// <summary>The admin key the console is configured with (its hash, rather).</summary>
    public const string Key = "a-test-admin-key-0123456789";

    /// <summary>The dataset.</summary>
    public const string Dataset = "diabetes";

    private ChildProcess? _console;

    /// <summary>The cluster.</summary>
    public LocalTrainerCluster Cluster { get; private set; } = null!;

    /// <summary>A client of the cluster.</summary>
    public TrainerClient Client { get; private set; } = null!;

    /// <summary>The console's base address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        Client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        await Client.CreateDatasetFromCsvAsync(Dataset, Path.Combine(AppContext.BaseDirectory, "datasets", "diabetes.csv"),
            new CsvIngestOptions { LabelColumn = "progression", ShardCount = 4 });

        var port = FreePort.Next();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        _console = ChildProcess.Start("admin", AdminBinary.Dotnet,
        [
            AdminBinary.Dll, "--urls", BaseAddress.ToString().TrimEnd('/'),
            $"--OrleansTrainer:Redis={Cluster.Redis.ConnectionString}", $"--OrleansTrainer:ClusterId={Cluster.ClusterId}",
            $"--OrleansTrainer:ServiceId={Cluster.ServiceId}",
        ], new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["OTRAIN_Admin__KeyHash"] = AdminKeyHash.Create(Key) });
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromMinutes(2), () => _console.HasExited ? _console.Tail() : null, CancellationToken.None);
    }

    /// <summary>Starts a job that runs until it is cancelled (a tiny learning rate, no round limit to speak of).</summary>
    public Task<JobStatusInfo> StartLongJobAsync(string name) => Client.StartJobAsync(new JobSpec
    {
        Name = name, Dataset = Dataset, LearningRate = 0.002, MaxRounds = 100_000_000, Tolerance = 0, WeightBlocks = 2,
    });

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.StopAsync(TimeSpan.FromSeconds(10));
            await _console.DisposeAsync();
        }

        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Tests sharing one cluster and console.</summary>
[CollectionDefinition(Name)]
public sealed class AdminConsoleCollection : ICollectionFixture<AdminConsoleFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "admin console";
}
