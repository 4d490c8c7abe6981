using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>Adds the trainer's clock to a round's metrics.</summary>
internal static class RoundMetricsStamp
{
    /// <summary>A copy of <paramref name="metrics"/> stamped with the time since the job started.</summary>
    public static RoundMetrics WithElapsed(RoundMetrics metrics, TimeSpan elapsed) => new()
    {
        Round = metrics.Round,
        Loss = metrics.Loss,
        Objective = metrics.Objective,
        GradientNorm = metrics.GradientNorm,
        Rows = metrics.Rows,
        LearningRate = metrics.LearningRate,
        RoundMilliseconds = metrics.RoundMilliseconds,
        ComputeMilliseconds = metrics.ComputeMilliseconds,
        CommitMilliseconds = metrics.CommitMilliseconds,
        PullMilliseconds = metrics.PullMilliseconds,
        PushMilliseconds = metrics.PushMilliseconds,
        ElapsedMilliseconds = elapsed.TotalMilliseconds,
        BytesMoved = metrics.BytesMoved,
        DenseBytes = metrics.DenseBytes,
    };
}
