using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.ScalingBench;

/// <summary>A job run to its end through the cluster, with every round's metrics.</summary>
/// <param name="Status">Its final status (start and finish times, why it stopped).</param>
/// <param name="Rounds">Its rounds in order; for L-BFGS one round is one evaluation of the objective and gradient.</param>
internal sealed record FinishedJob(JobStatusInfo Status, RoundMetrics[] Rounds)
{
    /// <summary>Job start to finish as the trainer recorded them, seconds.</summary>
    public double Seconds => (Status.FinishedAt!.Value - Status.StartedAt!.Value).TotalSeconds;

    /// <summary>Wall clock per round (job start to finish over the rounds, the trainer's own writes included), ms.</summary>
    public double WallPerRoundMs => Seconds * 1000 / Rounds.Length;

    /// <summary>Median of the trainer-measured round (shards, blocks, commit), ms.</summary>
    public double MedianRoundMs => Median(Rounds.Select(m => m.RoundMilliseconds));

    /// <summary>Median of the slowest shard's pass per round, ms.</summary>
    public double MedianComputeMs => Median(Rounds.Select(m => m.ComputeMilliseconds));

    /// <summary>
    /// The lowest objective (mean loss plus penalty) of the evaluated points: L-BFGS's last accepted iterate (the last
    /// round can be a line-search trial that was not accepted).
    /// </summary>
    public double BestObjective => Rounds.Min(m => m.Objective);

    /// <summary>
    /// Seconds from the job's start to the commit of the first round whose objective is at most <paramref name="target"/>
    /// (mean form), and that round (0-based); null when no round reached it.
    /// </summary>
    public (double Seconds, long Round)? TimeTo(double target) =>
        Rounds.FirstOrDefault(m => m.Objective <= target) is { } reached ? (reached.ElapsedMilliseconds / 1000, reached.Round) : null;

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Starts <paramref name="spec"/>, waits for it and reads its rounds; throws unless it completed.</summary>
    public static async Task<FinishedJob> RunAsync(TrainerClient client, JobSpec spec)
    {
        await client.StartJobAsync(spec);
        var status = await client.WaitForJobAsync(spec.Name, TimeSpan.FromMilliseconds(10));
        if (status.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"{spec.Name} ended {status.Status}: {status.Reason}");
        }

        var rounds = await client.GetMetricsAsync(spec.Name);
        return rounds.Length > 0 ? new FinishedJob(status, rounds) : throw new InvalidOperationException($"{spec.Name} completed without a round");
    }
}
