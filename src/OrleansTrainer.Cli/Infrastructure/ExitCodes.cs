namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>otrain's exit codes, so that scripts can tell a typo from a missing job from a failed cluster call.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed: the cluster refused or could not be reached, the input data is bad, or a job failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown command or option, a missing or invalid value.</summary>
    public const int Usage = 2;

    /// <summary>A named dataset, job or file does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>Interrupted (Ctrl-C or SIGTERM) before it finished; an upload keeps nothing, a watched job runs on. 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
