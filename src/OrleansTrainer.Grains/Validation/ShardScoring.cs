using System.Numerics.Tensors;
using OrleansTrainer.Models.Metrics;

namespace OrleansTrainer.Grains;

/// <summary>Scores a shard's rows with a model on the original feature scale and feeds the margins to an accumulator.</summary>
internal static class ShardScoring
{
    /// <summary>
    /// For every row of <paramref name="rows"/> (or those listed in <paramref name="selected"/>), the margins
    /// z_k = b_k + x·w_k of the <paramref name="outputs"/> outputs go to <paramref name="into"/> with the row's label and weight.
    /// </summary>
    public static void Score(ShardRows rows, int[]? selected, ReadOnlySpan<double> weights, ReadOnlySpan<double> intercepts, int outputs,
        EvaluationAccumulator into)
    {
        var features = weights.Length / outputs;
        var margins = new double[outputs];
        var count = selected?.Length ?? rows.Rows;
        for (var i = 0; i < count; i++)
        {
            var row = selected is null ? i : selected[i];
            for (var k = 0; k < outputs; k++)
            {
                margins[k] = intercepts[k] + Dot(rows, row, weights.Slice(k * features, features));
            }

            into.Add(margins, rows.Labels[row], rows.Weights.Length == 0 ? 1.0 : rows.Weights[row]);
        }
    }

    private static double Dot(ShardRows rows, int row, ReadOnlySpan<double> weights)
    {
        if (rows.Sparse is { } sparse)
        {
            var indices = sparse.RowIndices(row);
            var values = sparse.RowValues(row);
            double sum = 0;
            for (var e = 0; e < indices.Length; e++)
            {
                sum += weights[indices[e]] * values[e];
            }

            return sum;
        }

        var d = rows.Columns;
        if (rows.Features64.Length > 0)
        {
            return TensorPrimitives.Dot(rows.Features64.AsSpan(row * d, d), weights);
        }

        var x = rows.Features32.AsSpan(row * d, d);
        double dense = 0;
        for (var j = 0; j < d; j++)
        {
            dense += x[j] * weights[j];
        }

        return dense;
    }
}
