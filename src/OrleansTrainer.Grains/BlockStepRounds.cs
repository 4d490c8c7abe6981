using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Rounds whose update happens in the weight blocks (parameter-server style): full-batch gradient descent with a fixed
/// step, mini-batch SGD, AdaGrad, Adam (all with the L1 proximal step), and local SGD with model averaging.
/// </summary>
internal sealed class BlockStepRounds(RoundOperations operations, Func<double> previousObjective) : IRoundDriver
{
    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var spec = operations.Context.Spec;
        var local = spec.Solver == SolverKind.LocalSgd;
        var started = Stopwatch.GetTimestamp();
        var rate = UpdateSettingsFactory.LearningRate(spec, round);
        var results = await operations.RunShardsAsync(round, local ? ShardRoundKind.LocalSgd : ShardRoundKind.Gradient, rate);
        if (RoundOperations.FindDivergence(results, round) is { } divergence)
        {
            return new RoundOutcome(null, JobStatus.Failed, divergence);
        }

        var commitStarted = Stopwatch.GetTimestamp();
        var commits = await operations.CommitAsync(round, local ? BlockCommitMode.Average : BlockCommitMode.Step);
        var loss = results.Sum(r => r.LossSum) / results.Sum(r => r.WeightSum);
        var objective = loss + commits.Sum(c => c.Penalty);
        var gradientNorm = Math.Sqrt(commits.Sum(c => c.GradientNormSquared));
        var metrics = new RoundMetrics
        {
            Round = round,
            Loss = loss,
            Objective = objective,
            GradientNorm = gradientNorm,
            Rows = results.Sum(r => r.Rows),
            LearningRate = rate,
            RoundMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ComputeMilliseconds = results.Max(r => r.ComputeMilliseconds),
            BytesMoved = results.Sum(r => r.BytesMoved),
            DenseBytes = results.Sum(r => r.DenseBytes),
            PullMilliseconds = results.Max(r => r.PullMilliseconds),
            PushMilliseconds = results.Max(r => r.PushMilliseconds),
            CommitMilliseconds = Stopwatch.GetElapsedTime(commitStarted).TotalMilliseconds,
        };
        var stop = StoppingRules.Check(spec, round + 1, previousObjective(), objective, gradientNorm);
        return new RoundOutcome(metrics, stop is null ? null : JobStatus.Completed, stop ?? "");
    }
}
