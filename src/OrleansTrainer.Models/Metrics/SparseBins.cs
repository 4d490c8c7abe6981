using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Models.Metrics;

/// <summary>A <see cref="ScoreHistogram"/> as arrays: read from and packed into its wire form, and merged.</summary>
/// <param name="Bins">Bin ids, strictly ascending.</param>
/// <param name="Positive">Per bin, the weight of rows labelled 1.</param>
/// <param name="Negative">Per bin, the weight of rows labelled 0.</param>
/// <param name="Scores">Per bin, the score its rows share, or NaN when they hold distinct scores.</param>
internal sealed record SparseBins(int[] Bins, double[] Positive, double[] Negative, double[] Scores)
{
    /// <summary>The bins of <paramref name="histogram"/>.</summary>
    /// <exception cref="ArgumentException">The vectors differ in length, or the ids are not strictly ascending bins.</exception>
    public static SparseBins Read(ScoreHistogram histogram)
    {
        var bins = new SparseBins(
            DenseBuffers.AsInts(histogram.Bins.Bytes).ToArray(),
            DenseBuffers.AsDoubles(histogram.Positive.Bytes).ToArray(),
            DenseBuffers.AsDoubles(histogram.Negative.Bytes).ToArray(),
            DenseBuffers.AsDoubles(histogram.Scores.Bytes).ToArray());
        int count = bins.Bins.Length;
        if (bins.Positive.Length != count || bins.Negative.Length != count || bins.Scores.Length != count)
        {
            throw new ArgumentException("The score histogram's vectors differ in length.", nameof(histogram));
        }

        for (int i = 0; i < count; i++)
        {
            if (bins.Bins[i] < 0 || bins.Bins[i] >= ScoreBins.Count || (i > 0 && bins.Bins[i] <= bins.Bins[i - 1]))
            {
                throw new ArgumentException($"The score histogram's bin ids are not ascending bins at position {i}.", nameof(histogram));
            }
        }

        return bins;
    }

    /// <summary>
    /// The bins of two disjoint sets of rows: a bin in both adds the first's weights to the second's and keeps its
    /// score only when both parts have the same one.
    /// </summary>
    public static SparseBins Merge(SparseBins first, SparseBins second)
    {
        int capacity = first.Bins.Length + second.Bins.Length;
        int[] ids = new int[capacity];
        double[] positive = new double[capacity], negative = new double[capacity], scores = new double[capacity];
        int i = 0, j = 0, count = 0;
        for (; i < first.Bins.Length || j < second.Bins.Length; count++)
        {
            int order = i == first.Bins.Length ? 1 : j == second.Bins.Length ? -1 : first.Bins[i].CompareTo(second.Bins[j]);
            if (order == 0)
            {
                ids[count] = first.Bins[i];
                positive[count] = first.Positive[i] + second.Positive[j];
                negative[count] = first.Negative[i] + second.Negative[j];
                scores[count] = first.Scores[i] == second.Scores[j] ? first.Scores[i] : double.NaN;
                i++;
                j++;
            }
            else
            {
                var (from, at) = order < 0 ? (first, i++) : (second, j++);
                ids[count] = from.Bins[at];
                positive[count] = from.Positive[at];
                negative[count] = from.Negative[at];
                scores[count] = from.Scores[at];
            }
        }

        return new SparseBins(ids[..count], positive[..count], negative[..count], scores[..count]);
    }

    /// <summary>The wire form.</summary>
    public ScoreHistogram Pack() => new()
    {
        Bins = new PackedVector { Bytes = DenseBuffers.ToBytes(Bins) },
        Positive = new PackedVector { Bytes = DenseBuffers.ToBytes(Positive) },
        Negative = new PackedVector { Bytes = DenseBuffers.ToBytes(Negative) },
        Scores = new PackedVector { Bytes = DenseBuffers.ToBytes(Scores) },
    };
}
