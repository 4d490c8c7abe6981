using OrleansTrainer.Abstractions;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Admin.Tests;

/// <summary>
/// A real cluster (redis-server and two silo processes) with a dataset and a long-running job, and the admin console
/// as its own process (Production environment, configured users) on a free loopback port.
/// </summary>
public sealed class AdminConsoleFixture : IAsyncLifetime
{
    /// <summary>The key of <c>Admin:KeyHash</c> (its hash, rather): user <c>admin</c>, an operator.</summary>
    public const string Key = "a-test-admin-key-0123456789";

    /// <summary>The key of <c>Admin:Users:alice</c>, an operator.</summary>
    public const string OperatorKey = "alice-operator-key-0123456789";

    /// <summary>The key of <c>Admin:Users:victor</c>, a viewer.</summary>
    public const string ViewerKey = "victor-viewer-key-0123456789";

    /// <summary>The dataset.</summary>
    public const string Dataset = "diabetes";

    private AdminConsole? _console;

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

        _console = await StartConsoleAsync();
        BaseAddress = _console.BaseAddress;
    }

    /// <summary>
    /// Starts an admin console of the cluster with the fixture's users — <c>admin</c> (<c>Admin:KeyHash</c>), operator
    /// <c>alice</c> and viewer <c>victor</c> (<c>Admin:Users</c>) — and <paramref name="arguments"/> added, on a free loopback port.
    /// </summary>
    public Task<AdminConsole> StartConsoleAsync(params string[] arguments) => StartConsoleAsync(defaultAddress: false, arguments);

    /// <summary>As <see cref="StartConsoleAsync(string[])"/>; when <paramref name="defaultAddress"/>, without <c>--urls</c>.</summary>
    public Task<AdminConsole> StartConsoleAsync(bool defaultAddress, params string[] arguments) => AdminConsole.StartAsync(Cluster, new Dictionary<string, string>
    {
        ["OTRAIN_Admin__KeyHash"] = AdminKeyHash.Create(Key),
        ["OTRAIN_Admin__Users__alice__KeyHash"] = AdminKeyHash.Create(OperatorKey),
        ["OTRAIN_Admin__Users__alice__Role"] = "Operator",
        ["OTRAIN_Admin__Users__victor__KeyHash"] = AdminKeyHash.Create(ViewerKey),
        ["OTRAIN_Admin__Users__victor__Role"] = "Viewer",
    }, defaultAddress, arguments);

    /// <summary>Starts a job that runs until it is cancelled (a tiny learning rate, no round limit to speak of).</summary>
    public Task<JobStatusInfo> StartLongJobAsync(string name) => Client.StartJobAsync(new JobSpec
    {
        Name = name, Dataset = Dataset, LearningRate = 0.002, MaxRounds = 100_000_000, Tolerance = 0, WeightBlocks = 2,
    });

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
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
