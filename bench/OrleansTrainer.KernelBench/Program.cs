using BenchmarkDotNet.Running;
using OrleansTrainer.KernelBench;

// The kernel half of the numerics benchmark (bench/kernels.sh): BenchmarkDotNet times the read bandwidth and our fused
// gradient pass at 1 and 2 threads; this program then reads the summaries, joins the numpy peer's results from
// PEERS.jsonl (peer_bench.py run numpy-grad --json lines), and prints one JSON line per figure and a table on stdout.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: OrleansTrainer.KernelBench DATA_F32.otds PEERS.jsonl");
    return 2;
}

GradientBenchmark.DataPath = args[0];
var peers = PeerTiming.Load(args[1]);
var summaries = BenchmarkRunner.Run([typeof(ReadBandwidthBenchmark), typeof(GradientBenchmark)], KernelBenchConfig.Create());
if (summaries.Any(summary => summary.HasCriticalValidationErrors))
{
    Console.Error.WriteLine("BenchmarkDotNet refused the benchmarks (see the log above).");
    return 1;
}

var data = OtdsDense<float>.Load(args[0]);
var report = new KernelReport(CaseTiming.From(summaries), peers, data.FeatureBytes);
foreach (var figure in report.Figures())
{
    figure.Print();
}

GradientCheck.Against(data, peers.Single(p => p.Dtype == "float32" && p.Threads == 1)).Print();
Console.WriteLine();
foreach (var line in report.Table())
{
    Console.WriteLine(line);
}

return 0;
