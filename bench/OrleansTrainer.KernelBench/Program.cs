using BenchmarkDotNet.Running;
using OrleansTrainer.KernelBench;

// The kernel half of the numerics benchmark (bench/kernels.sh): BenchmarkDotNet times the read bandwidth and our fused
// gradient pass at 1 and 2 threads, over float32 and float64 features; this program then reads the summaries, joins the numpy peer's results from
// PEERS.jsonl (peer_bench.py run numpy-grad --json lines), and prints one JSON line per figure and a table on stdout.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: OrleansTrainer.KernelBench DATA_F32.otds DATA_F64.otds PEERS.jsonl");
    return 2;
}

GradientBenchmark.Path = args[0];
GradientFloat64Benchmark.Path = args[1];
var peers = PeerTiming.Load(args[2]);
var summaries = BenchmarkRunner.Run([typeof(ReadBandwidthBenchmark), typeof(GradientBenchmark), typeof(GradientFloat64Benchmark)], KernelBenchConfig.Create());
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
