using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using OrleansTrainer.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain model evaluate --model m.json --dataset DS</c> (or <c>--job JOB</c>): scores every row of a dataset on
/// the cluster — each shard scores its own rows and returns statistics — and prints the model's metrics.
/// </summary>
public sealed class ModelEvaluateCommand(CliIO io) : ClusterCommand<ModelEvaluateCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>An exported model.</summary>
        [CommandOption("--model <FILE>")]
        [Description("A model written by 'otrain model export'.")]
        public string? Model { get; set; }

        /// <summary>A job whose model to evaluate.</summary>
        [CommandOption("--job <JOB>")]
        [Description("Evaluate this job's model as it is now (instead of --model).")]
        public string? Job { get; set; }

        /// <summary>The dataset to score.</summary>
        [CommandOption("--dataset <NAME>")]
        [Description("The dataset whose rows to score (its features must be the model's). Required.")]
        public string? Dataset { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Model: null or "", Job: null or "" } => ValidationResult.Error("--model or --job is required"),
            { Model: not (null or ""), Job: not (null or "") } => ValidationResult.Error("--model and --job exclude each other"),
            { Dataset: null or "" } => ValidationResult.Error("--dataset is required"),
            _ => ValidationResult.Success(),
        };
    }

    /// <inheritdoc />
    protected override void CheckBeforeConnecting(Settings settings)
    {
        if (settings.Model is { Length: > 0 } path && !File.Exists(path))
        {
            throw CliException.NotFound($"file {path} does not exist");
        }
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        LinearModel model;
        if (settings.Job is { Length: > 0 } job)
        {
            await JobLookup.RequireAsync(client, job, cancellationToken);
            model = await client.GetModelAsync(job, cancellationToken);
        }
        else
        {
            try
            {
                model = await LinearModel.LoadAsync(settings.Model!, cancellationToken);
            }
            catch (Exception error) when (error is FormatException or ArgumentException)
            {
                throw CliException.Failure($"{settings.Model}: {error.Message}");
            }
        }

        EvaluationMetrics metrics;
        try
        {
            metrics = await client.EvaluateAsync(model, settings.Dataset!, cancellationToken);
        }
        catch (ArgumentException error)
        {
            throw CliException.Failure(error.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, new { dataset = settings.Dataset, model = model.Kind, metrics });
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("metric", "value");
        foreach (var (metric, value) in metrics.Present())
        {
            table.AddRow(MetricSupport.Name(metric), Format.Number(value));
        }

        IO.Console.MarkupLineInterpolated($"{model.Kind} on {settings.Dataset}: {Format.Count(metrics.Rows)} rows");
        IO.Console.Write(table);
        if (metrics.ConfusionMatrix.Length > 0)
        {
            IO.Console.Write(ConfusionTable(metrics));
        }

        return ExitCodes.Success;
    }

    private static Table ConfusionTable(EvaluationMetrics metrics)
    {
        var k = metrics.Classes;
        var table = new Table().AddColumn("true \\ predicted");
        for (var c = 0; c < k; c++)
        {
            table.AddColumn(c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var r = 0; r < k; r++)
        {
            table.AddRow([r.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Enumerable.Range(0, k).Select(c => Format.Number(metrics.ConfusionMatrix[r * k + c]))]);
        }

        return table;
    }
}
