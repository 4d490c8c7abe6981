using System.Runtime.InteropServices;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// The arithmetic of a weight block's commits, each from a committed state to the next one on fresh arrays: the
/// committed state's arrays are never written, so a failed write leaves the block exactly as Redis has it.
/// </summary>
internal static class BlockSteps
{
    /// <summary>The job's update rule applied to summed gradients <paramref name="sum"/>, with the learning rate of <paramref name="round"/>.</summary>
    public static (WeightBlockState Next, BlockCommitResult Result) Step(
        WeightBlockState committed, long round, double[] sum, double weightSum, (double[] L2, double[] L1) scales)
    {
        var spec = committed.Setup!.Spec;
        var (weights, state1, state2) = (committed.Weights.ToArray(), committed.State1.ToArray(), committed.State2.ToArray());
        var step = BlockUpdate.Apply(UpdateSettingsFactory.From(spec), committed.Steps, UpdateSettingsFactory.LearningRate(spec, round),
            Doubles(weights), Doubles(state1), Doubles(state2), sum, weightSum, scales.L2, scales.L1);
        var norm = spec.L1 > 0 ? step.ProximalGradientNormSquared : step.GradientNormSquared;
        var next = committed with { Weights = weights, State1 = state1, State2 = state2, Steps = committed.Steps + 1 };
        return (next, new BlockCommitResult { GradientNormSquared = norm, Penalty = step.PenaltyBeforeStep });
    }

    /// <summary>Local SGD's model averaging: the row-weighted mean of the shards' model changes added to the weights.</summary>
    public static (WeightBlockState Next, BlockCommitResult Result) Average(WeightBlockState committed, double[] sum, double weightSum)
    {
        var weights = committed.Weights.ToArray();
        var values = Doubles(weights);
        double changeSquared = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var change = sum[i] / weightSum;
            values[i] += change;
            changeSquared += change * change;
        }

        return (committed with { Weights = weights }, new BlockCommitResult { GradientNormSquared = changeSquared });
    }

    /// <summary>Block coordinate descent: the block's sub-problem solved exactly; the result carries the change (for the shards' residuals).</summary>
    public static (WeightBlockState Next, BlockCommitResult Result) SolveCoordinates(
        WeightBlockState committed, BlockSubproblem problem, (double[] L2, double[] L1) scales)
    {
        var spec = committed.Setup!.Spec;
        var step = BlockCoordinateSolver.Solve(DenseBuffers.AsDoubles(problem.Gram.Bytes), DenseBuffers.AsDoubles(problem.Correlation.Bytes), problem.WeightSum,
            DenseBuffers.AsDoubles(committed.Weights), spec.L2, spec.L1, scales.L2, scales.L1);
        var weights = committed.Weights.ToArray();
        var values = Doubles(weights);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += step.Delta[i];
        }

        var result = new BlockCommitResult
        {
            GradientNormSquared = step.ViolationSquared,
            Penalty = step.PenaltyBefore,
            GradientSum = new PackedVector { Bytes = DenseBuffers.ToBytes(step.Delta) },
            WeightSum = problem.WeightSum,
        };
        return (committed with { Weights = weights }, result);
    }

    private static Span<double> Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
}
