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
        return loss.Accept<SparseVisit, GradientSums>(new(rows, labels, sampleWeights, weights, intercept, gradient));
    }

    private readonly ref struct SparseVisit(
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> weights,
        double intercept,
        Span<double> gradient) : ILossVisitor<GradientSums>
    {
        private readonly ReadOnlySpan<double> _labels = labels;
        private readonly ReadOnlySpan<double> _sampleWeights = sampleWeights;
        private readonly ReadOnlySpan<double> _weights = weights;
        private readonly Span<double> _gradient = gradient;

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            if (rows.Cols != _weights.Length)
            {
                throw new ArgumentException($"The matrix has {rows.Cols} columns but the model {_weights.Length} weights.", "weights");
            }

            if (_labels.Length != rows.Rows)
            {
                throw new ArgumentException($"Expected {rows.Rows} labels, got {_labels.Length}.", "labels");
            }

            if (_gradient.Length != _weights.Length)
            {
                throw new ArgumentException($"Expected a gradient of {_weights.Length} entries, got {_gradient.Length}.", "gradient");
            }

            RowChecks.SampleWeightCount(_sampleWeights, _labels.Length);
            if (RowChecks.Needed(loss, _sampleWeights))
            {
                for (int row = 0; row < _labels.Length; row++)
                {
                    RowChecks.Row(loss, _labels, _sampleWeights, row);
                }
            }

            return Vector256RowKernel.IsSupported
                ? SparsePass.Serial<Vector256RowKernel, TLoss>(loss, rows, _labels, _sampleWeights, _weights, intercept, _gradient)
                : SparsePass.Serial<ScalarRowKernel, TLoss>(loss, rows, _labels, _sampleWeights, _weights, intercept, _gradient);
        }
    }
}
