using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// ROC AUC from a <see cref="ScoreHistogram"/>, with a bound on its distance from the exact AUC.
/// <para>
/// The exact AUC (scikit-learn's <c>roc_auc_score</c>, weighted) is Σᵢⱼ wᵢwⱼ([sᵢ &gt; sⱼ] + ½[sᵢ = sⱼ]) / (P·N) over
/// positive rows i and negative rows j, P and N their weights. The histogram's AUC is
/// Σ_b P_b (N_{&lt;b} + ½ N_b) / (P·N): each pair in different bins counts 1 or 0, each pair in one bin ½ (a tie).
/// </para>
/// <para>
/// Bound: |AUC − exact| ≤ Σ_{b mixed} P_b N_b / (2·P·N), the sum over the bins whose rows hold distinct scores. Proof:
/// the bins are a non-decreasing function of the score (<see cref="ScoreBins"/>), so sᵢ &lt; sⱼ ⇒ bin(i) ≤ bin(j); a pair
/// in different bins is therefore ordered as its scores and counts exactly as in the exact sum. A pair in a bin whose
/// rows all share one score is a true tie and counts ½ in both. Only pairs in a mixed bin can differ, and each by at
/// most ½ of its weight wᵢwⱼ (½ against 0 or 1); they weigh P_b N_b in bin b. So the bound is 0 when no bin mixes
/// distinct scores of both classes, in particular when every bin holds one distinct score.
/// </para>
/// </summary>
internal static class RocArea
{
    /// <summary>The AUC and its error bound; both NaN unless both classes have weight (scikit-learn raises there).</summary>
    public static (double Auc, double ErrorBound) Of(ScoreHistogram histogram)
    {
        var bins = SparseBins.Read(histogram);
        double below = 0.0, area = 0.0, mixed = 0.0, positives = 0.0;
        for (int b = 0; b < bins.Bins.Length; b++)
        {
            double positive = bins.Positive[b], negative = bins.Negative[b];
            area += positive * (below + (0.5 * negative));
            if (double.IsNaN(bins.Scores[b]))
            {
                mixed += positive * negative;
            }

            below += negative;
            positives += positive;
        }

        double pairs = positives * below;
        return pairs > 0.0 ? (area / pairs, mixed / (2.0 * pairs)) : (double.NaN, double.NaN);
    }
}
