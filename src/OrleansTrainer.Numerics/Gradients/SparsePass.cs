namespace OrleansTrainer.Numerics;

/// <summary>
/// The chunking of the CSR pass: the loss, intercept and weight sums are kept per chunk of
/// <see cref="GradientKernel.ChunkRows"/> rows and added in chunk order (as the dense pass); the gradient entries are
/// added straight into the caller's gradient in row order, so a pass costs its stored entries, not the width.
/// </summary>
internal static class SparsePass
{
    /// <summary>All chunks on the calling thread.</summary>
    public static GradientSums Serial<TKernel, TLoss>(
        TLoss loss,
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
        where TKernel : IRowKernel
        where TLoss : struct, ILoss
    {
        var totals = default(GradientSums);
        for (int start = 0; start < rows.Rows; start += GradientKernel.ChunkRows)
        {
            int count = Math.Min(GradientKernel.ChunkRows, rows.Rows - start);
            totals.Add(SparseChunk.Compute<TKernel, TLoss>(loss, rows, labels, sampleWeights, start, count, weights, intercept, gradient));
        }

        return totals;
    }
}
