using System.Diagnostics;
using OrleansTrainer.ScalingBench;

// The scaling benchmark (issue 15; bench/scaling.sh runs it): for each silo count, a fresh redis-server and that many
// silo processes, both files ingested into 2 shards a silo, then full-batch rounds, ridge (normal equations, L-BFGS)
// on the dense file and logistic L-BFGS on the sparse one, each against the peers' runs on the same files. One JSON
// line per figure on stdout, progress on stderr, a summary table on stderr at the end.
if (ScalingSettings.Parse(args) is not { } settings)
{
    Console.Error.WriteLine(ScalingSettings.Usage);
    return 2;
}

var clock = Stopwatch.StartNew();
void Say(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,7:F1}s] {message}");

var peers = Peers.Read(settings);
MachineInfo.Print();
var points = new List<ScalingPoint>();
foreach (var silos in settings.SiloCounts)
{
    try
    {
        points.Add(await SiloCountRun.MeasureAsync(settings, peers, silos, Say));
    }
    catch (Exception error)
    {
        // The configurations measured so far still get their summary.
        Say($"{silos} silo(s) failed: {error}");
        new Figure("scaling_failed", null, "", new Dictionary<string, object?> { ["silos"] = silos, ["error"] = error.Message }).Print();
        ScalingSummary.Print(points, peers);
        return 1;
    }
}

ScalingSummary.Print(points, peers);
Say("done");
return 0;
