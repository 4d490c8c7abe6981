using BenchmarkDotNet.Reports;

namespace OrleansTrainer.KernelBench;

/// <summary>One BenchmarkDotNet case (benchmark class × thread count), read back from its summary, in milliseconds.</summary>
internal sealed record CaseTiming(string Benchmark, int Threads, double MedianMs, double MinMs, double MaxMs, int Iterations)
{
    public static IReadOnlyList<CaseTiming> From(IEnumerable<Summary> summaries) =>
        summaries.SelectMany(summary => summary.Reports).Select(FromReport).ToList();

    private static CaseTiming FromReport(BenchmarkReport report)
    {
        var statistics = report.ResultStatistics
            ?? throw new InvalidOperationException($"{report.BenchmarkCase.DisplayInfo} has no results.");
        return new CaseTiming(
            report.BenchmarkCase.Descriptor.Type.Name,
            (int)report.BenchmarkCase.Parameters["Threads"],
            statistics.Median / 1e6,
            statistics.Min / 1e6,
            statistics.Max / 1e6,
            statistics.N);
    }
}
