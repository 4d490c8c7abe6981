using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Mini-batch SGD steps over CSR rows, taken as the dense local SGD takes them — each step the batch's mean loss
/// gradient at the current model, then <c>w ← (1 − η·L2)·w − η·ḡ</c> and <c>b ← b − η·ḡ_b</c> (the intercept
/// unpenalized) — with work proportional to the batch's stored entries, not to the width: the L2 shrink of every
/// weight is carried as one scale factor (<c>w = a·v</c>, Bottou's trick, as in scikit-learn's SGD) and folded back
/// into the weights when it gets small. A batch of one row is per-example SGD.
/// </summary>
public static class SparseSgd
{
    /// <summary>
    /// Takes <c>order.Length / batchRows</c> steps (rounded up; the last batch may be short) over the rows listed in
    /// <paramref name="order"/>, changing <paramref name="weights"/> and <paramref name="intercept"/> in place.
    /// </summary>
    /// <param name="loss">The loss (a <see cref="LossKind"/> converts implicitly).</param>
    /// <param name="rows">The features, rows × cols with cols = weights.Length.</param>
    /// <param name="labels">One label per row.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="order">The rows of the steps, batch after batch; a row may appear more than once.</param>
    /// <param name="batchRows">Rows per step, at least 1.</param>
    /// <param name="learningRate">η, positive.</param>
    /// <param name="l2">The L2 coefficient, ≥ 0 with η·L2 &lt; 1.</param>
    /// <param name="fitIntercept">Whether the intercept is trained (else it keeps its value).</param>
    /// <param name="weights">The model's weights, updated in place.</param>
    /// <param name="intercept">The model's intercept, updated in place.</param>
    /// <returns>The weighted loss sum and weight sum of the rows, each at the model before its step, and the row count.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit, a setting is out of range, or a label or sample weight is invalid.</exception>
    public static GradientSums Run(
        LossSpec loss,
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        int batchRows,
        double learningRate,
        double l2,
        bool fitIntercept,
        Span<double> weights,
        ref double intercept)
    {
        ArgumentNullException.ThrowIfNull(rows);
        loss.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        var scaled = new ShrinkingWeights(learningRate, l2);
        if (rows.Cols != weights.Length || labels.Length != rows.Rows)
        {
            throw new ArgumentException($"The matrix is {rows.Rows} × {rows.Cols}; got {weights.Length} weights and {labels.Length} labels.", nameof(weights));
        }

        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        foreach (var row in order)
        {
            if ((uint)row >= (uint)rows.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(order), $"Row {row} is outside [0, {rows.Rows}).");
            }

            if (RowChecks.Needed(loss, sampleWeights))
            {
                RowChecks.Row(loss, labels, sampleWeights, row);
            }
        }

        var walk = new Walk(rows, scaled, learningRate, fitIntercept);
        var totals = default(GradientSums);
        if (batchRows == 1)
        {
            totals = Vector256RowKernel.IsSupported
                ? walk.PerExample<Vector256RowKernel>(loss, labels, sampleWeights, order, weights, ref intercept)
                : walk.PerExample<ScalarRowKernel>(loss, labels, sampleWeights, order, weights, ref intercept);
        }

        for (int start = 0; batchRows > 1 && start < order.Length; start += batchRows)
        {
            var batch = order.Slice(start, Math.Min(batchRows, order.Length - start));
            totals.Add(Vector256RowKernel.IsSupported
                ? walk.Step<Vector256RowKernel>(loss, labels, sampleWeights, batch, weights, ref intercept)
                : walk.Step<ScalarRowKernel>(loss, labels, sampleWeights, batch, weights, ref intercept));
        }

