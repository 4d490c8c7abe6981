using BenchmarkDotNet.Attributes;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>
/// One full-batch squared-error gradient pass of our fused kernel over a dense OTDS file of <typeparamref name="T"/>
/// features, at the peer's point; a subclass names the file and the kernel overload.
/// </summary>
public abstract class DenseGradientBenchmark<T>
    where T : unmanaged
{
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The data, loaded once before the cases run.</summary>
    protected OtdsDense<T> Data { get; private set; } = null!;

    /// <summary>The peer's weights.</summary>
    protected double[] Weights { get; private set; } = [];

    /// <summary>The gradient the pass accumulates into.</summary>
    protected double[] Gradient { get; private set; } = [];

    /// <summary>The OTDS file of <typeparamref name="T"/> features.</summary>
    protected abstract string DataPath { get; }

    [GlobalSetup]
    public void Setup()
    {
        Data = OtdsDense<T>.Load(DataPath);
        Weights = PeerPoint.Weights(Data.Columns);
        Gradient = new double[Data.Columns];
    }

    [Benchmark]
    public GradientSums Pass()
    {
        Array.Clear(Gradient);
        return Accumulate();
    }

    /// <summary>The kernel's pass over <see cref="Data"/> at <see cref="Threads"/> threads.</summary>
    protected abstract GradientSums Accumulate();
}
