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
    /// <summary>Chunks handed to each thread per parallel wave; bounds the partial-result buffers.</summary>
    private const int ChunksPerThreadPerWave = 16;

    /// <summary>All chunks on the calling thread.</summary>
    public static GradientSums Serial<TRows, TKernel>(
        LossKind loss, scoped in TRows rows, ReadOnlySpan<double> weights, double intercept, Span<double> gradient)
        where TRows : IRowSource, allows ref struct
        where TKernel : IRowKernel
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
                totals.Add(ChunkGradient.Compute<TRows, TKernel>(loss, rows, start, count, weights, intercept, scratch));
                TensorPrimitives.Add(gradient, scratch, gradient);
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Chunks of a contiguous block on up to <paramref name="maxThreads"/> threads, in waves of at most
    /// <see cref="ChunksPerThreadPerWave"/> chunks per thread; each wave is reduced in chunk order.
    /// </summary>
    public static GradientSums Parallel<TKernel>(
        LossKind loss, float[] features, double[] labels, double[] weights, double intercept, double[] gradient, int maxThreads)
        where TKernel : IRowKernel
    {
        int cols = weights.Length;
        int rows = labels.Length;
        int chunkCount = (rows + GradientKernel.ChunkRows - 1) / GradientKernel.ChunkRows;
        int waveChunks = Math.Min(chunkCount, maxThreads * ChunksPerThreadPerWave);
        double[] partialGradients = ArrayPool<double>.Shared.Rent(waveChunks * cols);
        GradientSums[] partialSums = ArrayPool<GradientSums>.Shared.Rent(waveChunks);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
            var totals = default(GradientSums);
            for (int firstChunk = 0; firstChunk < chunkCount; firstChunk += waveChunks)
            {
                int waveFirst = firstChunk;
                int waveSize = Math.Min(waveChunks, chunkCount - firstChunk);
                System.Threading.Tasks.Parallel.For(0, waveSize, options, k =>
                {
                    Span<double> scratch = partialGradients.AsSpan(k * cols, cols);
                    scratch.Clear();
                    int start = (waveFirst + k) * GradientKernel.ChunkRows;
                    int count = Math.Min(GradientKernel.ChunkRows, rows - start);
                    var source = new ContiguousRows(features, labels, cols);
                    partialSums[k] = ChunkGradient.Compute<ContiguousRows, TKernel>(
                        loss, source, start, count, weights, intercept, scratch);
                });

                for (int k = 0; k < waveSize; k++)
                {
                    totals.Add(partialSums[k]);
                    TensorPrimitives.Add(gradient, partialGradients.AsSpan(k * cols, cols), gradient);
                }
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partialGradients);
            ArrayPool<GradientSums>.Shared.Return(partialSums);
        }
    }
}
