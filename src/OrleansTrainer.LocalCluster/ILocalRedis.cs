using OrleansTrainer.Redis;

namespace OrleansTrainer.LocalCluster;

/// <summary>The Redis a local cluster's silos and clients connect to: one <see cref="RedisServer"/> or a <see cref="RedisCluster"/>.</summary>
public interface ILocalRedis : IAsyncDisposable
{
    /// <summary>The StackExchange.Redis configuration string for it.</summary>
    string ConnectionString { get; }

    /// <summary>The certificates a client needs (none for a plain connection).</summary>
    RedisTlsOptions Tls { get; }
}
