using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansTrainer.Grains;
using StackExchange.Redis;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// A job's committed rounds as the length of its metrics list in Redis (one entry per commit): how the benchmark sees
/// rounds without calling a grain, so that no client call wakes the trainer while its recovery is timed.
/// </summary>
internal sealed class CommittedRounds(IDatabase redis, string serviceId, string job)
{
    private readonly RedisKey _key = new RedisKeys(Options.Create(new ClusterOptions { ServiceId = serviceId })).JobMetrics(job);

    /// <summary>Rounds committed so far.</summary>
    public async Task<long> CountAsync() => await redis.ListLengthAsync(_key);

    /// <summary>Polls every 5 ms until more than <paramref name="count"/> rounds are committed; returns the Stopwatch timestamp it was seen.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>.</exception>
    public async Task<long> UntilMoreThanAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await CountAsync() <= count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {job} committed no round past {count} within {timeout.TotalSeconds:F0} s with no client calling it.");
            }

            await Task.Delay(5);
        }

        return System.Diagnostics.Stopwatch.GetTimestamp();
    }
}
