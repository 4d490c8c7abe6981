using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Scores a shard's rows with a model on the original feature scale and feeds the margins to an accumulator.</summary>
internal static class ShardScoring
{
    /// <summary>Rows whose margins are computed together before they go to the accumulator.</summary>
    private const int Block = 512;

    /// <summary>
    /// For every row of <paramref name="rows"/> (or those listed in <paramref name="selected"/>), the margins
    /// z_k = b_k + x·w_k of the <paramref name="outputs"/> outputs go to <paramref name="into"/> with the row's label and weight.
    /// </summary>
    public static void Score(ShardRows rows, int[]? selected, ReadOnlySpan<double> weights, ReadOnlySpan<double> intercepts, int outputs,
        EvaluationAccumulator into)
    {
        var features = weights.Length / outputs;
        var count = selected?.Length ?? rows.Rows;
        var all = selected is null ? Enumerable.Range(0, Math.Min(count, Block)).ToArray() : null;
        var margins = new double[outputs * Block];
        var row = new double[outputs];
        for (var first = 0; first < count; first += Block)
        {
            var size = Math.Min(Block, count - first);
            var block = selected is null ? Shift(all!, first, size) : selected.AsSpan(first, size);
            for (var k = 0; k < outputs; k++)
            {
                Margins(rows, block, weights.Slice(k * features, features), margins.AsSpan(k * Block, size));
            }

            for (var i = 0; i < size; i++)
            {
                for (var k = 0; k < outputs; k++)
                {
                    row[k] = intercepts[k] + margins[(k * Block) + i];
                }

                var r = block[i];
                into.Add(row, rows.Labels[r], rows.Weights.Length == 0 ? 1.0 : rows.Weights[r]);
            }
        }
    }

    /// <summary>The row numbers <paramref name="first"/> .. <paramref name="first"/> + <paramref name="size"/> − 1, in a reused buffer.</summary>
    private static ReadOnlySpan<int> Shift(int[] buffer, int first, int size)
    {
        for (var i = 0; i < size; i++)
        {
            buffer[i] = first + i;
        }

        return buffer.AsSpan(0, size);
    }

    private static void Margins(ShardRows rows, ReadOnlySpan<int> block, ReadOnlySpan<double> weights, Span<double> into)
    {
        if (rows.Sparse is { } sparse)
        {
            for (var i = 0; i < block.Length; i++)
            {
                into[i] = SparseDot(sparse.RowIndices(block[i]), sparse.RowValues(block[i]), weights);
            }
        }
        else if (rows.Features64.Length > 0)
        {
            RowDot.OfRows<double>(rows.Features64, block, weights, into);
        }
        else
        {
            RowDot.OfRows<float>(rows.Features32, block, weights, into);
        }
    }

    private static double SparseDot(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        for (var e = 0; e < indices.Length; e++)
        {
            sum += weights[indices[e]] * values[e];
        }

        return sum;
    }
}
