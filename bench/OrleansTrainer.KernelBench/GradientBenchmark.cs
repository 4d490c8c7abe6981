using BenchmarkDotNet.Attributes;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>One full-batch squared-error gradient pass of our fused kernel over the float32 file, at the peer's point.</summary>
public class GradientBenchmark
{
    private OtdsDense<float>? _data;
    private double[] _weights = [];
    private double[] _gradient = [];

    /// <summary>The float32 OTDS file; set by the program before BenchmarkDotNet runs (in process).</summary>
    public static string DataPath { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = OtdsDense<float>.Load(DataPath);
        _weights = PeerPoint.Weights(_data.Columns);
        _gradient = new double[_data.Columns];
    }

    [Benchmark]
    public GradientSums Pass()
    {
        Array.Clear(_gradient);
        return GradientKernel.AccumulateParallel(
            LossKind.SquaredError, _data!.Features, _data.Labels, _weights, PeerPoint.Intercept, _gradient, Threads);
    }
}
