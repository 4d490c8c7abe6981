using System.Globalization;

namespace OrleansTrainer.KernelBench;

/// <summary>
/// Puts the BenchmarkDotNet timings next to the numpy peer's: read bandwidth per thread count, each pass as ms and as a
/// fraction of that bandwidth (bytes of X / time / bandwidth) for float32 and float64 features, and our speed-up over
/// numpy float64 at the same threads.
/// </summary>
internal sealed class KernelReport(IReadOnlyList<CaseTiming> cases, IReadOnlyList<PeerTiming> peers, long kernelFeatureBytes)
{
    public const double SpeedupTarget = 3.5;
    public const double FractionTarget = 0.85;
    private static readonly int[] ThreadCounts = [1, 2];

    public IEnumerable<Figure> Figures()
    {
        foreach (var threads in ThreadCounts)
        {
            var suffix = Figure.ThreadSuffix(threads);
            var read = Case(nameof(ReadBandwidthBenchmark), threads);
            yield return new Figure($"read_bandwidth_{suffix}", BandwidthGBs(threads), "GB/s", Details(read, ReadBandwidthBenchmark.Bytes));

            var kernel = Case(nameof(GradientBenchmark), threads);
            yield return new Figure($"kernel_gradient_f32_{suffix}", kernel.MedianMs, "ms", Details(kernel, kernelFeatureBytes));
            yield return new Figure($"kernel_gradient_f32_{suffix}_bandwidth_fraction", Fraction(kernelFeatureBytes, kernel.MedianMs, threads), "fraction",
                new Dictionary<string, object> { ["target"] = FractionTarget });
            var kernel64 = Case(nameof(GradientFloat64Benchmark), threads);
            yield return new Figure($"kernel_gradient_f64_{suffix}", kernel64.MedianMs, "ms", Details(kernel64, Float64Bytes));
            yield return new Figure($"kernel_gradient_f64_{suffix}_bandwidth_fraction", Fraction(Float64Bytes, kernel64.MedianMs, threads), "fraction",
                new Dictionary<string, object> { ["target"] = FractionTarget });

            foreach (var peer in peers.Where(p => p.Threads == threads).OrderBy(p => p.Dtype, StringComparer.Ordinal))
            {
                yield return new Figure($"numpy_grad_{Short(peer.Dtype)}_{suffix}_bandwidth_fraction", Fraction(peer.MatrixBytes, peer.Ms, threads), "fraction",
                    new Dictionary<string, object> { ["ms"] = peer.Ms, ["x_bytes"] = peer.MatrixBytes });
                yield return new Figure($"ratio_numpy_{Short(peer.Dtype)}_to_kernel_f32_{suffix}", peer.Ms / kernel.MedianMs, "x",
                    peer.Dtype == "float64" ? new Dictionary<string, object> { ["target"] = SpeedupTarget } : []);
            }
        }
    }

    public IEnumerable<string> Table()
    {
        yield return "| pass over X | threads | ms/pass (median) | fastest | GB/s of X | of read bandwidth | numpy f64 time ÷ this |";
        yield return "|---|---|---|---|---|---|---|";
        foreach (var threads in ThreadCounts)
        {
            var numpy64 = Peer("float64", threads).Ms;
            var read = Case(nameof(ReadBandwidthBenchmark), threads);
            var kernel = Case(nameof(GradientBenchmark), threads);
            yield return Row("read bandwidth: sum of 400 MB float32", threads, read.MedianMs, read.MinMs, ReadBandwidthBenchmark.Bytes, null);
            yield return Row("our fused kernel, float32", threads, kernel.MedianMs, kernel.MinMs, kernelFeatureBytes, numpy64);
            var kernel64 = Case(nameof(GradientFloat64Benchmark), threads);
            yield return Row("our fused kernel, float64", threads, kernel64.MedianMs, kernel64.MinMs, Float64Bytes, numpy64);
            foreach (var peer in peers.Where(p => p.Threads == threads).OrderBy(p => p.Dtype, StringComparer.Ordinal))
            {
                yield return Row($"numpy X.T @ (X @ w - y), {peer.Dtype}", threads, peer.Ms, peer.MinMs, peer.MatrixBytes, numpy64);
            }
        }

        yield return "";
        yield return "GB/s, fractions and ratios use the medians; the machine is shared, so the fastest pass shows what a quiet moment allows.";
        yield return $"numpy BLAS: {string.Join(", ", peers.Select(p => p.Blas).Distinct())}";
        yield return "target: our kernel >= " + SpeedupTarget.ToString("F1", CultureInfo.InvariantCulture) + "x faster than numpy float64 at the same threads: "
            + string.Join("; ", ThreadCounts.Select(t => Verdict(t, Peer("float64", t).Ms / Case(nameof(GradientBenchmark), t).MedianMs, SpeedupTarget, "x")));
        yield return "target: our kernel reads X at >= " + Percent(FractionTarget) + " of the measured read bandwidth: float32 "
            + string.Join("; ", ThreadCounts.Select(t => Verdict(t, Fraction(kernelFeatureBytes, Case(nameof(GradientBenchmark), t).MedianMs, t), FractionTarget, "%")))
            + "; float64 "
            + string.Join("; ", ThreadCounts.Select(t => Verdict(t, Fraction(Float64Bytes, Case(nameof(GradientFloat64Benchmark), t).MedianMs, t), FractionTarget, "%")));
    }

    /// <summary>Bytes of the float64 twin's X: the same values, twice the bytes.</summary>
    private long Float64Bytes => 2 * kernelFeatureBytes;

    private string Row(string what, int threads, double ms, double minMs, long bytes, double? numpy64Ms) =>
        $"| {what} | {threads} | {Number(ms)} | {Number(minMs)} | {Number(bytes / (ms * 1e6))} | {Percent(Fraction(bytes, ms, threads))} | "
        + (numpy64Ms is { } reference ? Number(reference / ms) + "×" : "—") + " |";

    private static string Verdict(int threads, double value, double target, string unit) =>
        $"{threads} thread{(threads == 1 ? "" : "s")} {(unit == "%" ? Percent(value) : Number(value) + unit)} ({(value >= target ? "met" : "MISSED")})";

    private double BandwidthGBs(int threads) => ReadBandwidthBenchmark.Bytes / (Case(nameof(ReadBandwidthBenchmark), threads).MedianMs * 1e6);

    private double Fraction(long bytes, double ms, int threads) => bytes / (ms * 1e6) / BandwidthGBs(threads);

    private CaseTiming Case(string benchmark, int threads) =>
        cases.Single(c => c.Benchmark == benchmark && c.Threads == threads);

    private PeerTiming Peer(string dtype, int threads) =>
        peers.SingleOrDefault(p => p.Dtype == dtype && p.Threads == threads)
        ?? throw new InvalidOperationException($"No numpy-grad result for {dtype} at {threads} thread(s).");

    private static Dictionary<string, object> Details(CaseTiming timing, long bytes) => new()
    {
        ["median_ms"] = timing.MedianMs,
        ["min_ms"] = timing.MinMs,
        ["max_ms"] = timing.MaxMs,
        ["iterations"] = timing.Iterations,
        ["bytes"] = bytes,
    };

    private static string Short(string dtype) => dtype == "float32" ? "f32" : "f64";

    private static string Number(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (100 * fraction).ToString("F0", CultureInfo.InvariantCulture) + " %";
}
