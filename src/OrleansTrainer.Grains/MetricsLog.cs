using Orleans.Serialization;
using OrleansTrainer.Abstractions;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// A job's round metrics, kept in a Redis list with one entry per committed round (entry i = round i), so the trainer's
/// own state stays small however long the job runs.
/// </summary>
public sealed class MetricsLog(IConnectionMultiplexer redis, RedisKeys keys, Serializer serializer)
{
    // KEYS[1]: the job's metrics list; ARGV[1]: the round, ARGV[2]: its metrics. Entries from the round on go first.
    // One key and one script rather than MULTI/EXEC: on a Redis Cluster a command for a slot that just moved (a failover)
    // is redirected and retried by the client, where a transaction is aborted (EXECABORT) and had to be retried whole.
    private const string TrimAndAppend = """
        local round = tonumber(ARGV[1])
        if round == 0 then redis.call('DEL', KEYS[1]) else redis.call('LTRIM', KEYS[1], 0, round - 1) end
        return redis.call('RPUSH', KEYS[1], ARGV[2])
        """;

    /// <summary>Appends round <c>metrics.Round</c>, first trimming entries past it (a round redone after a crash replaces its entry), atomically.</summary>
    public Task AppendAsync(string job, RoundMetrics metrics) =>
        redis.GetDatabase().ScriptEvaluateAsync(TrimAndAppend, [keys.JobMetrics(job)], [metrics.Round, serializer.SerializeToArray(metrics)]);

    /// <summary>Up to <paramref name="maxCount"/> rounds from <paramref name="fromRound"/> on.</summary>
    public async Task<RoundMetrics[]> ReadAsync(string job, long fromRound, int maxCount)
    {
        if (maxCount <= 0)
        {
            return [];
        }

        var values = await redis.GetDatabase().ListRangeAsync(keys.JobMetrics(job), fromRound, fromRound + maxCount - 1);
        return values.Select(v => serializer.Deserialize<RoundMetrics>((byte[])v!)!).ToArray();
    }

    /// <summary>Deletes a job's metrics.</summary>
    public Task ClearAsync(string job) => redis.GetDatabase().KeyDeleteAsync(keys.JobMetrics(job));
}
