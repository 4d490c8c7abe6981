using OrleansTrainer.Client;

namespace OrleansTrainer.LocalCluster;

/// <summary>
/// A whole OrleansTrainer cluster on this machine: N silo processes over one redis-server of its own, or over a
/// <see cref="RedisCluster"/> its caller started.
/// </summary>
public sealed class LocalTrainerCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];
    private readonly Action<string>? _echo;
    private readonly IReadOnlyDictionary<string, string> _siloSettings;
    private readonly ILocalRedis _store;
    private readonly bool _ownsStore;

    private LocalTrainerCluster(ILocalRedis store, bool ownsStore, string clusterId, Action<string>? echo, IReadOnlyDictionary<string, string> siloSettings)
    {
        _store = store;
        _ownsStore = ownsStore;
        ClusterId = clusterId;
        _echo = echo;
        _siloSettings = siloSettings;
    }

    /// <summary>The Redis server.</summary>
    /// <exception cref="InvalidOperationException">The cluster runs over a Redis Cluster (<see cref="Store"/>).</exception>
    public RedisServer Redis => _store as RedisServer ?? throw new InvalidOperationException("This cluster runs over a Redis Cluster, not one redis-server.");

    /// <summary>The Redis the silos and clients use: <see cref="Redis"/>, or the Redis Cluster it was started over.</summary>
    public ILocalRedis Store => _store;

    /// <summary>The cluster id (fresh for each cluster).</summary>
    public string ClusterId { get; }

    /// <summary>The service id.</summary>
    public string ServiceId => "otrain";

    /// <summary>The running silos.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>What a client needs to connect.</summary>
    public TrainerClientOptions ClientOptions => new() { Redis = _store.ConnectionString, RedisTls = _store.Tls, ClusterId = ClusterId, ServiceId = ServiceId };

    /// <summary>Starts Redis and <paramref name="silos"/> silo processes; <paramref name="echo"/> receives their output lines.</summary>
    public static Task<LocalTrainerCluster> StartAsync(int silos, Action<string>? echo = null, CancellationToken cancellationToken = default) =>
        StartAsync(silos, new Dictionary<string, string>(), echo, cancellationToken);

    /// <summary>
    /// Starts Redis and <paramref name="silos"/> silo processes, each — and each added later — with <paramref name="siloSettings"/>
    /// on top of its own (e.g. <c>OrleansTrainer:FaultInjection:SlowShards:{job}:Shard</c>).
    /// </summary>
    public static Task<LocalTrainerCluster> StartAsync(int silos, IReadOnlyDictionary<string, string> siloSettings, Action<string>? echo = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(silos, siloSettings, null, echo, cancellationToken);

    /// <summary>
    /// Starts Redis — TLS only with an ACL user when <paramref name="redisSecurity"/> is given, the silos then connecting
    /// with its CA file (<c>OrleansTrainer:RedisTls:CaFile</c>) and, for mutual TLS, its client certificate — and <paramref name="silos"/> silo processes with
    /// <paramref name="siloSettings"/> on top of their own.
    /// </summary>
    public static async Task<LocalTrainerCluster> StartAsync(int silos, IReadOnlyDictionary<string, string> siloSettings, RedisServerSecurity? redisSecurity,
        Action<string>? echo = null, CancellationToken cancellationToken = default)
    {
        var redis = await RedisServer.StartAsync(redisSecurity, echo, cancellationToken);
        var settings = new Dictionary<string, string>(siloSettings);
        if (redisSecurity is not null)
        {
            settings.TryAdd("OrleansTrainer:RedisTls:CaFile", redisSecurity.CaFile);
            if (redisSecurity.Client is { } client)
            {
                settings.TryAdd("OrleansTrainer:RedisTls:CertificateFile", client.CertificateFile);
                settings.TryAdd("OrleansTrainer:RedisTls:KeyFile", client.KeyFile);
            }
        }

        return await StartSilosAsync(new LocalTrainerCluster(redis, ownsStore: true, NewClusterId(), echo, settings), silos, cancellationToken);
    }

    /// <summary>
    /// Starts <paramref name="silos"/> silo processes with <paramref name="siloSettings"/> over <paramref name="redisCluster"/>,
    /// which stays its caller's: disposing this cluster stops the silos only, so several clusters can use it in turn.
    /// </summary>
    public static Task<LocalTrainerCluster> StartAsync(int silos, RedisCluster redisCluster, IReadOnlyDictionary<string, string> siloSettings,
        Action<string>? echo = null, CancellationToken cancellationToken = default) =>
        StartSilosAsync(new LocalTrainerCluster(redisCluster, ownsStore: false, NewClusterId(), echo, siloSettings), silos, cancellationToken);

    private static string NewClusterId() => "otrain-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<LocalTrainerCluster> StartSilosAsync(LocalTrainerCluster cluster, int silos, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < silos; i++)
            {
                await cluster.AddSiloAsync(cancellationToken);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts one more silo and waits until it has joined.</summary>
    public Task<SiloProcess> AddSiloAsync(CancellationToken cancellationToken = default) =>
        AddSiloAsync(new Dictionary<string, string>(), cancellationToken);

    /// <summary>Starts one more silo with <paramref name="settings"/> on top of the cluster's (its own certificate, say) and waits until it has joined.</summary>
    public async Task<SiloProcess> AddSiloAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var merged = new Dictionary<string, string>(_siloSettings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        var silo = await SiloProcess.StartAsync($"silo-{_silos.Count}", _store.ConnectionString, ClusterId, ServiceId, merged, _echo, cancellationToken);
        _silos.Add(silo);
        return silo;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.StopAsync(TimeSpan.FromSeconds(15))));
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }
}
