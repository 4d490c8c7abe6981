using System.Buffers;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The softmax pass over CSR rows, one row at a time in row order: the K scores by sparse dots (float64,
/// entries in stored order), the softmax taken stably around their max, then s r_k x scattered straight into
/// row k of the gradient. Work is proportional to the stored entries × K; the only scratch is K doubles
/// (on the stack up to <see cref="StackClasses"/> classes, rented above). Each gradient entry receives its
/// terms in row order, so the bits are fixed (though not those of the dense panel pass).
/// </summary>
internal static class SoftmaxSparsePass
{
    /// <summary>The most classes whose scores live on the stack.</summary>
    private const int StackClasses = 64;

    /// <summary>Adds every row of <paramref name="rows"/> into <paramref name="gradient"/> and <paramref name="interceptGradient"/> (arguments checked).</summary>
    public static GradientSums Serial(
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
    {
        double[]? rented = classes > StackClasses ? ArrayPool<double>.Shared.Rent(classes) : null;
        Span<double> scores = rented is null ? stackalloc double[StackClasses] : rented;
        scores = scores[..classes];
        try
        {
            int cols = rows.Cols;
            double loss = 0.0;
            double weightSum = 0.0;
            for (int i = 0; i < rows.Rows; i++)
            {
                var columns = rows.RowIndices(i);
                var entries = rows.RowValues(i);
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    double z = intercepts[k] + SparseChunk.Dot(columns, entries, weights.Slice(k * cols, cols));
                    scores[k] = z;
                    max = Math.Max(max, z);
                }

                int y = (int)labels[i];
                double picked = scores[y];
                double sum = 0.0;
                for (int k = 0; k < classes; k++)
                {
                    double e = Math.Exp(scores[k] - max);
                    scores[k] = e;
                    sum += e;
                }

                double s = sampleWeights.IsEmpty ? 1.0 : sampleWeights[i];
                loss += s * ((Math.Log(sum) + max) - picked);
                weightSum += s;
                double scale = s / sum;
                for (int k = 0; k < classes; k++)
                {
                    double r = (scores[k] * scale) - (k == y ? s : 0.0);
                    interceptGradient[k] += r;
                    var target = gradient.Slice(k * cols, cols);
                    for (int entry = 0; entry < columns.Length; entry++)
                    {
                        int column = columns[entry];
                        target[column] = FusedMath.MulAdd(r, entries[entry], target[column]);
                    }
                }
            }

            return new GradientSums { Loss = loss, WeightSum = weightSum, Rows = rows.Rows };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
