namespace OrleansTrainer.Numerics;

/// <summary>
/// The hot path: loss and gradient sums of a linear model over float32 row-major features, in one
/// fused pass per row (z = x·w + b, r = dloss/dz, gradient += r x), accumulated in float64.
/// Rows are summed in fixed chunks of <see cref="ChunkRows"/>, each into its own scratch gradient,
/// and chunks are added to the totals in chunk order, so every entry point gives the same bits for
/// any thread count. The per-row arithmetic uses AVX2 (with FMA where present) when the CPU has it
/// and plain loops otherwise, so results are reproducible across machines with the same instruction set.
/// </summary>
public static class GradientKernel
{
    /// <summary>Rows per chunk: the unit of work and of the fixed summation order.</summary>
    public const int ChunkRows = 1024;

    /// <summary>Adds the gradient of sum_i loss(x_i·w + b, y_i) over every row into <paramref name="gradient"/>.</summary>
    /// <param name="loss">The loss.</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it (zero it first for a fresh sum).</param>
    /// <returns>The loss sum, intercept gradient and row count.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together.</exception>
    public static GradientSums Accumulate(
        LossKind loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
    {
        int cols = CheckShapes(loss, features.Length, labels.Length, weights.Length, gradient.Length);
        var rows = new ContiguousRows(features, labels, cols);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Serial<ContiguousRows, Vector256RowKernel>(loss, rows, weights, intercept, gradient)
            : ChunkedPass.Serial<ContiguousRows, ScalarRowKernel>(loss, rows, weights, intercept, gradient);
    }

    /// <summary>
    /// As <see cref="Accumulate"/> over the rows listed in <paramref name="rowIndices"/> only, in list order,
    /// chunked by <see cref="ChunkRows"/> entries of the list (a row listed twice counts twice).
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; the batch gradient is ADDED to it.</param>
    /// <returns>The loss sum, intercept gradient and row count of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    public static GradientSums AccumulateRows(
        LossKind loss,
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
    {
        int cols = CheckShapes(loss, features.Length, labels.Length, weights.Length, gradient.Length);
        foreach (int row in rowIndices)
        {
            if ((uint)row >= (uint)labels.Length)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(rowIndices), row, $"Row index must be in [0, {labels.Length}).");
            }
        }

        var rows = new IndexedRows(features, labels, rowIndices, cols);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Serial<IndexedRows, Vector256RowKernel>(loss, rows, weights, intercept, gradient)
            : ChunkedPass.Serial<IndexedRows, ScalarRowKernel>(loss, rows, weights, intercept, gradient);
    }

    /// <summary>
    /// As <see cref="Accumulate"/>, with chunks computed on up to <paramref name="maxThreads"/> threads;
    /// the result is bit-identical to <see cref="Accumulate"/> for every thread count.
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The loss sum, intercept gradient and row count.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1.</exception>
    public static GradientSums AccumulateParallel(
        LossKind loss,
        float[] features,
        double[] labels,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (maxThreads == 1 || labels.Length <= ChunkRows)
        {
            return Accumulate(loss, features, labels, weights, intercept, gradient);
        }

        CheckShapes(loss, features.Length, labels.Length, weights.Length, gradient.Length);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Parallel<Vector256RowKernel>(loss, features, labels, weights, intercept, gradient, maxThreads)
            : ChunkedPass.Parallel<ScalarRowKernel>(loss, features, labels, weights, intercept, gradient, maxThreads);
    }

    /// <summary>Validates the loss and the lengths of one pass; returns the column count.</summary>
    internal static int CheckShapes(LossKind loss, int featureCount, int rows, int cols, int gradientLength)
    {
        if (!Enum.IsDefined(loss))
        {
            throw Losses.UnknownKind(loss);
        }

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
