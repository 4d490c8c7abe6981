using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary>A command that steers one job (pause, resume, cancel) as the operating-system user (<see cref="CliActor"/>) and prints its new state.</summary>
public abstract class JobControlCommand<TSettings>(CliIO io) : ClusterCommand<TSettings>(io)
    where TSettings : ClusterSettings
{
    /// <summary>The job's name in <paramref name="settings"/>.</summary>
    protected abstract string JobName(TSettings settings);

    /// <summary>Sends the control call.</summary>
    protected abstract Task<JobStatusInfo> ApplyAsync(TrainerClient client, TSettings settings, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected sealed override async Task<int> RunAsync(TrainerClient client, TSettings settings, CancellationToken cancellationToken)
    {
        await JobLookup.RequireAsync(client, JobName(settings), cancellationToken);
        JobStatusInfo info;
        try
        {
            using var actor = CliActor.Scope();
            info = await ApplyAsync(client, settings, cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            throw CliException.Failure(refused.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, JobView.From(info));
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"job [bold]{info.Name}[/]: {info.Status} at round {info.Round} (learning rate {Format.Number(info.Spec?.LearningRate ?? 0)})");
        }

        return ExitCodes.Success;
    }
}

/// <summary><c>otrain job pause JOB</c>.</summary>
public sealed class JobPauseCommand(CliIO io) : JobControlCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override string JobName(NameSettings settings) => settings.Name;

    /// <inheritdoc />
    protected override Task<JobStatusInfo> ApplyAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken) =>
        client.PauseJobAsync(settings.Name, cancellationToken);
}

/// <summary><c>otrain job resume JOB</c>.</summary>
public sealed class JobResumeCommand(CliIO io) : JobControlCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override string JobName(NameSettings settings) => settings.Name;

    /// <inheritdoc />
    protected override Task<JobStatusInfo> ApplyAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken) =>
        client.ResumeJobAsync(settings.Name, cancellationToken);
}

/// <summary><c>otrain job cancel JOB</c>.</summary>
public sealed class JobCancelCommand(CliIO io) : JobControlCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override string JobName(NameSettings settings) => settings.Name;

    /// <inheritdoc />
    protected override Task<JobStatusInfo> ApplyAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken) =>
        client.CancelJobAsync(settings.Name, cancellationToken);
}
