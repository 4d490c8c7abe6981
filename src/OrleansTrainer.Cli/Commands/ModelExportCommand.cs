using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain model export JOB --out model.json</c>.</summary>
public sealed class ModelExportCommand(CliIO io) : ClusterCommand<ModelExportCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>The job.</summary>
        [CommandArgument(0, "<JOB>")]
        [Description("The job whose model to export.")]
        public string Job { get; set; } = "";

        /// <summary>The output file.</summary>
        [CommandOption("--out <FILE>")]
        [Description("Where to write the model (JSON). Required.")]
        public string? Out { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Out) ? ValidationResult.Error("--out is required") : ValidationResult.Success();
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        var job = await JobLookup.RequireAsync(client, settings.Job, cancellationToken);
        var model = await client.GetModelAsync(settings.Job, cancellationToken);
        await model.SaveAsync(settings.Out!, cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(IO, new { job = job.Name, round = job.Round, status = job.Status, file = Path.GetFullPath(settings.Out!) });
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"exported the model of job [bold]{job.Name}[/] ({job.Status}, round {job.Round}; {model.FeatureNames.Count} features, {model.Outputs} output(s)) to {settings.Out}");
        }

        return ExitCodes.Success;
    }
}
