using System.Globalization;
using System.Text;

namespace OrleansTrainer.ScalingBench;

/// <summary>
/// The end of a run: one JSON line per speedup over the first silo count (the baseline, 1 silo in the issue), and a
/// Markdown table of every configuration with the peers' figures, on stderr.
/// </summary>
internal static class ScalingSummary
{
    public static void Print(IReadOnlyList<ScalingPoint> points, Peers peers)
    {
        if (points.Count == 0)
        {
            return;
        }

        var baseline = points[0];
        foreach (var point in points.Skip(1))
        {
            Speedup("scaling_speedup_dense_round", baseline, point, p => p.Dense.RoundMs, "ms");
            Speedup("scaling_speedup_ridge_normal_equations", baseline, point, p => p.Dense.NormalEquationsSeconds, "s");
            Speedup("scaling_speedup_ridge_lbfgs_evaluation", baseline, point, p => p.Dense.LbfgsEvaluationMs, "ms");
            Speedup("scaling_speedup_ridge_lbfgs_to_sklearn", baseline, point, p => p.Dense.LbfgsSecondsToPeer, "s");
            Speedup("scaling_speedup_sparse_lbfgs_evaluation", baseline, point, p => p.Sparse.LbfgsEvaluationMs, "ms");
            Speedup("scaling_speedup_sparse_lbfgs_to_sklearn", baseline, point, p => p.Sparse.LbfgsSecondsToPeer, "s");
        }

        Console.Error.WriteLine(Table(points, peers));
    }

    private static void Speedup(string name, ScalingPoint baseline, ScalingPoint point, Func<ScalingPoint, double?> cost, string unit)
    {
        var (before, after) = (cost(baseline), cost(point));
        new Figure(name, before / after, "x", new Dictionary<string, object?>
        {
            ["silos"] = point.Silos, ["shards"] = point.Shards, ["baseline_silos"] = baseline.Silos, ["baseline_" + unit] = before, [unit] = after,
        }).Print();
    }

    private static string Table(IReadOnlyList<ScalingPoint> points, Peers peers)
    {
        var baseline = points[0];
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| silos | shards | dense round, wall ms (speedup) | ridge, normal equations s (speedup) | ridge L-BFGS ms/evaluation (speedup) | ridge L-BFGS to sklearn's objective s (÷ Ridge) | sparse L-BFGS ms/evaluation (speedup) | sparse L-BFGS to sklearn's objective s (÷ LogisticRegression) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in points)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Silos} | {p.Shards} | {WithSpeedup(p.Dense.RoundMs, baseline.Dense.RoundMs)} | {WithSpeedup(p.Dense.NormalEquationsSeconds, baseline.Dense.NormalEquationsSeconds)} | " +
                $"{WithSpeedup(p.Dense.LbfgsEvaluationMs, baseline.Dense.LbfgsEvaluationMs)} | {WithRatio(p.Dense.LbfgsSecondsToPeer, peers.Ridge.Seconds)} | " +
                $"{WithSpeedup(p.Sparse.LbfgsEvaluationMs, baseline.Sparse.LbfgsEvaluationMs)} | {WithRatio(p.Sparse.LbfgsSecondsToPeer, peers.Logistic.Seconds)} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Peers, same machine, same run: numpy gradient pass {peers.NumpyGrad.Seconds * 1000:F1} ms ({peers.NumpyGrad.Threads} threads); " +
            $"Ridge {peers.Ridge.Seconds:F3} s ({peers.Ridge.Threads} threads); LogisticRegression(lbfgs) {peers.Logistic.Seconds:F3} s, " +
            $"{peers.Logistic.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "?"} iterations ({peers.Logistic.Threads} threads).");
        return text.ToString();
    }

    private static string WithSpeedup(double value, double baseline) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:G4} ({baseline / value:F2}×)");

    private static string WithRatio(double? seconds, double peerSeconds) => seconds is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"{s:G4} ({s / peerSeconds:F2}×)")
        : "not reached";
}
