namespace OrleansTrainer.Numerics;

/// <summary>The dense entry points of <see cref="GradientKernel"/> after the public overloads: checks, then the row kernel this CPU runs.</summary>
internal static class DensePasses
{
    /// <summary>Every row of a row-major block.</summary>
    public static GradientSums Contiguous<T>(
        LossSpec loss,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
        where T : unmanaged
    {
        int cols = CheckContiguous(loss, features.Length, labels, sampleWeights, weights.Length, gradient.Length);
        var rows = new ContiguousRows<T>(features, labels, sampleWeights, cols);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Serial<ContiguousRows<T>, Vector256RowKernel, T>(loss, rows, weights, intercept, gradient)
            : ChunkedPass.Serial<ContiguousRows<T>, ScalarRowKernel, T>(loss, rows, weights, intercept, gradient);
    }

    /// <summary>The listed rows of a row-major block, in list order.</summary>
    public static GradientSums Indexed<T>(
        LossSpec loss,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
        where T : unmanaged
    {
        FeatureElements.CheckSupported<T>();
        int cols = GradientKernel.CheckShapes(loss, features.Length, labels.Length, weights.Length, gradient.Length);
        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        bool checkRows = RowChecks.Needed(loss, sampleWeights);
        foreach (int row in rowIndices)
        {
            if ((uint)row >= (uint)labels.Length)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(rowIndices), row, $"Row index must be in [0, {labels.Length}).");
            }

            if (checkRows)
            {
                RowChecks.Row(loss, labels, sampleWeights, row);
            }
        }

        var rows = new IndexedRows<T>(features, labels, sampleWeights, rowIndices, cols);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Serial<IndexedRows<T>, Vector256RowKernel, T>(loss, rows, weights, intercept, gradient)
            : ChunkedPass.Serial<IndexedRows<T>, ScalarRowKernel, T>(loss, rows, weights, intercept, gradient);
    }

    /// <summary>Every row of a row-major block, chunks on up to <paramref name="maxThreads"/> threads.</summary>
    public static GradientSums Parallel<T>(
        LossSpec loss,
        T[] features,
        double[] labels,
        double[] sampleWeights,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxThreads, 1);
        if (maxThreads == 1 || labels.Length <= GradientKernel.ChunkRows)
        {
            return Contiguous<T>(loss, features, labels, sampleWeights, weights, intercept, gradient);
        }

        CheckContiguous(loss, features.Length, labels, sampleWeights, weights.Length, gradient.Length);
        return Vector256RowKernel.IsSupported
            ? ChunkedPass.Parallel<Vector256RowKernel, T>(loss, features, labels, sampleWeights, weights, intercept, gradient, maxThreads)
            : ChunkedPass.Parallel<ScalarRowKernel, T>(loss, features, labels, sampleWeights, weights, intercept, gradient, maxThreads);
    }

    private static int CheckContiguous(
        LossSpec loss, int featureCount, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int cols, int gradientLength)
    {
        int checkedCols = GradientKernel.CheckShapes(loss, featureCount, labels.Length, cols, gradientLength);
        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        if (RowChecks.Needed(loss, sampleWeights))
        {
            for (int row = 0; row < labels.Length; row++)
            {
                RowChecks.Row(loss, labels, sampleWeights, row);
            }
        }

        return checkedCols;
    }
}
