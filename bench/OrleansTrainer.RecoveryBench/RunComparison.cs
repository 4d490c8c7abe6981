using OrleansTrainer.Client;

namespace OrleansTrainer.RecoveryBench;

/// <summary>Compares the job that lost silos with an uninterrupted run of the same spec: weights and every round's objective, bit for bit.</summary>
internal static class RunComparison
{
    /// <summary>The comparison as a JSON line; <c>identical</c> is true only if every coefficient and the intercept have the same bits.</summary>
    public static async Task<(bool Identical, JsonLine Line)> CompareAsync(TrainerClient client, string interrupted, string reference)
    {
        var ours = Coefficients(await client.GetModelAsync(interrupted));
        var theirs = Coefficients(await client.GetModelAsync(reference));
        var differing = ours.Length == theirs.Length ? ours.Zip(theirs).Count(p => Bits(p.First) != Bits(p.Second)) : -1;
        var maxDifference = ours.Length == theirs.Length ? ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second)) : double.NaN;

        var oursMetrics = await JobMetrics.ReadAsync(client, interrupted);
        var theirMetrics = await JobMetrics.ReadAsync(client, reference);
        var roundsContiguous = oursMetrics.Select((m, i) => m.Round == i).All(ok => ok);
        var objectivesIdentical = oursMetrics.Count == theirMetrics.Count
                                  && oursMetrics.Zip(theirMetrics).All(p => Bits(p.First.Objective) == Bits(p.Second.Objective));

        var identical = differing == 0;
        return (identical, new JsonLine("weights_identical_to_uninterrupted_run")
            .With("identical", identical).With("coefficients", ours.Length).With("differing", differing)
            .With("max_abs_difference", maxDifference).With("objective_history_identical", objectivesIdentical)
            .With("metric_rounds", oursMetrics.Count).With("metric_rounds_contiguous", roundsContiguous)
            .With("first_coefficient", ours.Length > 0 ? ours[0] : double.NaN).With("intercept", ours.Length > 0 ? ours[^1] : double.NaN));
    }

    private static double[] Coefficients(LinearModel model) => [.. model.Weights.ToArray(), model.Intercept];

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
