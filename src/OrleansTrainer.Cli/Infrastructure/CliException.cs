namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>An error a command reports to the user with a given exit code (and, with --verbose, its cause).</summary>
public sealed class CliException(int exitCode, string message, Exception? cause = null) : Exception(message, cause)
{
    /// <summary>The process exit code (<see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A usage error.</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>Something named does not exist.</summary>
    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);

    /// <summary>The command ran and failed.</summary>
    public static CliException Failure(string message) => new(ExitCodes.Failure, message);
}
