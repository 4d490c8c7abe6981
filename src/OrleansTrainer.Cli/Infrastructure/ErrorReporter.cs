using OrleansTrainer.Ingest;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>Prints an error and picks its exit code.</summary>
internal static class ErrorReporter
{
    /// <summary>
    /// Writes <c>otrain: error: ...</c>, one line, to the error writer (and, when <paramref name="verbose"/>, the error
    /// with its causes and stack traces) and returns the exit code for <paramref name="error"/>: <see cref="ExitCodes.Interrupted"/>
    /// for a cancellation once <paramref name="interrupted"/> is cancelled.
    /// </summary>
    public static int Report(CliIO io, Exception error, bool verbose, CancellationToken interrupted)
    {
        var (code, message) = error switch
        {
            OperationCanceledException when interrupted.IsCancellationRequested => (ExitCodes.Interrupted, "interrupted"),
            CliException cli => (cli.ExitCode, cli.Message),
            CommandAppException usage => (ExitCodes.Usage, usage.Message),
            FileNotFoundException or DirectoryNotFoundException => (ExitCodes.NotFound, error.Message),
            FormatException => (ExitCodes.Failure, error.Message),
            ArgumentException => (ExitCodes.Usage, error.Message),
            OperationCanceledException => (ExitCodes.Failure, "cancelled"),
            _ => (ExitCodes.Failure, error.Message),
        };
        io.Error.WriteLine($"otrain: error: {message}");
        if (verbose)
        {
            io.Error.WriteLine(error.ToString());
        }

        if (code == ExitCodes.Usage)
        {
            io.Error.WriteLine("otrain: run 'otrain --help' or 'otrain <command> --help' for usage.");
        }

        return code;
    }
}
