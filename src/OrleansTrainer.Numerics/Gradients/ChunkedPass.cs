using System.Buffers;
using System.Numerics.Tensors;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Splits a pass into chunks of <see cref="GradientKernel.ChunkRows"/> rows, sums each chunk into its
/// own scratch gradient, and adds chunk results into the totals strictly in chunk order: the result
/// is the same bit for bit whichever thread computed which chunk.
/// </summary>
internal static class ChunkedPass
{
    /// <summary>All chunks on the calling thread.</summary>
    public static GradientSums Serial<TRows, TKernel, T, TLoss>(
        TLoss loss, scoped in TRows rows, ReadOnlySpan<double> weights, double intercept, Span<double> gradient)
        where TRows : IRowSource<T>, allows ref struct
        where TKernel : IRowKernel
        where T : unmanaged
        where TLoss : struct, ILoss
    {
        int cols = weights.Length;
        double[] rented = ArrayPool<double>.Shared.Rent(cols);
        try
        {
            Span<double> scratch = rented.AsSpan(0, cols);
            var totals = default(GradientSums);
            for (int start = 0; start < rows.Count; start += GradientKernel.ChunkRows)
            {
                scratch.Clear();
                int count = Math.Min(GradientKernel.ChunkRows, rows.Count - start);
                totals.Add(ChunkGradient.Compute<TRows, TKernel, T, TLoss>(loss, rows, start, count, weights, intercept, scratch));
                TensorPrimitives.Add(gradient, scratch, gradient);
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Chunks of a contiguous block on up to <paramref name="maxThreads"/> threads (see <see cref="ChunkWaves"/>).</summary>
    public static GradientSums Parallel<TKernel, T, TLoss>(
        TLoss loss, T[] features, double[] labels, double[] sampleWeights, double[] weights, double intercept, double[] gradient, int maxThreads)
        where TKernel : IRowKernel
        where T : unmanaged
        where TLoss : struct, ILoss
    {
        int cols = weights.Length;
        int rows = labels.Length;
        int chunkCount = (rows + GradientKernel.ChunkRows - 1) / GradientKernel.ChunkRows;
        int slots = ChunkWaves.Slots(chunkCount, maxThreads);
        double[] partialGradients = ArrayPool<double>.Shared.Rent(slots * cols);
        GradientSums[] partialSums = ArrayPool<GradientSums>.Shared.Rent(slots);
        try
        {
            var totals = default(GradientSums);
            ChunkWaves.Run(
                chunkCount,
                maxThreads,
                (chunk, slot) =>
                {
                    Span<double> scratch = partialGradients.AsSpan(slot * cols, cols);
                    scratch.Clear();
                    int start = chunk * GradientKernel.ChunkRows;
                    int count = Math.Min(GradientKernel.ChunkRows, rows - start);
                    var source = new ContiguousRows<T>(features, labels, sampleWeights, cols);
                    partialSums[slot] = ChunkGradient.Compute<ContiguousRows<T>, TKernel, T, TLoss>(
                        loss, source, start, count, weights, intercept, scratch);
                },
                (_, slot) =>
                {
                    totals.Add(partialSums[slot]);
                    TensorPrimitives.Add(gradient, partialGradients.AsSpan(slot * cols, cols), gradient);
                });

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partialGradients);
            ArrayPool<GradientSums>.Shared.Return(partialSums);
        }
    }
}
