using OrleansTrainer.Cli;
using Spectre.Console.Testing;

namespace OrleansTrainer.Cli.Tests;

/// <summary>Runs otrain in this process, as a user would from a terminal, and captures what it prints.</summary>
public static class Otrain
{
    /// <summary>Runs <c>otrain args</c>; returns the exit code, the human output, the JSON output and the errors.</summary>
    public static Task<Run> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs <c>otrain args</c>, interrupted (as by Ctrl-C) when <paramref name="interrupted"/> is cancelled.</summary>
    public static async Task<Run> RunAsync(CancellationToken interrupted, params string[] args)
    {
        using var console = new TestConsole().Width(200);
        var json = new StringWriter();
        var error = new StringWriter();
        var code = await OtrainApp.RunAsync(args, new CliIO(console, json, error), interrupted);
        return new Run(code, console.Output, json.ToString(), error.ToString());
    }

    /// <summary>The outcome of one otrain run.</summary>
    public sealed record Run(int ExitCode, string Output, string Json, string Error)
    {
        /// <inheritdoc />
        public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- json\n{Json}\n--- error\n{Error}";
    }
}
