using OrleansTrainer.Client;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>A command that talks to the cluster: connects, runs, disconnects.</summary>
public abstract class ClusterCommand<TSettings>(CliIO io) : AsyncCommand<TSettings>
    where TSettings : ClusterSettings
{
    /// <summary>Where to write.</summary>
    protected CliIO IO { get; } = io;

    /// <inheritdoc />
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        CheckBeforeConnecting(settings);
        await using var client = await ClusterConnection.ConnectAsync(settings, cancellationToken);
        return await RunAsync(client, settings, cancellationToken);
    }

    /// <summary>Checks what needs no cluster (local files) so that such errors come at once; throws <see cref="CliException"/>.</summary>
    protected virtual void CheckBeforeConnecting(TSettings settings)
    {
    }

    /// <summary>The command's work; returns the exit code.</summary>
    protected abstract Task<int> RunAsync(TrainerClient client, TSettings settings, CancellationToken cancellationToken);
}
