using System.Runtime.CompilerServices;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Multinomial (softmax) logistic regression with K classes: per row the scores z_k = x·W_k + b_k,
/// the loss log(sum_k e^{z_k}) − z_y (computed stably around max_k z_k), and r_k = softmax_k − [k = y],
/// giving gradient_k += s r_k x and interceptGradient_k += s r_k for sample weight s. Labels are class
/// ids 0 .. K−1 stored as doubles. Weights and gradients are K × cols row-major (row k = class k).
/// Same determinism rules as <see cref="GradientKernel"/>: fixed chunks of <see cref="GradientKernel.ChunkRows"/>
/// rows, each into its own scratch, added in chunk order, so every entry point gives the same bits for
/// any thread count. <see cref="GradientSums.InterceptGradient"/> of the result is 0 (the per-class
/// intercept gradients go to the caller's buffer). Float64-feature overloads have the same semantics.
/// </summary>
public static partial class SoftmaxKernel
{
    /// <summary>Adds the softmax gradient over every row into <paramref name="gradient"/> and <paramref name="interceptGradient"/>.</summary>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="weights">K × cols, row k the weights of class k.</param>
    /// <param name="intercepts">K intercepts.</param>
    /// <param name="gradient">K × cols; the gradient is ADDED to it.</param>
    /// <param name="interceptGradient">K; the intercept gradients are ADDED to it.</param>
    /// <returns>The weighted loss sum, row count and weight sum (InterceptGradient 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid (the message names the row).</exception>
    [OverloadResolutionPriority(1)] // an empty collection expression [] for the features means float32
    public static GradientSums Accumulate(
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient) =>
        SoftmaxPasses.Contiguous(features, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient);

    /// <summary>
    /// As <see cref="Accumulate(ReadOnlySpan{float}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    /// over the rows listed in <paramref name="rowIndices"/> only, in list order, chunked by entries of the list.
    /// </summary>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
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
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateRows(
        ReadOnlySpan<float> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> rowIndices,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient) =>
        SoftmaxPasses.Indexed(features, labels, sampleWeights, rowIndices, classes, weights, intercepts, gradient, interceptGradient);

    /// <summary>
    /// As <see cref="Accumulate(ReadOnlySpan{float}, ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    /// with chunks on up to <paramref name="maxThreads"/> threads; bit-identical to it for every thread count.
    /// </summary>
    /// <param name="features">rows × cols float32 features, row-major; rows = labels.Length, cols = weights.Length / classes.</param>
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
    [OverloadResolutionPriority(1)]
    public static GradientSums AccumulateParallel(
        float[] features,
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
