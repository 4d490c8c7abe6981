namespace OrleansTrainer.Numerics;

/// <summary>
/// <see cref="SparseSgd"/> for multinomial (softmax) regression: mini-batch SGD steps over CSR rows with K weight
/// vectors (K × cols, class-major) and K intercepts — each step the batch's mean softmax gradient at the current model,
/// then <c>W ← (1 − η·L2)·W − η·Ḡ</c> and <c>b ← b − η·ḡ_b</c> — with the L2 shrink of every weight carried as one
/// scale factor, so a step costs K × the batch's stored entries.
/// </summary>
public static class SparseSoftmaxSgd
{
    /// <summary>Takes <c>order.Length / batchRows</c> steps (rounded up) over the rows listed in <paramref name="order"/>.</summary>
    /// <param name="rows">The features, rows × cols.</param>
    /// <param name="labels">One class id in 0 .. classes − 1 per row, as a double.</param>
    /// <param name="sampleWeights">One weight s_i ≥ 0 per row, or empty for all 1.</param>
    /// <param name="order">The rows of the steps, batch after batch.</param>
    /// <param name="batchRows">Rows per step, at least 1.</param>
    /// <param name="classes">K, at least 1.</param>
    /// <param name="learningRate">η, positive.</param>
    /// <param name="l2">The L2 coefficient, ≥ 0 with η·L2 &lt; 1.</param>
    /// <param name="fitIntercept">Whether the intercepts are trained (else they keep their values).</param>
    /// <param name="weights">K × cols weights, row k the weights of class k; updated in place.</param>
    /// <param name="intercepts">K intercepts; updated in place.</param>
    /// <returns>The weighted loss sum and weight sum of the rows, each at the model before its step, and the row count.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit, a setting is out of range, or a label or sample weight is invalid.</exception>
    public static GradientSums Run(
        CsrMatrix rows,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<int> order,
        int batchRows,
        int classes,
        double learningRate,
        double l2,
        bool fitIntercept,
        Span<double> weights,
        Span<double> intercepts)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var scaled = new ShrinkingWeights(learningRate, l2);

        if (weights.Length != (long)classes * rows.Cols || intercepts.Length != classes || labels.Length != rows.Rows)
        {
            throw new ArgumentException(
                $"The matrix is {rows.Rows} × {rows.Cols} with {classes} classes; got {weights.Length} weights, {intercepts.Length} intercepts and {labels.Length} labels.",
                nameof(weights));
        }

        RowChecks.SampleWeightCount(sampleWeights, labels.Length);
        foreach (var row in order)
        {
            if ((uint)row >= (uint)rows.Rows)
            {
                throw new ArgumentOutOfRangeException(nameof(order), $"Row {row} is outside [0, {rows.Rows}).");
            }

            SoftmaxPasses.CheckRow(labels, sampleWeights, classes, row);
        }

        var walk = new Walk(rows, classes, scaled, learningRate, fitIntercept);
        var totals = default(GradientSums);
        for (int start = 0; start < order.Length; start += batchRows)
        {
            totals.Add(walk.Step(labels, sampleWeights, order.Slice(start, Math.Min(batchRows, order.Length - start)), weights, intercepts));
        }

        scaled.Fold(weights);
        return totals;
    }

    /// <summary>The scaled weights and the batch's gradient scratch (K × cols, only for batches of more than one row).</summary>
    private sealed class Walk(CsrMatrix rows, int classes, ShrinkingWeights scaled, double rate, bool fitIntercept)
    {
        private readonly double[] _probabilities = new double[classes];
        private readonly double[] _interceptSums = new double[classes];
        private readonly Lazy<double[]> _scratch = new(() => new double[classes * rows.Cols]);
        private readonly TouchedColumns _touched = new(rows.Cols);

        /// <summary>One step: the batch's softmax gradient at the current model, then the update.</summary>
        public GradientSums Step(ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> batch, Span<double> v, Span<double> intercepts)
        {
            _touched.Begin();
            Array.Clear(_interceptSums);
            int cols = rows.Cols;
            double lossSum = 0, weightSum = 0;
            bool direct = batch.Length == 1;
            foreach (int row in batch)
            {
                var columns = rows.RowIndices(row);
                var entries = rows.RowValues(row);
                double s = sampleWeights.IsEmpty ? 1.0 : sampleWeights[row];
                int y = (int)labels[row];
                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    double z = (scaled.Scale * SparseChunk.Dot(columns, entries, v.Slice(k * cols, cols))) + intercepts[k];
                    _probabilities[k] = z;
                    max = Math.Max(max, z);
                }

                double picked = _probabilities[y];
                double sum = 0.0;
                for (int k = 0; k < classes; k++)
                {
                    _probabilities[k] = Math.Exp(_probabilities[k] - max);
                    sum += _probabilities[k];
                }

                lossSum += s * ((Math.Log(sum) + max) - picked);
                weightSum += s;
                for (int k = 0; k < classes; k++)
                {
                    double r = s * ((_probabilities[k] / sum) - (k == y ? 1.0 : 0.0));
                    _interceptSums[k] += r;
                    _probabilities[k] = r;
                }

                if (!direct)
                {
                    Scatter(columns, entries);
                }
            }

            if (weightSum > 0)
            {
                scaled.Shrink(v);
                double step = rate / weightSum / scaled.Scale;
                if (direct)
                {
                    // One row: its gradient goes straight into its weights (a row's columns are distinct).
                    var columns = rows.RowIndices(batch[0]);
                    var entries = rows.RowValues(batch[0]);
                    for (int k = 0; k < classes; k++)
                    {
                        var target = v.Slice(k * cols, cols);
                        double factor = step * _probabilities[k];
                        for (int e = 0; e < columns.Length; e++)
                        {
                            target[columns[e]] -= factor * entries[e];
                        }
                    }
                }
                else
                {
                    var scratch = _scratch.Value;
                    foreach (int column in _touched.Columns)
                    {
                        for (int k = 0; k < classes; k++)
                        {
                            int at = (k * cols) + column;
                            v[at] -= step * scratch[at];
                            scratch[at] = 0.0;
                        }
                    }
                }

                for (int k = 0; fitIntercept && k < classes; k++)
                {
                    intercepts[k] -= rate * (_interceptSums[k] / weightSum);
                }
            }

            return new GradientSums { Loss = lossSum, WeightSum = weightSum, Rows = batch.Length };
        }

        /// <summary>Adds the row's r_k·x into the scratch of every class (r_k in the probabilities' buffer).</summary>
        private void Scatter(ReadOnlySpan<int> columns, ReadOnlySpan<float> entries)
        {
            var scratch = _scratch.Value;
            int cols = rows.Cols;
            for (int e = 0; e < columns.Length; e++)
            {
                int column = columns[e];
                _touched.Touch(column);

                for (int k = 0; k < classes; k++)
                {
                    int at = (k * cols) + column;
                    scratch[at] = FusedMath.MulAdd(_probabilities[k], entries[e], scratch[at]);
                }
            }
        }
    }
}
