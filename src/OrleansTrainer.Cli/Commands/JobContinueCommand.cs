using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain job continue JOB --max-rounds N</c>: runs a completed job on to a new round limit.</summary>
public sealed class JobContinueCommand(CliIO io) : ClusterCommand<JobContinueCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>The job.</summary>
        [CommandArgument(0, "<JOB>")]
        [Description("The completed job to continue.")]
        public string Job { get; set; } = "";

        /// <summary>The new round limit.</summary>
        [CommandOption("--max-rounds <N>")]
        [Description("The job's new round limit (more than the rounds it has run). Required.")]
        public int? MaxRounds { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            MaxRounds is null ? ValidationResult.Error("--max-rounds is required") : ValidationResult.Success();
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        await JobLookup.RequireAsync(client, settings.Job, cancellationToken);
        Abstractions.JobStatusInfo info;
        try
        {
            using var actor = CliActor.Scope();
            info = await client.ContinueJobAsync(settings.Job, settings.MaxRounds!.Value, cancellationToken);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            throw CliException.Failure(error.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, JobView.From(info));
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"job [bold]{info.Name}[/] continues from round {info.Round} to {settings.MaxRounds}; follow it with: otrain job show {info.Name}");
        }

        return ExitCodes.Success;
    }
}
