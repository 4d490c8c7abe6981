using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The fused softmax pass over one chunk of rows, four rows at a time (one lane per row): the K class
/// scores z_k = x·W_k + b_k by <see cref="IRowKernel.Dot4{T}"/>, then per lane the stable
/// log-sum-exp (max m, e_k = exp(z_k − m), loss = log(sum_k e_k) + m − z_y), then for each class
/// r_k = s (e_k / sum − [k = y]) added as gradient_k += r_k x by <see cref="IRowKernel.AddScaled4{T}"/>.
/// Float32 rows are widened once per block into a float64 scratch (exact, so the bits are the same)
/// instead of once per class and pass; the block stays in L1 while the K classes go over it. The last
/// one to three rows of a chunk form a partly filled block whose scores come from
/// <see cref="IRowKernel.Dot{T}"/> (bit-identical lanes).
/// </summary>
internal static class SoftmaxChunk
{
    /// <summary>
    /// Sums rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of
    /// <paramref name="rows"/> into <paramref name="gradient"/> (K × cols) and <paramref name="interceptGradient"/>
    /// (K), both added to; <paramref name="scores"/> is K vectors of scratch, <paramref name="widened"/>
    /// 4 × cols doubles of scratch (used for float32 rows only).
    /// </summary>
    public static GradientSums Compute<TRows, TKernel, T>(
        scoped in TRows rows,
        int start,
        int count,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient,
        Span<Vector256<double>> scores,
        Span<double> widened)
        where TRows : IRowSource<T>, allows ref struct
        where TKernel : IRowKernel
        where T : unmanaged
    {
        int cols = weights.Length / classes;
        var model = new Model(classes, cols, weights, intercepts, gradient, interceptGradient, scores);
        double lossSum = 0.0;
        double weightSum = 0.0;
        int end = start + count;
        for (int i = start; i < end; i += 4)
        {
            int lanes = Math.Min(4, end - i);
            var y = Vector256<double>.Zero;
            var s = Vector256<double>.Zero;
            for (int l = 0; l < lanes; l++)
            {
                y = y.WithElement(l, rows.Label(i + l));
                s = s.WithElement(l, rows.Weight(i + l));
            }

            Vector256<double> values;
            if (typeof(T) == typeof(float))
            {
                for (int l = 0; l < lanes; l++)
                {
                    var row = rows.Row(i + l);
                    FeatureElements.Widen(
                        System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(row), widened.Slice(l * cols, cols));
                }

                values = Block<TKernel, double>(
                    model,
                    widened[..cols],
                    lanes > 1 ? widened.Slice(cols, cols) : default,
                    lanes > 2 ? widened.Slice(2 * cols, cols) : default,
                    lanes > 3 ? widened.Slice(3 * cols, cols) : default,
                    lanes,
                    y,
                    s);
            }
            else
            {
                values = Block<TKernel, T>(
                    model,
                    rows.Row(i),
                    lanes > 1 ? rows.Row(i + 1) : default,
                    lanes > 2 ? rows.Row(i + 2) : default,
                    lanes > 3 ? rows.Row(i + 3) : default,
                    lanes,
                    y,
                    s);
            }

            lossSum = ChunkGradient.AddLanes(lossSum, values, lanes);
            weightSum = ChunkGradient.AddLanes(weightSum, s, lanes);
        }

        return new GradientSums { Loss = lossSum, WeightSum = weightSum, Rows = count };
    }

    /// <summary>One block of up to four rows (lanes past <paramref name="lanes"/> are ignored); returns the weighted losses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Block<TKernel, TE>(
        scoped in Model model,
        ReadOnlySpan<TE> x0,
        ReadOnlySpan<TE> x1,
        ReadOnlySpan<TE> x2,
        ReadOnlySpan<TE> x3,
        int lanes,
        Vector256<double> y,
        Vector256<double> s)
        where TKernel : IRowKernel
        where TE : unmanaged
    {
        int classes = model.Classes;
        int cols = model.Cols;
        var scores = model.Scores;
        for (int k = 0; k < classes; k++)
        {
            var w = model.Weights.Slice(k * cols, cols);
            Vector256<double> z;
            if (lanes == 4)
            {
                z = TKernel.Dot4(x0, x1, x2, x3, w);
            }
            else
            {
                z = Vector256.CreateScalar(TKernel.Dot(x0, w));
                if (lanes > 1)
                {
                    z = z.WithElement(1, TKernel.Dot(x1, w));
                }

                if (lanes > 2)
                {
                    z = z.WithElement(2, TKernel.Dot(x2, w));
                }
            }

            scores[k] = z + Vector256.Create(model.Intercepts[k]);
        }

        var max = scores[0];
        for (int k = 1; k < classes; k++)
        {
            max = Vector256.Max(max, scores[k]);
        }

        var sum = Vector256<double>.Zero;
        var picked = Vector256<double>.Zero;
        for (int k = 0; k < classes; k++)
        {
            picked = Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create((double)k)), scores[k], picked);
            scores[k] = TKernel.ExpNonPositive(scores[k] - max);
            sum += scores[k];
        }

        var scale = s / sum;
        for (int k = 0; k < classes; k++)
        {
            var target = Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create((double)k)), s, Vector256<double>.Zero);
            var r = (scores[k] * scale) - target;
            model.InterceptGradient[k] = ChunkGradient.AddLanes(model.InterceptGradient[k], r, lanes);
            var g = model.Gradient.Slice(k * cols, cols);
            if (lanes == 4)
            {
                TKernel.AddScaled4(g, x0, x1, x2, x3, r);
            }
            else
            {
                TKernel.AddScaled(g, x0, r[0]);
                if (lanes > 1)
                {
                    TKernel.AddScaled(g, x1, r[1]);
                }

                if (lanes > 2)
                {
                    TKernel.AddScaled(g, x2, r[2]);
                }
            }
        }

        return ((TKernel.LogAtLeastOne(sum) + max) - picked) * s;
    }

    /// <summary>The model and the buffers one chunk works on.</summary>
    private readonly ref struct Model(
        int classes,
        int cols,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient,
        Span<Vector256<double>> scores)
    {
        public readonly int Classes = classes;
        public readonly int Cols = cols;
        public readonly ReadOnlySpan<double> Weights = weights;
        public readonly ReadOnlySpan<double> Intercepts = intercepts;
        public readonly Span<double> Gradient = gradient;
        public readonly Span<double> InterceptGradient = interceptGradient;
        public readonly Span<Vector256<double>> Scores = scores;
    }
}
