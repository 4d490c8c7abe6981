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
    /// <summary>Below this the scale factor is folded into the weights, long before float64 would lose them.</summary>
    private const double SmallestScale = 1e-9;

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
        if (!(learningRate > 0 && double.IsFinite(learningRate)) || !(l2 >= 0 && learningRate * l2 < 1))
        {
            throw new ArgumentException($"Needs a finite learning rate > 0 and 0 <= rate × L2 < 1; got rate {learningRate}, L2 {l2}.", nameof(learningRate));
        }

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

        var walk = new Walk(rows, weights.Length, learningRate, 1.0 - (learningRate * l2), fitIntercept);
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

        walk.Fold(weights);
        return totals;
    }

    /// <summary>The walk's state between steps: the scale factor and the batch gradient's scratch over touched columns.</summary>
    private sealed class Walk(CsrMatrix rows, int cols, double rate, double shrink, bool fitIntercept)
    {
        // The batch gradient's scratch over the width: only batches of more than one row need it.
        private readonly Lazy<double[]> _scratch = new(() => new double[cols]);
        private readonly Lazy<int[]> _marks = new(() => new int[cols]);
        private readonly List<int> _touched = [];
        private double _scale = 1.0;
        private int _stamp;

        /// <summary>One step over <paramref name="batch"/>: the batch's gradient at the current model, then the update.</summary>
        public GradientSums Step<TKernel>(
            LossSpec loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> batch, Span<double> v, ref double intercept)
            where TKernel : IRowKernel
        {
            _stamp++;
            _touched.Clear();
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
                    z = z.WithElement(l, _scale * SparseChunk.Dot(rows.RowIndices(row), rows.RowValues(row), v));
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
        /// no scratch; the same arithmetic as <see cref="Step{TKernel}"/> on a batch of one. The sums are kept per run of
        /// four rows and added in order, as a batch's are.
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
                var z = Vector256.Create((_scale * SparseChunk.Dot(columns, entries, v)) + intercept);
                var value = TKernel.Evaluate4(loss, z, Vector256.Create(labels[row]), out var derivative);
                double r = derivative[0] * s;
                totals.Add(new GradientSums { Loss = value[0] * s, InterceptGradient = r, WeightSum = s, Rows = 1 });
                if (s > 0)
                {
                    _scale *= shrink;
                    if (_scale < SmallestScale)
                    {
                        Fold(v);
                    }

                    double step = rate * (r / s) / _scale;
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

        /// <summary>Writes the scale factor into the weights.</summary>
        public void Fold(Span<double> v)
        {
            if (_scale != 1.0)
            {
                for (int j = 0; j < v.Length; j++)
                {
                    v[j] *= _scale;
                }

                _scale = 1.0;
            }
        }

        private void Scatter(ReadOnlySpan<int> columns, ReadOnlySpan<float> entries, double r)
        {
            var marks = _marks.Value;
            var scratch = _scratch.Value;
            for (int k = 0; k < columns.Length; k++)
            {
                int column = columns[k];
                if (marks[column] != _stamp)
                {
                    marks[column] = _stamp;
                    _touched.Add(column);
                }

                scratch[column] = FusedMath.MulAdd(r, entries[k], scratch[column]);
            }
        }

        /// <summary>w ← shrink·w − (rate/W)·Σ r x over the touched columns, with w = scale·v; the intercept unshrunk.</summary>
        private void Apply(Span<double> v, ref double intercept, double interceptGradient, double rateOverWeight)
        {
            _scale *= shrink;
            if (_scale < SmallestScale)
            {
                Fold(v);
            }

            double step = rateOverWeight / _scale;
            var scratch = _scratch.Value;
            foreach (int column in _touched)
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
