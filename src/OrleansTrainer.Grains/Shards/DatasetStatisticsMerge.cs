using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Merges the shards' <see cref="ShardStatistics"/> into the dataset's <see cref="DatasetStatistics"/>, in shard order
/// (moments by Chan's formula): the one place the statistics of a dataset are decided, whoever read its rows.
/// </summary>
internal static class DatasetStatisticsMerge
{
    /// <summary>The dataset's statistics; <paramref name="denseColumns"/> is 0 for a sparse dataset of dimension <paramref name="sparseDimension"/>.</summary>
    public static DatasetStatistics Merge(IReadOnlyList<ShardStatistics> shards, int denseColumns, int sparseDimension)
    {
        var moments = new RunningColumnStats(denseColumns);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, weightSum = 0;
        bool binary = true, integers = true;
        long rows = 0, nonZeros = 0;
        foreach (var shard in shards)
        {
            if (shard.Rows == 0)
            {
                continue;
            }

            if (denseColumns > 0)
            {
                moments.Merge(RunningColumnStats.FromMoments(shard.Rows, DenseBuffers.AsDoubles(shard.FeatureMean.Bytes), DenseBuffers.AsDoubles(shard.FeatureSquaredDeviations.Bytes)));
            }

            rows += shard.Rows;
            nonZeros += shard.NonZeros;
            min = Math.Min(min, shard.LabelMin);
            max = Math.Max(max, shard.LabelMax);
            binary &= shard.LabelsAreBinary;
            integers &= shard.LabelsAreIntegers;
            weightSum += shard.WeightSum;
        }

        return new DatasetStatistics
        {
            Rows = rows,
            FeatureMean = new PackedVector { Bytes = DenseBuffers.ToBytes(moments.Mean()) },
            FeatureStandardDeviation = new PackedVector { Bytes = DenseBuffers.ToBytes(moments.StandardDeviation()) },
            LabelsAreBinary = binary,
            LabelsAreIntegers = integers,
            LabelMin = min,
            LabelMax = max,
            WeightSum = weightSum,
            SparseDimension = sparseDimension,
            NonZeros = nonZeros,
        };
    }
}
