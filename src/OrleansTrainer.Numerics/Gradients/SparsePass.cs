using System.Buffers;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The chunking of the CSR pass: chunks of <see cref="GradientKernel.ChunkRows"/> rows, each summed into a
/// dense scratch and folded into the gradient in chunk order (touched columns only), so a parallel version
/// that reduces the same chunk partials in chunk order gives the same bits.
/// </summary>
internal static class SparsePass
{
    /// <summary>All chunks on the calling thread.</summary>
    public static GradientSums Serial<TKernel>(
        LossSpec loss,
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
        where TKernel : IRowKernel
    {
        int cols = weights.Length;
        double[] scratch = ArrayPool<double>.Shared.Rent(cols);
        int[] marks = ArrayPool<int>.Shared.Rent(cols);
        int[] touched = ArrayPool<int>.Shared.Rent(cols);
        try
        {
            scratch.AsSpan(0, cols).Clear();
            marks.AsSpan(0, cols).Fill(-1);
            var totals = default(GradientSums);
            for (int start = 0, chunk = 0; start < rows.Rows; start += GradientKernel.ChunkRows, chunk++)
            {
                int count = Math.Min(GradientKernel.ChunkRows, rows.Rows - start);
                totals.Add(SparseChunk.Compute<TKernel>(
                    loss, rows, labels, sampleWeights, start, count, weights, intercept, scratch, marks, chunk, touched, out int touchedCount));
                foreach (int column in touched.AsSpan(0, touchedCount))
                {
                    gradient[column] += scratch[column];
                    scratch[column] = 0.0;
                }
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
            ArrayPool<int>.Shared.Return(marks);
            ArrayPool<int>.Shared.Return(touched);
        }
    }
}
