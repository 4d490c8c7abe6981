using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// The solver parameters of a job's best validated round, in one Redis key of their own (<see cref="RedisKeys.KeptWeights"/>):
/// written before the trainer's state names the round, so a state that names it always finds them. A crash between the
/// two redoes the round, which validates the same (BSP rounds are deterministic) and writes the same bytes again.
/// </summary>
internal sealed class KeptWeights(IConnectionMultiplexer redis, RedisKeys keys, string job)
{
    /// <summary>Keeps <paramref name="parameters"/>, replacing what was kept.</summary>
    public Task WriteAsync(ReadOnlySpan<double> parameters) =>
        redis.GetDatabase().StringSetAsync(keys.KeptWeights(job), DenseBuffers.ToBytes(parameters));

    /// <summary>The kept parameters.</summary>
    /// <exception cref="InvalidOperationException">Nothing is kept.</exception>
    public async Task<double[]> ReadAsync()
    {
        var value = await redis.GetDatabase().StringGetAsync(keys.KeptWeights(job));
        return value.IsNull
            ? throw new InvalidOperationException($"Job \"{job}\": the weights of its best validated round are missing from Redis ({keys.KeptWeights(job)}).")
            : DenseBuffers.AsDoubles((byte[])value!).ToArray();
    }

    /// <summary>Deletes what is kept.</summary>
    public Task DeleteAsync() => redis.GetDatabase().KeyDeleteAsync(keys.KeptWeights(job));
}
