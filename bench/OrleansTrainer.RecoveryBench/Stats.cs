namespace OrleansTrainer.RecoveryBench;

/// <summary>Order statistics of measured times.</summary>
internal static class Stats
{
    /// <summary>The median; NaN when there are no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
