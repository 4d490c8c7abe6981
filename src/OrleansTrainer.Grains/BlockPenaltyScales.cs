using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>A weight block's per-entry penalty multipliers: as its setup lists them, or uniform when it lists none.</summary>
internal static class BlockPenaltyScales
{
    /// <summary>The L2 and L1 multipliers of each of the block's entries.</summary>
    public static (double[] L2, double[] L1) Of(WeightBlockSetup setup)
    {
        if (setup.PenaltyScale.Bytes.Length > 0)
        {
            return (DenseBuffers.AsDoubles(setup.PenaltyScale.Bytes).ToArray(), DenseBuffers.AsDoubles(setup.L1Scale.Bytes).ToArray());
        }

        var scale = new double[setup.Length];
        var weights = Math.Clamp(setup.InterceptStart - setup.Start, 0, setup.Length);
        scale.AsSpan(0, weights).Fill(1);
        return (scale, scale);
    }
}
