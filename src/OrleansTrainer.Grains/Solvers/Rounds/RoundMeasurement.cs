using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The one place a round's metrics are assembled: started with the round, fed what the shards report (loss and weight
/// sums, rows, pass times, bytes moved) and the commit's start and end, finished with the solver's objective, gradient
/// norm and learning rate. Every driver measures through it, so none leaves a field out.
/// </summary>
internal sealed class RoundMeasurement(long round)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _commitStarted;
    private double _commitMilliseconds;
    private RoundMetrics _metrics = new() { Round = round, Loss = double.NaN };

    /// <summary>The mean loss over the rows used (NaN before any shard reported).</summary>
    public double Loss => _metrics.Loss;

    /// <summary>Takes the shards' reports of the round: summed loss over summed instance weight, the slowest shard's times.</summary>
    public RoundMeasurement Shards(IReadOnlyCollection<ShardRoundResult> results)
    {
        _metrics = _metrics with
        {
            Loss = results.Sum(r => r.LossSum) / results.Sum(r => r.WeightSum),
            Rows = results.Sum(r => r.Rows),
            ComputeMilliseconds = _metrics.ComputeMilliseconds + results.Max(r => r.ComputeMilliseconds),
            BytesMoved = results.Sum(r => r.BytesMoved),
            DenseBytes = results.Sum(r => r.DenseBytes),
            PullMilliseconds = results.Max(r => r.PullMilliseconds),
            PushMilliseconds = results.Max(r => r.PushMilliseconds),
        };
        return this;
    }

    /// <summary>Takes the loss of a round whose shards reported statistics rather than pushes (block coordinate descent).</summary>
    public RoundMeasurement Statistics(double lossSum, double weightSum, long rows)
    {
        _metrics = _metrics with { Loss = lossSum / weightSum, Rows = rows };
        return this;
    }

    /// <summary>Adds a pass the shards made besides the gradient pass (a Gram pass, a sweep's statistics): its slowest shard's time.</summary>
    public void AddCompute(double milliseconds) => _metrics = _metrics with { ComputeMilliseconds = _metrics.ComputeMilliseconds + milliseconds };

    /// <summary>The blocks' commit starts now.</summary>
    public void CommitStarting() => _commitStarted = Stopwatch.GetTimestamp();

    /// <summary>The blocks' commit has ended.</summary>
    public void CommitEnded() => _commitMilliseconds += Stopwatch.GetElapsedTime(_commitStarted).TotalMilliseconds;

    /// <summary>The round's metrics.</summary>
    public RoundMetrics Finish(double objective, double gradientNorm, double learningRate = 0) => _metrics with
    {
        Objective = objective,
        GradientNorm = gradientNorm,
        LearningRate = learningRate,
        CommitMilliseconds = _commitMilliseconds,
        RoundMilliseconds = Stopwatch.GetElapsedTime(_started).TotalMilliseconds,
    };
}
