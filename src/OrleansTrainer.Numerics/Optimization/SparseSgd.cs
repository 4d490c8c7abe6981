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
        return loss.Accept<RunVisit, GradientSums>(
            new RunVisit(rows, labels, sampleWeights, order, batchRows, learningRate, l2, fitIntercept, weights, ref intercept));
    }

    /// <summary>The checks and the walk, specialized per loss.</summary>
    private readonly ref struct RunVisit : ILossVisitor<GradientSums>
    {
        private readonly CsrMatrix _rows;
        private readonly ReadOnlySpan<double> _labels;
        private readonly ReadOnlySpan<double> _sampleWeights;
        private readonly ReadOnlySpan<int> _order;
        private readonly int _batchRows;
        private readonly double _learningRate;
        private readonly double _l2;
        private readonly bool _fitIntercept;
        private readonly Span<double> _weights;
        private readonly ref double _intercept;

        public RunVisit(
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
            _rows = rows;
            _labels = labels;
            _sampleWeights = sampleWeights;
            _order = order;
            _batchRows = batchRows;
            _learningRate = learningRate;
            _l2 = l2;
            _fitIntercept = fitIntercept;
            _weights = weights;
            _intercept = ref intercept;
        }

        public GradientSums Visit<TLoss>(TLoss loss)
            where TLoss : struct, ILoss
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(_batchRows, 1, "batchRows");
            var scaled = new ShrinkingWeights(_learningRate, _l2);
            if (_rows.Cols != _weights.Length || _labels.Length != _rows.Rows)
            {
                throw new ArgumentException($"The matrix is {_rows.Rows} × {_rows.Cols}; got {_weights.Length} weights and {_labels.Length} labels.", "weights");
            }

            RowChecks.SampleWeightCount(_sampleWeights, _labels.Length);
            foreach (var row in _order)
            {
                if ((uint)row >= (uint)_rows.Rows)
                {
                    throw new ArgumentOutOfRangeException("order", $"Row {row} is outside [0, {_rows.Rows}).");
                }

                if (RowChecks.Needed(loss, _sampleWeights))
                {
                    RowChecks.Row(loss, _labels, _sampleWeights, row);
                }
            }

            var walk = new Walk(_rows, scaled, _learningRate, _fitIntercept);
            var totals = default(GradientSums);
            if (_batchRows == 1)
            {
                totals = Vector256RowKernel.IsSupported
                    ? walk.PerExample<Vector256RowKernel, TLoss>(loss, _labels, _sampleWeights, _order, _weights, ref _intercept)
                    : walk.PerExample<ScalarRowKernel, TLoss>(loss, _labels, _sampleWeights, _order, _weights, ref _intercept);
            }

            for (int start = 0; _batchRows > 1 && start < _order.Length; start += _batchRows)
            {
                var batch = _order.Slice(start, Math.Min(_batchRows, _order.Length - start));
                totals.Add(Vector256RowKernel.IsSupported
                    ? walk.Step<Vector256RowKernel, TLoss>(loss, _labels, _sampleWeights, batch, _weights, ref _intercept)
                    : walk.Step<ScalarRowKernel, TLoss>(loss, _labels, _sampleWeights, batch, _weights, ref _intercept));
            }

            scaled.Fold(_weights);
            return totals;
        }
    }

    /// <summary>The walk's state between steps: the scaled weights and the batch gradient's scratch over touched columns.</summary>
    private sealed class Walk(CsrMatrix rows, ShrinkingWeights scaled, double rate, bool fitIntercept)
    {
        // The batch gradient's scratch over the width: only batches of more than one row need it.
        private readonly Lazy<double[]> _scratch = new(() => new double[rows.Cols]);
        private readonly TouchedColumns _touched = new(rows.Cols);

        /// <summary>One step over <paramref name="batch"/>: the batch's gradient at the current model, then the update.</summary>
        public GradientSums Step<TKernel, TLoss>(
            TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> batch, Span<double> v, ref double intercept)
            where TKernel : IRowKernel
            where TLoss : struct, ILoss
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
        /// no scratch; the same arithmetic as <see cref="Step{TKernel, TLoss}"/> on a batch of one.
        /// </summary>
        public GradientSums PerExample<TKernel, TLoss>(
            TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> order, Span<double> v, ref double intercept)
            where TKernel : IRowKernel
            where TLoss : struct, ILoss
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
