using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Bench;

/// <summary>Runs a job of plain full-batch rounds and reports the time per round.</summary>
internal static class ClusterRounds
{
    /// <summary>Runs <paramref name="rounds"/> rounds; returns (median round time reported by the trainer, wall time per round), in ms.</summary>
    public static async Task<(double MedianRoundMs, double WallPerRoundMs, double MedianComputeMs)> RunAsync(
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
        return (Measurement.Median(metrics.Select(m => m.RoundMilliseconds)), wall, Measurement.Median(metrics.Select(m => m.ComputeMilliseconds)));
    }
}
