using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// The weighted mean and squared deviations of one quantity, a row at a time: West's weighted form of Welford's update
/// on the values minus the first one. Each step moves the mean by w/W of the gap and adds w·gap·(v − new mean), so no
/// two large sums are ever subtracted; the reference keeps the summed values near zero whatever their size.
/// </summary>
internal struct MomentAccumulator
{
    private bool started;
    private double reference;
    private double weight;
    private double offset;
    private double deviation;

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="rowWeight"/> &gt; 0.</summary>
    public void Add(double value, double rowWeight)
    {
        if (!started)
        {
            reference = value;
            started = true;
        }

        double shifted = value - reference;
        weight += rowWeight;
        double gap = shifted - offset;
        offset += gap * (rowWeight / weight);
        deviation += rowWeight * gap * (shifted - offset);
    }

    /// <summary>The sums so far.</summary>
    public readonly MomentSums ToSums() => new() { Reference = reference, MeanOffset = offset, Deviation = deviation };

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
