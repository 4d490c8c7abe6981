using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>How otrain names itself in a job's history: the operating-system user, e.g. <c>by alice (otrain)</c>.</summary>
public static class CliActor
{
    /// <summary>The name recorded: <c>USER (otrain)</c>.</summary>
    public static string Name => $"{Environment.UserName} (otrain)";

    /// <summary>Names the user for the control calls made until the scope is disposed (see <see cref="JobActor"/>).</summary>
    public static IDisposable Scope() => JobActor.As(Name);
}
