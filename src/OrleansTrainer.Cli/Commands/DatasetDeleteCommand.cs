using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain dataset delete NAME [--force]</c>: refused while running or paused jobs use the dataset (the error names
/// them) unless <c>--force</c>, which cancels them first.
/// </summary>
public sealed class DatasetDeleteCommand(CliIO io) : ClusterCommand<DatasetDeleteCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>The dataset's name.</summary>
        [CommandArgument(0, "<NAME>")]
        [Description("The dataset's name.")]
        public string Name { get; set; } = "";

        /// <summary>Cancel the jobs that use the dataset.</summary>
        [CommandOption("--force")]
        [Description("Cancel the running or paused jobs that train or validate on the dataset (recorded in their history), then delete it.")]
        public bool Force { get; set; }
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        var info = await client.GetDatasetAsync(settings.Name, cancellationToken);
        if (info.Status == DatasetStatus.None)
        {
            throw CliException.NotFound($"dataset {settings.Name} does not exist");
        }

        string[] cancelled;
        try
        {
            cancelled = await client.DeleteDatasetAsync(settings.Name, settings.Force, cancellationToken);
        }
        catch (InvalidOperationException refused)
        {
            throw CliException.Failure(refused.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, new { deleted = settings.Name, cancelledJobs = cancelled });
        }
        else
        {
            foreach (var job in cancelled)
            {
                IO.Console.MarkupLineInterpolated($"cancelled job [bold]{job}[/]");
            }

            IO.Console.MarkupLineInterpolated($"deleted dataset [bold]{settings.Name}[/]");
        }

        return ExitCodes.Success;
    }
}
