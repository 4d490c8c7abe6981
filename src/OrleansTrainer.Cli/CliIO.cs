using Spectre.Console;

namespace OrleansTrainer.Cli;

/// <summary>Where otrain writes: a rich console for people, a plain writer for JSON, and one for errors.</summary>
/// <param name="Console">Human output: tables, progress bars.</param>
/// <param name="Json">Machine output (<c>--json</c>), written as is, never wrapped.</param>
/// <param name="Error">Error messages.</param>
public sealed record CliIO(IAnsiConsole Console, TextWriter Json, TextWriter Error)
{
    /// <summary>The process's standard output and error.</summary>
    public static CliIO FromProcess() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error);
}
