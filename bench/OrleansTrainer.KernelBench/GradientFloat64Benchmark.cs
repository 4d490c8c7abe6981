using BenchmarkDotNet.Attributes;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>The same pass as <see cref="GradientBenchmark"/> over the float64 twin of the file (float64 feature storage).</summary>
public class GradientFloat64Benchmark
{
    private OtdsDense<double>? _data;
    private double[] _weights = [];
    private double[] _gradient = [];

    /// <summary>The float64 OTDS file; set by the program before BenchmarkDotNet runs (in process).</summary>
    public static string DataPath { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = OtdsDense<double>.Load(DataPath);
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
