using OrleansTrainer.RecoveryBench;

namespace OrleansTrainer.SoakBench;

/// <summary>One series of memory readings summed up: first, last and largest value, and the least-squares slope per hour over the steady part.</summary>
internal static class MemoryTrend
{
    /// <summary>
    /// The trend of <paramref name="samples"/> (one series, in time order) as a JSON line; slopes are fitted to the
    /// readings at or after <paramref name="soakFrom"/> (the faults' start) and <paramref name="steadyFrom"/> (NaN with fewer than 3).
    /// </summary>
    public static JsonLine Of(string series, IReadOnlyList<MemorySample> samples, DateTimeOffset soakFrom, DateTimeOffset steadyFrom)
    {
        var steady = samples.Where(s => s.At >= steadyFrom).ToArray();
        var unit = series.EndsWith("keys", StringComparison.Ordinal) ? "keys" : "MB";
        return new JsonLine("memory_trend").With("series", series).With("unit", unit).With("samples", samples.Count)
            .With("start", samples[0].Value).With("end", samples[^1].Value).With("max", samples.Max(s => s.Value))
            .With("minutes_followed", (samples[^1].At - samples[0].At).TotalMinutes)
            .With("soak_slope_per_hour", Slope([.. samples.Where(s => s.At >= soakFrom)]))
            .With("steady_samples", steady.Length).With("steady_start", steady.Length > 0 ? steady[0].Value : double.NaN)
            .With("steady_end", steady.Length > 0 ? steady[^1].Value : double.NaN)
            .With("steady_slope_per_hour", Slope(steady));
    }

    // Least-squares slope of value against hours.
    private static double Slope(MemorySample[] samples)
    {
        if (samples.Length < 3)
        {
            return double.NaN;
        }

        var t0 = samples[0].At;
        var hours = samples.Select(s => (s.At - t0).TotalHours).ToArray();
        var meanT = hours.Average();
        var meanV = samples.Average(s => s.Value);
        var covariance = hours.Zip(samples, (t, s) => (t - meanT) * (s.Value - meanV)).Sum();
        var variance = hours.Sum(t => (t - meanT) * (t - meanT));
        return variance == 0 ? double.NaN : covariance / variance;
    }
}
