namespace OrleansTrainer.Numerics;

/// <summary>
/// The dense entry points of <see cref="GradientKernel"/> after the public overloads: the loss chosen at run time
/// becomes its struct (<see cref="LossSpec.Accept{TVisitor, TResult}"/>), then checks, then the row kernel this CPU runs,
/// all specialized per loss.
/// </summary>
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
        where T : unmanaged =>
        loss.Accept<ContiguousVisit<T>, GradientSums>(new(features, labels, sampleWeights, weights, intercept, gradient));

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
        return loss.Accept<IndexedVisit<T>, GradientSums>(new(features, labels, sampleWeights, rowIndices, weights, intercept, gradient));
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

        return loss.Accept<ParallelVisit<T>, GradientSums>(new(features, labels, sampleWeights, weights, intercept, gradient, maxThreads));
    }

    private static int CheckContiguous<TLoss>(
        TLoss loss, int featureCount, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int cols, int gradientLength)
        where TLoss : struct, ILoss
    {
        int checkedCols = GradientKernel.CheckShapes(featureCount, labels.Length, cols, gradientLength);
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

    private readonly ref struct ContiguousVisit<T>(
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) : ILossVisitor<GradientSums>
        where T : unmanaged
    {
        private readonly ReadOnlySpan<T> _features = features;
        private readonly ReadOnlySpan<double> _labels = labels;
        private readonly ReadOnlySpan<double> _sampleWeights = sampleWeights;
        private readonly ReadOnlySpan<double> _weights = weights;
        private readonly Span<double> _gradient = gradient;

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            int cols = CheckContiguous(loss, _features.Length, _labels, _sampleWeights, _weights.Length, _gradient.Length);
            var rows = new ContiguousRows<T>(_features, _labels, _sampleWeights, cols);
            return Vector256RowKernel.IsSupported
                ? ChunkedPass.Serial<ContiguousRows<T>, Vector256RowKernel, T, TLoss>(loss, rows, _weights, intercept, _gradient)
                : ChunkedPass.Serial<ContiguousRows<T>, ScalarRowKernel, T, TLoss>(loss, rows, _weights, intercept, _gradient);
        }
    }

    private readonly ref struct IndexedVisit<T>(
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) : ILossVisitor<GradientSums>
        where T : unmanaged
    {
        private readonly ReadOnlySpan<T> _features = features;
        private readonly ReadOnlySpan<double> _labels = labels;
        private readonly ReadOnlySpan<double> _sampleWeights = sampleWeights;
        private readonly ReadOnlySpan<int> _rowIndices = rowIndices;
        private readonly ReadOnlySpan<double> _weights = weights;
        private readonly Span<double> _gradient = gradient;

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            int cols = GradientKernel.CheckShapes(_features.Length, _labels.Length, _weights.Length, _gradient.Length);
            RowChecks.SampleWeightCount(_sampleWeights, _labels.Length);
            bool checkRows = RowChecks.Needed(loss, _sampleWeights);
            foreach (int row in _rowIndices)
            {
                if ((uint)row >= (uint)_labels.Length)
                {
                    throw new ArgumentOutOfRangeException(
                        "rowIndices", row, $"Row index must be in [0, {_labels.Length}).");
                }

                if (checkRows)
                {
                    RowChecks.Row(loss, _labels, _sampleWeights, row);
                }
            }

            var rows = new IndexedRows<T>(_features, _labels, _sampleWeights, _rowIndices, cols);
            return Vector256RowKernel.IsSupported
                ? ChunkedPass.Serial<IndexedRows<T>, Vector256RowKernel, T, TLoss>(loss, rows, _weights, intercept, _gradient)
                : ChunkedPass.Serial<IndexedRows<T>, ScalarRowKernel, T, TLoss>(loss, rows, _weights, intercept, _gradient);
        }
    }

    private readonly struct ParallelVisit<T>(
        T[] features, double[] labels, double[] sampleWeights, double[] weights, double intercept, double[] gradient, int maxThreads)
        : ILossVisitor<GradientSums>
        where T : unmanaged
    {
        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            CheckContiguous(loss, features.Length, labels, sampleWeights, weights.Length, gradient.Length);
            return Vector256RowKernel.IsSupported
                ? ChunkedPass.Parallel<Vector256RowKernel, T, TLoss>(loss, features, labels, sampleWeights, weights, intercept, gradient, maxThreads)
                : ChunkedPass.Parallel<ScalarRowKernel, T, TLoss>(loss, features, labels, sampleWeights, weights, intercept, gradient, maxThreads);
        }
    }
}
