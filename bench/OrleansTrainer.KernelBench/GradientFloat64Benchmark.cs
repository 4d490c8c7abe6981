using OrleansTrainer.Numerics;

namespace OrleansTrainer.KernelBench;

/// <summary>The same pass over the float64 twin of the file (float64 feature storage).</summary>
public class GradientFloat64Benchmark : DenseGradientBenchmark<double>
{
    /// <summary>The float64 OTDS file; set by the program before BenchmarkDotNet runs (in process).</summary>
    public static string Path { get; set; } = "";

    /// <inheritdoc />
    protected override string DataPath => Path;

    /// <inheritdoc />
    protected override GradientSums Accumulate() =>
        GradientKernel.AccumulateParallel(LossKind.SquaredError, Data.Features, Data.Labels, Weights, PeerPoint.Intercept, Gradient, Threads);
}
