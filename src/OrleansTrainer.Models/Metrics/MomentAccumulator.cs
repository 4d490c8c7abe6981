using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// The weighted mean and squared deviations of one quantity, a row at a time. Rows are summed in runs of
/// <see cref="Run"/>: within a run, plain sums of w·d and w·d² with d the value minus the run's first value (no
/// division per row, and d stays near the spread of the values, not their size); each full run is then folded into the
/// totals by Chan's pairwise update (<see cref="Merge"/>), so no two large sums are ever subtracted. The totals keep the
/// first value as their reference, which keeps them near zero whatever the values' size.
/// </summary>
internal struct MomentAccumulator
{
    private const int Run = 256;
    private bool started;
    private double reference;
    private double weight;
    private double offset;
    private double deviation;
    private int runRows;
    private double runReference;
    private double runWeight;
    private double runSum;
    private double runSquares;

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="rowWeight"/> &gt; 0.</summary>
    public void Add(double value, double rowWeight)
    {
        if (runRows == 0)
        {
            runReference = value;
        }

        double d = value - runReference;
        runWeight += rowWeight;
        runSum += rowWeight * d;
        runSquares += rowWeight * d * d;
        if (++runRows == Run)
        {
            Fold();
        }
    }

    /// <summary>The sums so far.</summary>
    public readonly MomentSums ToSums()
    {
        var copy = this;
        copy.Fold();
        return new() { Reference = copy.reference, MeanOffset = copy.offset, Deviation = copy.deviation };
    }

    /// <summary>Folds the run into the totals: its mean offset Σw·d/W and deviations Σw·d² − (Σw·d)²/W, merged by Chan's update.</summary>
    private void Fold()
    {
        if (runRows == 0)
        {
            return;
        }

        if (!started)
        {
            reference = runReference;
            started = true;
        }

        var runOffset = runSum / runWeight;
        var run = new MomentSums { Reference = runReference, MeanOffset = runOffset, Deviation = Math.Max(0.0, runSquares - (runSum * runOffset)) };
        var merged = Merge(new MomentSums { Reference = reference, MeanOffset = offset, Deviation = deviation }, weight, run, runWeight);
        (weight, offset, deviation) = (weight + runWeight, merged.MeanOffset, merged.Deviation);
        (runRows, runWeight, runSum, runSquares) = (0, 0.0, 0.0, 0.0);
    }

    /// <summary>
    /// The sums of two disjoint sets of rows (Chan, Golub and LeVeque's pairwise update): the mean moves by
    /// w₂/W of the means' gap δ and the deviations add with δ²·w₁w₂/W. δ is the references' difference (exact when they
    /// are within a factor 2 of each other, Sterbenz) plus the offsets', so it keeps its precision when the values are
    /// large and close. The result keeps the first part's reference.
    /// </summary>
    public static MomentSums Merge(MomentSums first, double firstWeight, MomentSums second, double secondWeight)
    {
        if (secondWeight == 0.0)
        {
            return first;
        }

        if (firstWeight == 0.0)
        {
            return second;
        }

        double gap = (second.Reference - first.Reference) + (second.MeanOffset - first.MeanOffset);
        double share = secondWeight / (firstWeight + secondWeight);
        return first with
        {
            MeanOffset = first.MeanOffset + (gap * share),
            Deviation = first.Deviation + second.Deviation + (gap * gap * firstWeight * share),
        };
    }
}
