namespace OrleansTrainer.Numerics;

/// <summary>The entry point of <see cref="SoftmaxKernel"/> over CSR sparse rows.</summary>
public static partial class SoftmaxKernel
{
    /// <summary>
    /// Adds the softmax gradient over every row of a CSR matrix into <paramref name="gradient"/> and
    /// <paramref name="interceptGradient"/>: the dense <c>Accumulate</c>'s semantics and checks, with work
    /// proportional to the stored entries × K. Rows are summed one at a time, in order, straight into the
    /// caller's buffers: deterministic, but not bit-identical to the dense pass on the same rows.
    /// </summary>
    /// <param name="rows">The features, rows × cols with cols = weights.Length / classes.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="weights">K × cols, row k the weights of class k.</param>
    /// <param name="intercepts">K intercepts.</param>
    /// <param name="gradient">K × cols; the gradient is ADDED to it (only the columns the rows touch change).</param>
    /// <param name="interceptGradient">K; the intercept gradients are ADDED to it.</param>
    /// <returns>The weighted loss sum, row count and weight sum (InterceptGradient 0).</returns>
    /// <exception cref="ArgumentException">The lengths do not fit together, or a label or sample weight is invalid (the message names the row).</exception>
    public static GradientSums AccumulateSparse(
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        int classes,
        ReadOnlySpan<double> weights,
        ReadOnlySpan<double> intercepts,
        Span<double> gradient,
        Span<double> interceptGradient) =>
        SoftmaxPasses.Sparse(rows, labels, sampleWeights, classes, weights, intercepts, gradient, interceptGradient);
}
