using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The chunking of the softmax pass, as <see cref="ChunkedPass"/> does it for the binary losses:
/// chunks of <see cref="GradientKernel.ChunkRows"/> rows, each summed into its own scratch (K × cols
/// gradient, K intercept gradients), added to the totals strictly in chunk order.
/// </summary>
internal static class SoftmaxPass
{
    /// <summary>All chunks on the calling thread.</summary>
    public static GradientSums Serial<TRows, TKernel, T>(
        scoped in TRows rows,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
        where TRows : IRowSource<T>, allows ref struct
        where TKernel : IRowKernel
        where T : unmanaged
    {
        int size = weights.Length;
        int cols = size / classes;
        double[] rented = ArrayPool<double>.Shared.Rent(size + classes + (4 * cols));
        Vector256<double>[] scores = ArrayPool<Vector256<double>>.Shared.Rent(classes);
        try
        {
            Span<double> scratch = rented.AsSpan(0, size);
            Span<double> interceptScratch = rented.AsSpan(size, classes);
            Span<double> widened = rented.AsSpan(size + classes, 4 * cols);
            var totals = default(GradientSums);
            for (int start = 0; start < rows.Count; start += GradientKernel.ChunkRows)
            {
                scratch.Clear();
                interceptScratch.Clear();
                int count = Math.Min(GradientKernel.ChunkRows, rows.Count - start);
                totals.Add(SoftmaxChunk.Compute<TRows, TKernel, T>(
                    rows, start, count, classes, weights, intercepts, scratch, interceptScratch, scores, widened));
                TensorPrimitives.Add(gradient, scratch, gradient);
                TensorPrimitives.Add(interceptGradient, interceptScratch, interceptGradient);
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
            ArrayPool<Vector256<double>>.Shared.Return(scores);
        }
    }

    /// <summary>Chunks of a contiguous block on up to <paramref name="maxThreads"/> threads (see <see cref="ChunkWaves"/>).</summary>
    public static GradientSums Parallel<TKernel, T>(
        T[] features,
        double[] labels,
        double[] sampleWeights,
        int classes,
        double[] weights,
        double[] intercepts,
        double[] gradient,
        double[] interceptGradient,
        int maxThreads)
        where TKernel : IRowKernel
        where T : unmanaged
    {
        int size = weights.Length;
        int cols = size / classes;
        int stride = size + classes + (4 * cols);
        int rows = labels.Length;
        int chunkCount = (rows + GradientKernel.ChunkRows - 1) / GradientKernel.ChunkRows;
        int slots = ChunkWaves.Slots(chunkCount, maxThreads);
        double[] partials = ArrayPool<double>.Shared.Rent(slots * stride);
        Vector256<double>[] scores = ArrayPool<Vector256<double>>.Shared.Rent(slots * classes);
        GradientSums[] partialSums = ArrayPool<GradientSums>.Shared.Rent(slots);
        try
        {
            var totals = default(GradientSums);
            ChunkWaves.Run(
                chunkCount,
                maxThreads,
                (chunk, slot) =>
                {
                    Span<double> scratch = partials.AsSpan(slot * stride, stride);
                    scratch.Clear();
                    int start = chunk * GradientKernel.ChunkRows;
                    int count = Math.Min(GradientKernel.ChunkRows, rows - start);
                    var source = new ContiguousRows<T>(features, labels, sampleWeights, cols);
                    partialSums[slot] = SoftmaxChunk.Compute<ContiguousRows<T>, TKernel, T>(
                        source, start, count, classes, weights, intercepts,
                        scratch[..size], scratch.Slice(size, classes), scores.AsSpan(slot * classes, classes), scratch[(size + classes)..]);
                },
                (_, slot) =>
                {
                    totals.Add(partialSums[slot]);
                    TensorPrimitives.Add(gradient, partials.AsSpan(slot * stride, size), gradient);
                    TensorPrimitives.Add(interceptGradient, partials.AsSpan((slot * stride) + size, classes), interceptGradient);
                });

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partials);
            ArrayPool<Vector256<double>>.Shared.Return(scores);
            ArrayPool<GradientSums>.Shared.Return(partialSums);
        }
    }
}
