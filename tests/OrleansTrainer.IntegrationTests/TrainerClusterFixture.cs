using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansTrainer.Client;
using OrleansTrainer.Grains;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;

namespace OrleansTrainer.IntegrationTests;

/// <summary>A real redis-server and an in-process Orleans test cluster of two silos whose grains persist to it.</summary>
public class TrainerClusterFixture : IAsyncLifetime
{
    private readonly Action<TrainerOptions>? _configureTrainer;
    private readonly Action<ISiloBuilder>? _configureSilo;
    private RedisServer? _redis;
    private InProcessTestCluster? _cluster;
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>The cluster with the silos' default trainer options.</summary>
    public TrainerClusterFixture()
    {
    }

    /// <summary>
    /// The cluster with trainer options changed by <paramref name="configureTrainer"/> on every silo, and anything else
    /// by <paramref name="configureSilo"/>.
    /// </summary>
    protected TrainerClusterFixture(Action<TrainerOptions> configureTrainer, Action<ISiloBuilder>? configureSilo = null)
    {
        _configureTrainer = configureTrainer;
        _configureSilo = configureSilo;
    }

    /// <summary>The client the tests use.</summary>
    public TrainerClient Client { get; private set; } = null!;

    /// <summary>The test cluster.</summary>
    public InProcessTestCluster Cluster => _cluster!;

    /// <summary>A direct connection to the cluster's Redis, to check what is stored.</summary>
    public IDatabase Redis => _multiplexer!.GetDatabase();

    /// <summary>The Redis server (for key scans).</summary>
    public IServer RedisServer => _multiplexer!.GetServer(_multiplexer.GetEndPoints()[0]);

    /// <summary>The redis-server process, to stop and start it again.</summary>
    public LocalCluster.RedisServer RedisProcess => _redis!;

    /// <summary>The service id, the prefix of every key.</summary>
    public string ServiceId => Cluster.Options.ServiceId;

    /// <summary>A silo's service provider, to decode persisted state with Orleans' serializer.</summary>
    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider();

    public async Task InitializeAsync()
    {
        _redis = await LocalCluster.RedisServer.StartAsync();
        var connection = _redis.ConnectionString;
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddOrleansTrainer(connection, _configureTrainer is { } configure ? trainer => trainer.Configure(configure) : null);
            _configureSilo?.Invoke(silo);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(connection + ",allowAdmin=true");
        Client = new TrainerClient(_cluster.Client);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        _multiplexer?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    /// <summary>
    /// Keys under the service prefix that contain <paramref name="fragment"/>, at one instant: <c>KEYS</c>, one command,
    /// where <c>SCAN</c> may miss both a key written and one deleted while it runs (a running job replaces keys).
    /// </summary>
    public RedisKey[] KeysContaining(string fragment) =>
        ((RedisResult[])RedisServer.Execute("KEYS", $"{ServiceId}/*")!).Select(k => (RedisKey)(string)k!)
            .Where(k => k.ToString().Contains(fragment, StringComparison.Ordinal)).ToArray();

    /// <summary>Makes shard <paramref name="shard"/> of job <paramref name="job"/> slow on every silo (fault injection, <see cref="SlowShards"/>).</summary>
    public void SlowShard(string job, int shard, double milliseconds)
    {
        foreach (var silo in Cluster.Silos)
        {
            Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<SlowShards>().Set(job, shard, milliseconds);
        }
    }

    /// <summary>The Orleans serializer of a silo.</summary>
    public Orleans.Serialization.Serializer Serializer => SiloServices.GetRequiredService<Orleans.Serialization.Serializer>();
}

/// <summary>Tests sharing one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class TrainerClusterCollection : ICollectionFixture<TrainerClusterFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "trainer cluster";
}
