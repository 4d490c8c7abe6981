using BenchmarkDotNet.Loggers;

namespace OrleansTrainer.KernelBench;

/// <summary>BenchmarkDotNet's progress goes to stderr, so stdout carries only the JSON figures and the table.</summary>
internal sealed class StderrLogger : ILogger
{
    public string Id => nameof(StderrLogger);

    public int Priority => 0;

    public void Write(LogKind logKind, string text) => Console.Error.Write(text);

    public void WriteLine() => Console.Error.WriteLine();

    public void WriteLine(LogKind logKind, string text) => Console.Error.WriteLine(text);

    public void Flush() => Console.Error.Flush();
}
