using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The fused pass over one chunk of rows: per row z = x·w + b, r = s dloss/dz (s the row's sample
/// weight), gradient += r x, loss += s loss, in float64, rows in chunk order. Rows go four at a time (one <see cref="Vector256{T}"/> of z / r per
/// block), and blocks go in groups of up to <see cref="BlocksPerGroup"/> (as many as fit in <see cref="GroupBytes"/>): first the dots of the whole group,
/// then its losses, then its gradient updates. The losses of a group are independent chains of about
/// 150 cycles of latency (exp, log) that the CPU runs side by side; interleaved with the dots they
/// would each stall the gradient update behind them. The group's rows are still in L1 when they are
/// read the second time. While a group runs, the next group's rows are hinted into L1 where that pays
/// (<see cref="RowPrefetch.PaysAhead"/>). The last one to three rows of a chunk form a partly filled block, so every
/// row goes through the same arithmetic wherever it falls.
/// </summary>
internal static class ChunkGradient
{
    private const int BlocksPerGroup = 4;

    /// <summary>
    /// The most bytes of rows a group spans where the next group is hinted into L1 beside it (a quarter of a 32 KB L1);
    /// rows too short or too long for hints keep the full group.
    /// </summary>
    private const int GroupBytes = 8192;

    /// <summary>
    /// Sums the rows at positions [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// of <paramref name="rows"/> into <paramref name="gradient"/> (added to, not overwritten).
    /// </summary>
    public static GradientSums Compute<TRows, TKernel, T, TLoss>(
        TLoss loss,
        scoped in TRows rows,
        int start,
        int count,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
        where TRows : IRowSource<T>, allows ref struct
        where TKernel : IRowKernel
        where T : unmanaged
        where TLoss : struct, ILoss
    {
        Span<Vector256<double>> predictions = stackalloc Vector256<double>[BlocksPerGroup];
        Span<Vector256<double>> derivatives = stackalloc Vector256<double>[BlocksPerGroup];
        var b = Vector256.Create(intercept);
        double lossSum = 0.0;
        double interceptGradient = 0.0;
        double weightSum = 0.0;
        int end = start + count;
        int i = start;
        long rowBytes = (long)weights.Length * Unsafe.SizeOf<T>();
        bool prefetch = RowPrefetch.PaysAhead(rowBytes);
        int groupBlocks = prefetch ? (int)Math.Clamp(GroupBytes / (4 * rowBytes), 1, BlocksPerGroup) : BlocksPerGroup;
        while (end - i >= 4)
        {
            int blocks = Math.Min(groupBlocks, (end - i) / 4);
            if (prefetch)
            {
                int next = i + (4 * blocks);
                RowPrefetch.IntoL1<TRows, T>(rows, next, Math.Min(rows.Count, next + (4 * groupBlocks)));
            }

            for (int k = 0; k < blocks; k++)
            {
                int first = i + (4 * k);
                predictions[k] = TKernel.Dot4(rows.Row(first), rows.Row(first + 1), rows.Row(first + 2), rows.Row(first + 3), weights) + b;
            }

            for (int k = 0; k < blocks; k++)
            {
                int first = i + (4 * k);
                var y = Vector256.Create(rows.Label(first), rows.Label(first + 1), rows.Label(first + 2), rows.Label(first + 3));
                var s = Vector256.Create(rows.Weight(first), rows.Weight(first + 1), rows.Weight(first + 2), rows.Weight(first + 3));
                var values = TKernel.Evaluate4(loss, predictions[k], y, out var r) * s;
                derivatives[k] = r * s;
                lossSum = AddLanes(lossSum, values, 4);
                interceptGradient = AddLanes(interceptGradient, derivatives[k], 4);
                weightSum = AddLanes(weightSum, s, 4);
            }

            for (int k = 0; k < blocks; k++)
            {
                int first = i + (4 * k);
                TKernel.AddScaled4(
                    gradient, rows.Row(first), rows.Row(first + 1), rows.Row(first + 2), rows.Row(first + 3), derivatives[k]);
            }

            i += 4 * blocks;
        }

        int left = end - i;
        if (left > 0)
        {
            var z = Vector256<double>.Zero;
            var y = Vector256<double>.Zero;
            var s = Vector256<double>.Zero;
            for (int k = 0; k < left; k++)
            {
                z = z.WithElement(k, TKernel.Dot(rows.Row(i + k), weights));
                y = y.WithElement(k, rows.Label(i + k));
                s = s.WithElement(k, rows.Weight(i + k));
            }

            var values = TKernel.Evaluate4(loss, z + b, y, out var r) * s;
            r *= s;
            lossSum = AddLanes(lossSum, values, left);
            interceptGradient = AddLanes(interceptGradient, r, left);
            weightSum = AddLanes(weightSum, s, left);
            for (int k = 0; k < left; k++)
            {
                TKernel.AddScaled(gradient, rows.Row(i + k), r[k]);
            }
        }

        return new GradientSums { Loss = lossSum, InterceptGradient = interceptGradient, WeightSum = weightSum, Rows = count };
    }

    /// <summary>sum + lane 0 + lane 1 + ... for the first <paramref name="lanes"/> lanes, in that order.</summary>
    internal static double AddLanes(double sum, Vector256<double> values, int lanes)
    {
        for (int k = 0; k < lanes; k++)
        {
            sum += values[k];
        }

        return sum;
    }
}
