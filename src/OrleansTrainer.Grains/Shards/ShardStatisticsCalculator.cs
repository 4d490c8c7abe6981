using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Computes a shard's <see cref="ShardStatistics"/> from its loaded rows, in row order.</summary>
internal static class ShardStatisticsCalculator
{
    /// <summary>The statistics of <paramref name="rows"/>.</summary>
    public static ShardStatistics Of(ShardRows rows)
    {
        var labels = rows.Labels;
        double min = double.PositiveInfinity, max = double.NegativeInfinity, weightSum = 0;
        bool binary = true, integers = true;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            min = Math.Min(min, label);
            max = Math.Max(max, label);
            binary &= label is 0.0 or 1.0;
            integers &= label == Math.Floor(label);
            weightSum += rows.Weights.Length == 0 ? 1 : rows.Weights[i];
        }

        var statistics = new ShardStatistics
        {
            Rows = labels.Length, LabelMin = min, LabelMax = max, LabelsAreBinary = binary, LabelsAreIntegers = integers, WeightSum = weightSum,
        };
        return rows.Sparse is { } sparse ? statistics with { NonZeros = sparse.NonZeros, ColumnBound = ColumnBound(sparse) } : WithMoments(statistics, rows);
    }

    private static ShardStatistics WithMoments(ShardStatistics statistics, ShardRows rows)
    {
        var columns = rows.Columns;
        var moments = new RunningColumnStats(columns);
        for (var i = 0; i < rows.Rows; i++)
        {
            if (rows.FeatureType == FeatureType.Float64)
            {
                moments.Add(rows.Features64.AsSpan(i * columns, columns));
            }
            else
            {
                moments.Add(rows.Features32.AsSpan(i * columns, columns));
            }
        }

        return statistics with
        {
            FeatureMean = new PackedVector { Bytes = DenseBuffers.ToBytes(moments.Mean()) },
            FeatureSquaredDeviations = new PackedVector { Bytes = DenseBuffers.ToBytes(moments.SumSquaredDeviations()) },
            NonZeros = (long)rows.Rows * columns,
            ColumnBound = columns,
        };
    }

    private static int ColumnBound(CsrMatrix sparse)
    {
        var bound = 0;
        foreach (var index in sparse.Indices)
        {
            bound = Math.Max(bound, index + 1);
        }

        return bound;
    }
}
