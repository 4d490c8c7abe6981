namespace OrleansTrainer.Numerics;

/// <summary>The entry points of <see cref="GradientKernel"/> over float64 features: same semantics, same chunking.</summary>
public static partial class GradientKernel
{
    /// <summary>As the float32 <c>Accumulate</c>, over float64 features.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it.</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum (= rows).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    public static GradientSums Accumulate(
        LossSpec loss,
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        Accumulate(loss, features, labels, default, weights, intercept, gradient);

    /// <summary>As the weighted float32 <c>Accumulate</c>, over float64 features.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i s_i r_i x_i is ADDED to it.</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    public static GradientSums Accumulate(
        LossSpec loss,
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        DensePasses.Contiguous(loss, features, labels, sampleWeights, weights, intercept, gradient);

    /// <summary>As the float32 <c>AccumulateRows</c>, over float64 features.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; the batch gradient is ADDED to it.</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    public static GradientSums AccumulateRows(
        LossSpec loss,
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        AccumulateRows(loss, features, labels, default, rowIndices, weights, intercept, gradient);

    /// <summary>As the weighted float32 <c>AccumulateRows</c>, over float64 features.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row of the block (indexed like labels), or empty for all 1.</param>
    /// <param name="rowIndices">The rows of the batch, each in [0, rows).</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; the batch gradient is ADDED to it.</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum of the batch.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, rows).</exception>
    public static GradientSums AccumulateRows(
        LossSpec loss,
        ReadOnlySpan<double> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) =>
        DensePasses.Indexed(loss, features, labels, sampleWeights, rowIndices, weights, intercept, gradient);

    /// <summary>As the float32 <c>AccumulateParallel</c>, over float64 features; bit-identical to the serial pass.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i r_i x_i is ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The loss sum, intercept gradient, row count and weight sum (= rows).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label is invalid for the loss.</exception>
    public static GradientSums AccumulateParallel(
        LossSpec loss,
        double[] features,
        double[] labels,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads) =>
        AccumulateParallel(loss, features, labels, [], weights, intercept, gradient, maxThreads);

    /// <summary>As the weighted float32 <c>AccumulateParallel</c>, over float64 features; bit-identical to the serial pass.</summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="features">rows × cols float64 features, row-major; rows = labels.Length, cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty (or null) for all 1.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i s_i r_i x_i is ADDED to it.</param>
    /// <param name="maxThreads">At least 1.</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid.</exception>
    public static GradientSums AccumulateParallel(
        LossSpec loss,
        double[] features,
        double[] labels,
        double[]? sampleWeights,
        double[] weights,
        double intercept,
        double[] gradient,
        int maxThreads) =>
        DensePasses.Parallel(loss, features, labels, sampleWeights ?? [], weights, intercept, gradient, maxThreads);
}
