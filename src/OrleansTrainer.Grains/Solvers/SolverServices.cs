using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>What a trainer's activation lends the solver of its job: Redis, its keys, and objects kept across drivers.</summary>
internal sealed class SolverServices(IConnectionMultiplexer redis, RedisKeys keys, string job)
{
    private readonly Dictionary<Type, object> _kept = [];

    /// <summary>The Redis the job's raw keys live in.</summary>
    public IConnectionMultiplexer Redis => redis;

    /// <summary>The key rules.</summary>
    public RedisKeys Keys => keys;

    /// <summary>The job's name.</summary>
    public string Job => job;

    /// <summary>
    /// The object of type <typeparamref name="T"/> this activation keeps for its solver, created on first use: a driver is
    /// rebuilt after every failed round, but what it tracks across rounds (the Redis keys it wrote) must outlive it.
    /// </summary>
    public T Keep<T>(Func<SolverServices, T> create)
        where T : class
    {
        if (!_kept.TryGetValue(typeof(T), out var kept))
        {
            _kept[typeof(T)] = kept = create(this);
        }

        return (T)kept;
    }
}