        scaled.Fold(weights);
        return totals;
    }

    /// <summary>The walk's state between steps: the scaled weights and the batch gradient's scratch over touched columns.</summary>
    private sealed class Walk(CsrMatrix rows, ShrinkingWeights scaled, double rate, bool fitIntercept)
    {
        // The batch gradient's scratch over the width: only batches of more than one row need it.
        private readonly Lazy<double[]> _scratch = new(() => new double[rows.Cols]);
        private readonly TouchedColumns _touched = new(rows.Cols);

        /// <summary>One step over <paramref name="batch"/>: the batch's gradient at the current model, then the update.</summary>
        public GradientSums Step<TKernel>(
            LossSpec loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> batch, Span<double> v, ref double intercept)
            where TKernel : IRowKernel
        {
            _touched.Begin();
            double lossSum = 0, interceptSum = 0, weightSum = 0;
            var b = Vector256.Create(intercept);
            for (int i = 0; i < batch.Length; i += 4)
            {
                int lanes = Math.Min(4, batch.Length - i);
                var z = Vector256<double>.Zero;
                var y = Vector256<double>.Zero;
                var s = Vector256<double>.Zero;
                for (int l = 0; l < lanes; l++)
                {
                    int row = batch[i + l];
                    z = z.WithElement(l, scaled.Scale * SparseChunk.Dot(rows.RowIndices(row), rows.RowValues(row), v));
                    y = y.WithElement(l, labels[row]);
                    s = s.WithElement(l, sampleWeights.IsEmpty ? 1.0 : sampleWeights[row]);
                }

                var values = TKernel.Evaluate4(loss, z + b, y, out var r) * s;
                r *= s;
                lossSum = ChunkGradient.AddLanes(lossSum, values, lanes);
                interceptSum = ChunkGradient.AddLanes(interceptSum, r, lanes);
                weightSum = ChunkGradient.AddLanes(weightSum, s, lanes);
                for (int l = 0; l < lanes; l++)
                {
                    Scatter(rows.RowIndices(batch[i + l]), rows.RowValues(batch[i + l]), r[l]);
                }
            }

            if (weightSum > 0)
            {
                Apply(v, ref intercept, interceptSum / weightSum, rate / weightSum);
            }

            return new GradientSums { Loss = lossSum, InterceptGradient = interceptSum, WeightSum = weightSum, Rows = batch.Length };
        }

        /// <summary>
        /// Steps of one row each: the row's gradient goes straight into its weights (a row's columns are distinct), with
        /// no scratch; the same arithmetic as <see cref="Step{TKernel}"/> on a batch of one.
        /// </summary>
        public GradientSums PerExample<TKernel>(
            LossSpec loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> order, Span<double> v, ref double intercept)
            where TKernel : IRowKernel
        {
            var totals = default(GradientSums);
            foreach (int row in order)
            {
                var columns = rows.RowIndices(row);
                var entries = rows.RowValues(row);
                double s = sampleWeights.IsEmpty ? 1.0 : sampleWeights[row];
                var z = Vector256.Create((scaled.Scale * SparseChunk.Dot(columns, entries, v)) + intercept);
                var value = TKernel.Evaluate4(loss, z, Vector256.Create(labels[row]), out var derivative);
                double r = derivative[0] * s;
                totals.Add(new GradientSums { Loss = value[0] * s, InterceptGradient = r, WeightSum = s, Rows = 1 });
                if (s > 0)
                {
                    scaled.Shrink(v);
                    double step = rate * (r / s) / scaled.Scale;
                    for (int k = 0; k < columns.Length; k++)
                    {
                        v[columns[k]] -= step * entries[k];
                    }

                    if (fitIntercept)
                    {
                        intercept -= rate * (r / s);
                    }
                }
            }

            return totals;
        }

        private void Scatter(ReadOnlySpan<int> columns, ReadOnlySpan<float> entries, double r)
        {
            var scratch = _scratch.Value;
            for (int k = 0; k < columns.Length; k++)
            {
                int column = columns[k];
                _touched.Touch(column);
                scratch[column] = FusedMath.MulAdd(r, entries[k], scratch[column]);
            }
        }

        /// <summary>w ← shrink·w − (rate/W)·Σ r x over the touched columns, with w = scale·v; the intercept unshrunk.</summary>
        private void Apply(Span<double> v, ref double intercept, double interceptGradient, double rateOverWeight)
        {
            scaled.Shrink(v);
            double step = rateOverWeight / scaled.Scale;
            var scratch = _scratch.Value;
            foreach (int column in _touched.Columns)
            {
                v[column] -= step * scratch[column];
                scratch[column] = 0.0;
            }

            if (fitIntercept)
            {
                intercept -= rate * interceptGradient;
            }
        }
    }
}
