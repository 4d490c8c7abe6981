using System.Runtime.CompilerServices;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The hot path: loss and gradient sums of a linear model over row-major features (float32 here,
/// float64 in the overloads taking <c>ReadOnlySpan&lt;double&gt;</c> features), in one fused pass per
/// row (z = x·w + b, r = s dloss/dz with s the row's sample weight, gradient += r x), accumulated in
/// float64. Rows are summed in fixed chunks of <see cref="ChunkRows"/>, each into its own scratch
/// gradient, and chunks are added to the totals in chunk order, so every entry point gives the same
/// bits for any thread count. The per-row arithmetic uses AVX2 (with FMA where present) when the CPU
/// has it and plain loops otherwise, so results are reproducible across machines with the same
/// instruction set. Sample weights, where taken, are one per row of the block, finite and ≥ 0; an
/// empty span means every weight is 1 (and gives the same bits as the overload without weights).
/// </summary>
public static partial class GradientKernel
{
    /// <summary>Rows per chunk: the unit of work and of the fixed summation order.</summary>
    public const int ChunkRows = 1024;

    /// <summary>Adds the gradient of sum_i loss(x_i·w + b, y_i) over every row into <paramref name="gradient"/>.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it (zero it first for a fresh sum).</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum (= rows).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    [OverloadResolutionPriority(1)] // an empty collection expression [] for the features means float32
    public static GradientSums Accumulate(
        LossSpec loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        Accumulate(loss, features, labels, default, weights, intercept, gradient);

    /// <summary>Adds the gradient of sum_i s_i loss(x_i·w + b, y_i) over every row into <paramref name="gradient"/>.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i s_i r_i x_i is ADDED to it (zero it first for a fresh sum).</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    [OverloadResolutionPriority(1)] // an empty collection expression [] for the features means float32
    public static GradientSums Accumulate(
        LossSpec loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        DensePasses.Contiguous(loss, features, labels, sampleWeights, weights, intercept, gradient);

    /// <summary>
    /// As <see cref="Accumulate(LossSpec, ReadOnlySpan{float}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>
    /// over the rows listed in <paramref name="rowIndices"/> only, in list order, chunked by <see cref="ChunkRows"/>
    /// entries of the list (a row listed twice counts twice).
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; the batch gradient is ADDED to it.</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateRows(
        LossSpec loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        AccumulateRows(loss, features, labels, default, rowIndices, weights, intercept, gradient);

    /// <summary>
    /// As the weighted <c>Accumulate</c> over the rows listed in <paramref name="rowIndices"/> only, in list order,
    /// chunked by <see cref="ChunkRows"/> entries of the list (a row listed twice counts twice).
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row of the block (indexed like labels), or empty for all 1.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; the batch gradient is ADDED to it.</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateRows(
        LossSpec loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        DensePasses.Indexed(loss, features, labels, sampleWeights, rowIndices, weights, intercept, gradient);

    /// <summary>
    /// As <see cref="Accumulate(LossSpec, ReadOnlySpan{float}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/>,
    /// with chunks computed on up to <paramref name="maxThreads"/> threads; the result is bit-identical to the serial
    /// pass for every thread count.
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum (= rows).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateParallel(
        LossSpec loss,
        float[] features,
        double[] labels,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads) =>
        AccumulateParallel(loss, features, labels, [], weights, intercept, gradient, maxThreads);

    /// <summary>
    /// As the weighted <c>Accumulate</c>, with chunks computed on up to <paramref name="maxThreads"/> threads; the
    /// result is bit-identical to the serial pass for every thread count.
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty (or null) for all 1.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i s_i r_i x_i is ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateParallel(
        LossSpec loss,
        float[] features,
        double[] labels,
        double[]? sampleWeights,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads) =>
        DensePasses.Parallel(loss, features, labels, sampleWeights ?? [], weights, intercept, gradient, maxThreads);

    /// <summary>Validates the lengths of one pass; returns the column count.</summary>
    internal static int CheckShapes(int featureCount, int rows, int cols, int gradientLength)
    {
        if ((long)rows * cols != featureCount)
        {
            throw new ArgumentException(
                $"Expected {rows} rows × {cols} columns = {(long)rows * cols} features, got {featureCount}.", "features");
        }

        if (gradientLength != cols)
        {
            throw new ArgumentException($"Expected a gradient of {cols} entries, got {gradientLength}.", "gradient");
        }

        return cols;
    }
}
