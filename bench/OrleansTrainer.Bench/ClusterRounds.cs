using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Bench;

/// <summary>Runs a job of plain full-batch rounds and reports the time per round.</summary>
internal static class ClusterRounds
{
    /// <summary>Runs <paramref name="rounds"/> rounds; returns the trainer-reported medians of its phases and the wall time per round.</summary>
    public static async Task<RoundTimes> RunAsync(
        TrainerClient client, string dataset, string job, int rounds, int blocks)
    {
        var spec = new JobSpec
        {
            Name = job,
            Dataset = dataset,
            Standardize = false,
            LearningRate = 1e-9,
            MaxRounds = rounds,
            Tolerance = 0,
            WeightBlocks = blocks,
        };
        await client.StartJobAsync(spec);
        var status = await client.WaitForJobAsync(job, TimeSpan.FromMilliseconds(20));
        if (status.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark job {job} ended {status.Status}: {status.Reason}");
        }

        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync(job))
        {
            metrics.Add(m);
        }

        var wall = (status.FinishedAt!.Value - status.StartedAt!.Value).TotalMilliseconds / rounds;
        double Median(Func<RoundMetrics, double> phase) => Measurement.Median(metrics.Select(phase));
        var intervals = metrics.Zip(metrics.Skip(1), (a, b) => b.ElapsedMilliseconds - a.ElapsedMilliseconds).Order().ToArray();
        var (medianInterval, p90Interval) = intervals.Length == 0 ? (double.NaN, double.NaN) : (Measurement.Median(intervals), intervals[intervals.Length * 9 / 10]);
        return new RoundTimes(Median(m => m.RoundMilliseconds), wall, medianInterval, p90Interval,
            Median(m => m.ComputeMilliseconds), Median(m => m.PullMilliseconds), Median(m => m.PushMilliseconds), Median(m => m.CommitMilliseconds),
            metrics[0].ElapsedMilliseconds);
    }
}

/// <summary>A job's round times in ms: medians of what the trainer measured per round, and the wall clock per round.</summary>
/// <param name="MedianRoundMs">The whole round (shards and commit).</param>
/// <param name="WallPerRoundMs">Job start to finish ÷ rounds: adds the trainer's own writes between rounds, and the job's start.</param>
/// <param name="MedianIntervalMs">Median time from one round's commit to the next: the steady wall clock of a round, the trainer's writes included.</param>
/// <param name="P90IntervalMs">The 90th percentile of the same intervals: the tail the wall clock per round adds over the median.</param>
/// <param name="MedianComputeMs">The slowest shard's pass.</param>
/// <param name="MedianPullMs">The slowest shard's pull of the weights.</param>
/// <param name="MedianPushMs">The slowest shard's push of its gradient.</param>
/// <param name="MedianCommitMs">The blocks' commit.</param>
/// <param name="FirstRoundDoneMs">From the job's start to its first round's commit (blocks set up, placement, first pulls).</param>
internal sealed record RoundTimes(
    double MedianRoundMs, double WallPerRoundMs, double MedianIntervalMs, double P90IntervalMs, double MedianComputeMs, double MedianPullMs, double MedianPushMs, double MedianCommitMs,
    double FirstRoundDoneMs);
