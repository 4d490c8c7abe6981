using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.RecoveryBench;

/// <summary>A finished job's per-round metrics and what they say about the round interval.</summary>
internal static class JobMetrics
{
    /// <summary>Every round's metrics of a finished job.</summary>
    public static async Task<List<RoundMetrics>> ReadAsync(TrainerClient client, string job)
    {
        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync(job))
        {
            metrics.Add(m);
        }

        return metrics;
    }

    /// <summary>Median time between consecutive commits (from the trainer's elapsed-time stamps), ms; the first <paramref name="skip"/> rounds (shards loading) are left out.</summary>
    public static double MedianIntervalMs(IReadOnlyList<RoundMetrics> metrics, int skip = 5) =>
        Stats.Median(metrics.Skip(skip + 1).Zip(metrics.Skip(skip), (later, earlier) => later.ElapsedMilliseconds - earlier.ElapsedMilliseconds));

    /// <summary>Median of the trainer-measured round time (shards, blocks, commit; without the trainer's own writes), ms.</summary>
    public static double MedianRoundMs(IReadOnlyList<RoundMetrics> metrics, int skip = 5) =>
        Stats.Median(metrics.Skip(skip).Select(m => m.RoundMilliseconds));
}
