using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Rounds of a solver that runs on the trainer with distributed gradients: L-BFGS (OWL-QN with L1), and gradient
/// descent with backtracking line search (L-BFGS without memory). Every round puts the point the solver asks for into
/// the blocks, has the shards compute loss and gradient there, and collects the summed gradient from the blocks.
/// </summary>
internal sealed class TrainerSideRounds : IRoundDriver
{
    private readonly RoundOperations _operations;
    private readonly LbfgsMinimizer _minimizer;

    /// <summary>Continues from <paramref name="snapshot"/>, or starts at zero.</summary>
    public TrainerSideRounds(RoundOperations operations, LbfgsSnapshot? snapshot)
    {
        _operations = operations;
        var options = Options(operations.Context);
        _minimizer = snapshot is null
            ? new LbfgsMinimizer(options, new double[operations.Context.Layout.Length])
            : LbfgsMinimizer.FromSnapshot(options, snapshot);
    }

    /// <summary>The solver's state, persisted with the trainer after every round; the pairs' vectors come from <see cref="CopyPair"/>.</summary>
    public LbfgsSnapshot Snapshot => _minimizer.ToSnapshot(withPairVectors: false);

    /// <summary>Copies the correction pair in a memory slot: s, then y.</summary>
    public void CopyPair(int slot, Span<double> step, Span<double> gradientChange) => _minimizer.CopyPair(slot, step, gradientChange);

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var context = _operations.Context;
        var spec = context.Spec;
        var started = Stopwatch.GetTimestamp();
        var point = _minimizer.PointToEvaluate;
        await _operations.SetWeightsAsync(round, point, durable: false);
        var results = await _operations.RunShardsAsync(round, ShardRoundKind.Gradient);
        var commitStarted = Stopwatch.GetTimestamp();
        var commits = await _operations.CommitAsync(round, BlockCommitMode.Aggregate);
        var commitMs = Stopwatch.GetElapsedTime(commitStarted).TotalMilliseconds;

        var weightSum = results.Sum(r => r.WeightSum);
        var loss = results.Sum(r => r.LossSum) / weightSum;
        var gradient = new double[point.Length];
        for (var b = 0; b < commits.Length; b++)
        {
            var (start, _) = context.Blocks.Range(b);
            DenseBuffers.AsDoubles(commits[b].GradientSum.Bytes).CopyTo(gradient.AsSpan(start));
        }

        double l2Part = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = gradient[i] / weightSum + spec.L2 * context.L2Scale[i] * point[i];
            l2Part += context.L2Scale[i] * point[i] * point[i];
        }

        var smooth = loss + spec.L2 / 2 * l2Part;
        if (!double.IsFinite(smooth) && _minimizer.Evaluations == 0)
        {
            return new RoundOutcome(null, JobStatus.Failed, $"diverged: the objective at the starting point is {smooth}");
        }

        var status = _minimizer.Observe(double.IsFinite(smooth) ? smooth : double.PositiveInfinity, gradient);
        var metrics = new RoundMetrics
        {
            Round = round,
            Loss = loss,
            Objective = context.Penalty(point) + loss,
            GradientNorm = _minimizer.CurrentGradientNorm,
            Rows = results.Sum(r => r.Rows),
            LearningRate = 0,
            RoundMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            ComputeMilliseconds = results.Max(r => r.ComputeMilliseconds),
            BytesMoved = results.Sum(r => r.BytesMoved),
            DenseBytes = results.Sum(r => r.DenseBytes),
            PullMilliseconds = results.Max(r => r.PullMilliseconds),
            PushMilliseconds = results.Max(r => r.PushMilliseconds),
            CommitMilliseconds = commitMs,
        };

        var stop = status switch
        {
            LbfgsStatus.Converged => _minimizer.StopReason,
            LbfgsStatus.Failed => $"stopped: {_minimizer.StopReason}",
            _ when _minimizer.Iterations >= spec.MaxRounds => $"reached MaxRounds ({spec.MaxRounds} iterations)",
            _ => null,
        };
        if (stop is null)
        {
            return new RoundOutcome(metrics);
        }

        await _operations.SetWeightsAsync(round + 1, _minimizer.Current, durable: true);
        return new RoundOutcome(metrics, JobStatus.Completed,
            $"{stop} after {_minimizer.Iterations} iterations and {_minimizer.Evaluations} evaluations; objective {_minimizer.CurrentObjective:G10}, gradient norm {_minimizer.CurrentGradientNorm:G4}");
    }

    private static LbfgsOptions Options(JobContext context) => new()
    {
        Memory = context.Spec.Solver == SolverKind.Lbfgs ? context.Spec.LbfgsMemory : 0,
        L1 = context.Spec.L1,
        L1Scale = context.L1Scale,
        QuadraticCurvature = context.L2Scale.Select(scale => context.Spec.L2 * scale).ToArray(),
        GradientTolerance = context.Spec.GradientTolerance > 0 ? context.Spec.GradientTolerance : 1e-8,
        RelativeTolerance = context.Spec.Tolerance,
    };
}
