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
    /// <summary>Appends round <c>metrics.Round</c>, first trimming entries past it (a round redone after a crash replaces its entry).</summary>
    public async Task AppendAsync(string job, RoundMetrics metrics)
    {
        var db = redis.GetDatabase();
        var key = keys.JobMetrics(job);
        var transaction = db.CreateTransaction();
        _ = metrics.Round == 0 ? transaction.KeyDeleteAsync(key) : transaction.ListTrimAsync(key, 0, metrics.Round - 1);
        _ = transaction.ListRightPushAsync(key, serializer.SerializeToArray(metrics));
        await transaction.ExecuteAsync();
    }

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
