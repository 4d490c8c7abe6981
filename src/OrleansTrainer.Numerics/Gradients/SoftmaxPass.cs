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
    public static GradientSums Serial<TRows, T>(
        scoped in TRows rows,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
        where TRows : IRowSource<T>, allows ref struct
        where T : unmanaged
    {
        using var model = new SoftmaxModel(classes, weights, intercepts);
        int size = weights.Length;
        int stride = size + classes;
        double[] rented = ArrayPool<double>.Shared.Rent(stride + model.ScratchLength);
        Vector256<double>[] columns = ArrayPool<Vector256<double>>.Shared.Rent(2 * model.PaddedClasses);
        try
        {
            Span<double> chunkGradient = rented.AsSpan(0, size);
            Span<double> chunkIntercepts = rented.AsSpan(size, classes);
            Span<double> scratch = rented.AsSpan(stride, model.ScratchLength);
            var totals = default(GradientSums);
            for (int start = 0; start < rows.Count; start += GradientKernel.ChunkRows)
            {
                chunkGradient.Clear();
                chunkIntercepts.Clear();
                int count = Math.Min(GradientKernel.ChunkRows, rows.Count - start);
                totals.Add(SoftmaxChunk.Compute<TRows, T>(rows, start, count, model, chunkGradient, chunkIntercepts, scratch, columns));
                TensorPrimitives.Add(gradient, chunkGradient, gradient);
                TensorPrimitives.Add(interceptGradient, chunkIntercepts, interceptGradient);
            }

            return totals;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
            ArrayPool<Vector256<double>>.Shared.Return(columns);
        }
    }

    /// <summary>Chunks of a contiguous block on up to <paramref name="maxThreads"/> threads (see <see cref="ChunkWaves"/>).</summary>
    public static GradientSums Parallel<T>(
        T[] features,
        double[] labels,
        double[] sampleWeights,
        int classes,
        double[] weights,
        double[] intercepts,
        double[] gradient,
        double[] interceptGradient,
        int maxThreads)
        where T : unmanaged
    {
        using var model = new SoftmaxModel(classes, weights, intercepts);
        int size = weights.Length;
        int stride = size + classes;
        int cols = model.Cols;
        int rows = labels.Length;
        int chunkCount = (rows + GradientKernel.ChunkRows - 1) / GradientKernel.ChunkRows;
        int slots = ChunkWaves.Slots(chunkCount, maxThreads);
        double[] partials = ArrayPool<double>.Shared.Rent(slots * stride);
        GradientSums[] partialSums = ArrayPool<GradientSums>.Shared.Rent(slots);
        try
        {
            var totals = default(GradientSums);
            ChunkWaves.Run(
                chunkCount,
                maxThreads,
                (chunk, slot) =>
                {
                    Span<double> partial = partials.AsSpan(slot * stride, stride);
                    partial.Clear();
                    int start = chunk * GradientKernel.ChunkRows;
                    int count = Math.Min(GradientKernel.ChunkRows, rows - start);
                    var source = new ContiguousRows<T>(features, labels, sampleWeights, cols);
                    double[] scratch = ArrayPool<double>.Shared.Rent(model.ScratchLength);
                    Vector256<double>[] columns = ArrayPool<Vector256<double>>.Shared.Rent(2 * model.PaddedClasses);
                    try
                    {
                        partialSums[slot] = SoftmaxChunk.Compute<ContiguousRows<T>, T>(
                            source, start, count, model, partial[..size], partial[size..], scratch.AsSpan(0, model.ScratchLength), columns);
                    }
                    finally
                    {
                        ArrayPool<double>.Shared.Return(scratch);
                        ArrayPool<Vector256<double>>.Shared.Return(columns);
                    }
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
            ArrayPool<GradientSums>.Shared.Return(partialSums);
        }
    }
}
