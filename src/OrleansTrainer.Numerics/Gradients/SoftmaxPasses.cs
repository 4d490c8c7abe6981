namespace OrleansTrainer.Numerics;

/// <summary>The entry points of <see cref="SoftmaxKernel"/> after the public overloads: checks, then the panel (or sparse) pass.</summary>
internal static class SoftmaxPasses
{
    /// <summary>Every row of a row-major block.</summary>
    public static GradientSums Contiguous<T>(
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
        where T : unmanaged
    {
        int cols = CheckShapes(features.Length, labels, sampleWeights, classes, weights.Length, intercepts.Length, gradient.Length, interceptGradient.Length);
        for (int row = 0; row < labels.Length; row++)
        {
            CheckRow(labels, sampleWeights, classes, row);
        }

        var rows = new ContiguousRows<T>(features, labels, sampleWeights, cols);
        return SoftmaxPass.Serial<ContiguousRows<T>, T>(rows, classes, weights, intercepts, gradient, interceptGradient);
    }

    /// <summary>The listed rows of a row-major block, in list order.</summary>
    public static GradientSums Indexed<T>(
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
        where T : unmanaged
    {
        int cols = CheckShapes(features.Length, labels, sampleWeights, classes, weights.Length, intercepts.Length, gradient.Length, interceptGradient.Length);
        foreach (int row in rowIndices)
        {
            if ((uint)row >= (uint)labels.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(rowIndices), row, $"Row index must be in [0, {labels.Length}).");
            }

            CheckRow(labels, sampleWeights, classes, row);
        }

        var rows = new IndexedRows<T>(features, labels, sampleWeights, rowIndices, cols);
        return SoftmaxPass.Serial<IndexedRows<T>, T>(rows, classes, weights, intercepts, gradient, interceptGradient);
    }

    /// <summary>Every row of a row-major block, chunks on up to <paramref name="maxThreads"/> threads.</summary>
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
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(intercepts);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(interceptGradient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (maxThreads == 1 || labels.Length <= GradientKernel.ChunkRows)
        {
            return Contiguous<T>(features, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient);
        }

        CheckShapes(features.Length, labels, sampleWeights, classes, weights.Length, intercepts.Length, gradient.Length, interceptGradient.Length);
        for (int row = 0; row < labels.Length; row++)
        {
            CheckRow(labels, sampleWeights, classes, row);
        }

        return SoftmaxPass.Parallel(features, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient, maxThreads);
    }

    /// <summary>CSR rows, each in order straight into the caller's buffers (see <see cref="SoftmaxSparsePass"/>).</summary>
    public static GradientSums Sparse(
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (weights.Length != (long)classes * rows.Cols)
        {
            throw new ArgumentException(
                $"Expected {classes} classes × {rows.Cols} columns = {(long)classes * rows.Cols} weights, got {weights.Length}.", nameof(weights));
        }

        if (labels.Length != rows.Rows)
        {
            throw new ArgumentException($"Expected {rows.Rows} labels (one per row), got {labels.Length}.", nameof(labels));
        }

        CheckModel(classes, weights.Length, intercepts.Length, gradient.Length, interceptGradient.Length);
        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        for (int row = 0; row < labels.Length; row++)
        {
            CheckRow(labels, sampleWeights, classes, row);
        }

        return SoftmaxSparsePass.Serial(rows, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient);
    }

    /// <summary>Validates the lengths of one pass over a row-major block; returns the column count.</summary>
    private static int CheckShapes(
        int featureCount,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        int weightCount,
        int interceptCount,
        int gradientLength,
        int interceptGradientLength)
    {
        int cols = CheckModel(classes, weightCount, interceptCount, gradientLength, interceptGradientLength);
        if ((long)labels.Length * cols != featureCount)
        {
            throw new ArgumentException(
                $"Expected {labels.Length} rows × {cols} columns = {(long)labels.Length * cols} features, got {featureCount}.", "features");
        }

        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        return cols;
    }

    /// <summary>Validates the lengths of the model and the gradient buffers; returns the column count.</summary>
    private static int CheckModel(int classes, int weightCount, int interceptCount, int gradientLength, int interceptGradientLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (weightCount % classes != 0)
        {
            throw new ArgumentException($"Expected classes × cols weights, got {weightCount} for {classes} classes.", "weights");
        }

        if (interceptCount != classes)
        {
            throw new ArgumentException($"Expected {classes} intercepts, got {interceptCount}.", "intercepts");
        }

        if (gradientLength != weightCount)
        {
            throw new ArgumentException($"Expected a gradient of {weightCount} entries, got {gradientLength}.", "gradient");
        }

        if (interceptGradientLength != classes)
        {
            throw new ArgumentException($"Expected {classes} intercept gradients, got {interceptGradientLength}.", "interceptGradient");
        }

        return weightCount / classes;
    }

    /// <summary>Checks row <paramref name="row"/>'s class id and sample weight.</summary>
    public static void CheckRow(ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int classes, int row)
    {
        double y = labels[row];
        if (!(y >= 0.0 && y < classes && y == Math.Floor(y)))
        {
            throw new ArgumentException($"Row {row} has label {y}; expected a class id in 0 .. {classes - 1}.", nameof(labels));
        }

        RowChecks.SampleWeight(sampleWeights, row);
    }
}
