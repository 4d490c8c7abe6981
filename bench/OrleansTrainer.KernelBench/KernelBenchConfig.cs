using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansTrainer.KernelBench;

/// <summary>
/// One short in-process job: few iterations of about 200 ms each, so every benchmark case takes a few seconds on
/// two cores. Artifacts go under the build output (ignored by git); the log goes to stderr.
/// </summary>
internal static class KernelBenchConfig
{
    public static IConfig Create() => ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(200)))
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(new StderrLogger())
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
