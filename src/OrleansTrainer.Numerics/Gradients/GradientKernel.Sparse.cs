namespace OrleansTrainer.Numerics;

/// <summary>The entry point of <see cref="GradientKernel"/> over CSR sparse rows.</summary>
public static partial class GradientKernel
{
    /// <summary>
    /// Adds the gradient of sum_i s_i loss(x_i·w + b, y_i) over every row of a CSR matrix into
    /// <paramref name="gradient"/>: the dense pass's semantics (loss and intercept sums per chunk of
    /// <see cref="ChunkRows"/> rows, added in chunk order), each row's r·x added straight into the gradient in row
    /// order, so the work and memory traffic are proportional to the stored entries, not to the width.
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="rows">The features, rows × cols with cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="weights">The model weights w.</param>
    /// <param name="intercept">The model intercept b.</param>
    /// <param name="gradient">cols entries; sum_i s_i r_i x_i is ADDED to it (only the columns the rows touch change).</param>
    /// <returns>The weighted loss sum, weighted intercept gradient, row count and weight sum.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit together, or a label or sample weight is invalid.</exception>
    public static GradientSums Accumulate(
        LossSpec loss,
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(rows);
        loss.Validate();
        if (rows.Cols != weights.Length)
        {
            throw new ArgumentException($"The matrix has {rows.Cols} columns but the model {weights.Length} weights.", nameof(weights));
        }

        if (labels.Length != rows.Rows)
        {
            throw new ArgumentException($"Expected {rows.Rows} labels, got {labels.Length}.", nameof(labels));
        }

        if (gradient.Length != weights.Length)
        {
            throw new ArgumentException($"Expected a gradient of {weights.Length} entries, got {gradient.Length}.", nameof(gradient));
        }

        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        if (RowChecks.Needed(loss, sampleWeights))
        {
            for (int row = 0; row < labels.Length; row++)
            {
                RowChecks.Row(loss, labels, sampleWeights, row);
            }
        }

        return Vector256RowKernel.IsSupported
            ? SparsePass.Serial<Vector256RowKernel>(loss, rows, labels, sampleWeights, weights, intercept, gradient)
            : SparsePass.Serial<ScalarRowKernel>(loss, rows, labels, sampleWeights, weights, intercept, gradient);
    }
}
