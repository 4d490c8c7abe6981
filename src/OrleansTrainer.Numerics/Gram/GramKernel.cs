using System.Buffers;
using System.Runtime.CompilerServices;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The normal-equation sums of a block of rows (see <see cref="GramSums"/>), near the FLOP peak of a
/// core: each panel of <see cref="PanelRows"/> rows is widened to float64, centered and packed once,
/// then a register-blocked 4 × 8 FMA micro-kernel computes only the upper triangle of the augmented
/// Gram matrix [x − c, y, 1]ᵀ S [x − c, y, 1] (which carries Xty, XSum, YSum, YySum and WeightSum
/// along), and the result is mirrored. Rows are summed in fixed chunks of <see cref="ChunkRows"/>, each
/// into its own accumulator, added to the totals in chunk order: every entry point gives the same bits
/// for any thread count. Float64-feature overloads have the same semantics. The chunk, packing and tile
/// methods are compiled fully optimized on first use (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// a job makes one Gram pass, which tiered compilation would run mostly in unoptimized code (a shard's first
/// pass over 125,000 × 100 rows took 203 ms that way against 32 ms once optimized; 46 ms now).
/// </summary>
public static class GramKernel
{
    /// <summary>Rows per chunk: the unit of parallel work and of the fixed summation order.</summary>
    public const int ChunkRows = 4096;

    /// <summary>Rows per packed panel: the length of each tile's register-resident partial sums.</summary>
    public const int PanelRows = 128;

    /// <summary>Adds the sums of every row into <paramref name="sums"/>.</summary>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = sums.Cols.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="center">cols entries subtracted from every row before summing, or empty for none.</param>
    /// <param name="sums">The totals, added to.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a sample weight is invalid.</exception>
    [OverloadResolutionPriority(1)] // an empty collection expression [] for the features means float32
    public static void Accumulate(
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> center,
        GramSums sums) =>
        Serial(features, labels, sampleWeights, center, sums);

    /// <summary>As the float32 <c>Accumulate</c>, over float64 features.</summary>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = sums.Cols.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="center">cols entries subtracted from every row before summing, or empty for none.</param>
    /// <param name="sums">The totals, added to.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a sample weight is invalid.</exception>
    public static void Accumulate(
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> center,
        GramSums sums) =>
        Serial(features, labels, sampleWeights, center, sums);

    /// <summary>As the float32 <c>Accumulate</c>, with chunks on up to <paramref name="maxThreads"/> threads; bit-identical to it.</summary>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = sums.Cols.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty (or null) for all 1.</param>
    /// <param name="center">cols entries subtracted from every row before summing, or empty (or null) for none.</param>
    /// <param name="sums">The totals, added to.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a sample weight is invalid.</exception>
    [OverloadResolutionPriority(1)]
    public static void AccumulateParallel(
        float[] features, double[] labels, double[]? sampleWeights, double[]? center, GramSums sums, int maxThreads) =>
        Parallel(features, labels, sampleWeights ?? [], center ?? [], sums, maxThreads);

    /// <summary>As the float64 <c>Accumulate</c>, with chunks on up to <paramref name="maxThreads"/> threads; bit-identical to it.</summary>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = sums.Cols.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty (or null) for all 1.</param>
    /// <param name="center">cols entries subtracted from every row before summing, or empty (or null) for none.</param>
    /// <param name="sums">The totals, added to.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a sample weight is invalid.</exception>
    public static void AccumulateParallel(
        double[] features, double[] labels, double[]? sampleWeights, double[]? center, GramSums sums, int maxThreads) =>
        Parallel(features, labels, sampleWeights ?? [], center ?? [], sums, maxThreads);

    private static void Serial<T>(
        ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<double> center, GramSums sums)
        where T : unmanaged
    {
        var layout = Check(features.Length, labels, sampleWeights, center, sums);
        int accumulatorLength = layout.Width * layout.Width;
        int scratchLength = GramChunk.ScratchLength(layout);
        double[] rented = ArrayPool<double>.Shared.Rent(accumulatorLength + scratchLength);
        try
        {
            Span<double> accumulator = rented.AsSpan(0, accumulatorLength);
            Span<double> scratch = rented.AsSpan(accumulatorLength, scratchLength);
            for (int start = 0; start < labels.Length; start += ChunkRows)
            {
                int count = Math.Min(ChunkRows, labels.Length - start);
                accumulator.Clear();
                if (Vector256GramTiles.IsSupported)
                {
                    GramChunk.Compute<Vector256GramTiles, T>(layout, features, labels, sampleWeights, center, start, count, accumulator, scratch);
                }
                else
                {
                    GramChunk.Compute<ScalarGramTiles, T>(layout, features, labels, sampleWeights, center, start, count, accumulator, scratch);
                }

                GramChunk.AddTo(layout, accumulator, count, sums);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static void Parallel<T>(
        T[] features, double[] labels, double[] sampleWeights, double[] center, GramSums sums, int maxThreads)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (maxThreads == 1 || labels.Length <= ChunkRows)
        {
            Serial<T>(features, labels, sampleWeights, center, sums);
            return;
        }

        var layout = Check(features.Length, labels, sampleWeights, center, sums);
        int accumulatorLength = layout.Width * layout.Width;
        int chunkCount = (labels.Length + ChunkRows - 1) / ChunkRows;
        int slots = ChunkWaves.Slots(chunkCount, maxThreads);
        double[] accumulators = ArrayPool<double>.Shared.Rent(slots * accumulatorLength);
        try
        {
            ChunkWaves.Run(
                chunkCount,
                maxThreads,
                (chunk, slot) =>
                {
                    Span<double> accumulator = accumulators.AsSpan(slot * accumulatorLength, accumulatorLength);
                    accumulator.Clear();
                    int start = chunk * ChunkRows;
                    int count = Math.Min(ChunkRows, labels.Length - start);
                    if (Vector256GramTiles.IsSupported)
                    {
                        GramChunk.ComputeWithRentedScratch<Vector256GramTiles, T>(
                            layout, features, labels, sampleWeights, center, start, count, accumulator);
                    }
                    else
                    {
                        GramChunk.ComputeWithRentedScratch<ScalarGramTiles, T>(
                            layout, features, labels, sampleWeights, center, start, count, accumulator);
                    }
                },
                (chunk, slot) =>
                {
                    int count = Math.Min(ChunkRows, labels.Length - (chunk * ChunkRows));
                    GramChunk.AddTo(layout, accumulators.AsSpan(slot * accumulatorLength, accumulatorLength), count, sums);
                });
        }
        finally
        {
            ArrayPool<double>.Shared.Return(accumulators);
        }
    }

    private static GramLayout Check(
        int featureCount, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<double> center, GramSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        int cols = sums.Cols;
        if ((long)labels.Length * cols != featureCount)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} rows × {cols} columns = {(long)labels.Length * cols} features, got {featureCount}.", "features");
        }

        if (!center.IsEmpty && center.Length != cols)
        {
            throw new ArgumentException($"Expected a center of {cols} entries or none, got {center.Length}.", nameof(center));
        }

        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        if (!sampleWeights.IsEmpty)
        {
            for (int row = 0; row < labels.Length; row++)
            {
                RowChecks.SampleWeight(sampleWeights, row);
            }
        }

        return new GramLayout(cols);
    }
}
