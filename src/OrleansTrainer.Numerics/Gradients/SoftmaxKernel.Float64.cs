namespace OrleansTrainer.Numerics;

/// <summary>The entry points of <see cref="SoftmaxKernel"/> over float64 features: same semantics, same chunking.</summary>
public static partial class SoftmaxKernel
{
    /// <summary>As the float32 <c>Accumulate</c>, over float64 features.</summary>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="weights">K × cols, row k the weights of class k.</param>
    /// <param name="intercepts">K intercepts.</param>
    /// <param name="gradient">K × cols; the gradient is ADDED to it.</param>
    /// <param name="interceptGradient">K; the intercept gradients are ADDED to it.</param>
    /// <returns>The weighted loss sum, row count and weight sum (InterceptGradient 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    public static GradientSums Accumulate(
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient) =>
        SoftmaxPasses.Contiguous(features, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient);

    /// <summary>As the float32 <c>AccumulateRows</c>, over float64 features.</summary>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row of the block (indexed like labels), or empty for all 1.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="weights">K × cols, row k the weights of class k.</param>
    /// <param name="intercepts">K intercepts.</param>
    /// <param name="gradient">K × cols; the batch gradient is ADDED to it.</param>
    /// <param name="interceptGradient">K; the batch intercept gradients are ADDED to it.</param>
    /// <returns>The weighted loss sum, row count and weight sum of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    public static GradientSums AccumulateRows(
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient) =>
        SoftmaxPasses.Indexed(features, labels, sampleWeights, rowIndices, classes, weights, intercepts, gradient, interceptGradient);

    /// <summary>As the float32 <c>AccumulateParallel</c>, over float64 features; bit-identical to the serial pass.</summary>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty (or null) for all 1.</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="weights">K × cols, row k the weights of class k.</param>
    /// <param name="intercepts">K intercepts.</param>
    /// <param name="gradient">K × cols; the gradient is ADDED to it.</param>
    /// <param name="interceptGradient">K; the intercept gradients are ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The weighted loss sum, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    public static GradientSums AccumulateParallel(
        double[] features,
        double[] labels,
        double[]? sampleWeights,
        int classes,
        double[] weights,
        double[] intercepts,
        double[] gradient,
        double[] interceptGradient,
        int maxThreads) =>
        SoftmaxPasses.Parallel(features, labels, sampleWeights ?? [], classes, weights, intercepts, gradient, interceptGradient, maxThreads);
}
