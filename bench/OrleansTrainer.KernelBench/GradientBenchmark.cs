using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>The fused gradient pass over the float32 file.</summary>
public class GradientBenchmark : DenseGradientBenchmark<float>
{
    /// <summary>The float32 OTDS file; set by the program before BenchmarkDotNet runs (in process).</summary>
    public static string Path { get; set; } = "";

    /// <inheritdoc />
    protected override string DataPath => Path;

    /// <inheritdoc />
    protected override GradientSums Accumulate() =>
        GradientKernel.AccumulateParallel(LossKind.SquaredError, Data.Features, Data.Labels, Weights, PeerPoint.Intercept, Gradient, Threads);
}
