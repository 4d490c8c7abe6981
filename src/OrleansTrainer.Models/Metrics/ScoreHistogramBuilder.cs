using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// Fills the ROC histogram of one set of rows: every bin of <see cref="ScoreBins"/> held densely (three arrays of 2¹⁶),
/// sent sparsely by <see cref="ToHistogram"/>.
/// </summary>
internal sealed class ScoreHistogramBuilder
{
    private readonly double[] positive = new double[ScoreBins.Count];
    private readonly double[] negative = new double[ScoreBins.Count];
    private readonly double[] scores = new double[ScoreBins.Count];

    /// <summary>Adds a row of score <paramref name="score"/>, class <paramref name="isPositive"/> and weight <paramref name="weight"/> &gt; 0.</summary>
    public void Add(double score, bool isPositive, double weight)
    {
        int bin = ScoreBins.Of(score);
        bool empty = positive[bin] == 0.0 && negative[bin] == 0.0;

        // A bin remembers its one score until a different one arrives; NaN then (and for a NaN score) marks it mixed.
        scores[bin] = empty || scores[bin] == score ? score : double.NaN;
        (isPositive ? positive : negative)[bin] += weight;
    }

    /// <summary>The bins that hold a row, ascending.</summary>
    public ScoreHistogram ToHistogram()
    {
        int[] filled = [.. Enumerable.Range(0, ScoreBins.Count).Where(b => positive[b] != 0.0 || negative[b] != 0.0)];
        return new SparseBins(
            filled,
            [.. filled.Select(b => positive[b])],
            [.. filled.Select(b => negative[b])],
            [.. filled.Select(b => scores[b])]).Pack();
    }
}
