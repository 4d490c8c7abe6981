using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Prediction;
using OrleansTrainer.Client;
using OrleansTrainer.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain model evaluate --model m.json --dataset DS</c> (or <c>--job JOB</c>): scores every row of a dataset on
/// the cluster — each shard scores its own rows and returns statistics — and prints the model's metrics;
/// <c>--input FILE.csv</c> scores a local file instead (<c>--delimiter</c>, <c>--quote</c> as for upload), with no cluster.
/// </summary>
public sealed class ModelEvaluateCommand(CliIO io) : AsyncCommand<ModelEvaluateCommand.Settings>
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : CsvDialectSettings
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
        [Description("The dataset whose rows to score on the cluster (its features must be the model's).")]
        public string? Dataset { get; set; }

        /// <summary>A local file to score.</summary>
        [CommandOption("--input <FILE>")]
        [Description("Score this CSV file locally instead (a header naming the model's features and the label column); no cluster.")]
        public string? Input { get; set; }

        /// <summary>The label column of --input.</summary>
        [CommandOption("--label <COLUMN>")]
        [Description("The label column of --input. Default: the model's label (from its provenance).")]
        public string? Label { get; set; }

        /// <summary>The instance-weight column of --input.</summary>
        [CommandOption("--weight <COLUMN>")]
        [Description("The instance-weight column of --input (as 'dataset upload --weight'): each row counts by its weight, as a weighted dataset's rows do on the cluster. Default: every row counts once.")]
        public string? Weight { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Model: null or "", Job: null or "" } => ValidationResult.Error("--model or --job is required"),
            { Model: not (null or ""), Job: not (null or "") } => ValidationResult.Error("--model and --job exclude each other"),
            { Dataset: null or "", Input: null or "" } => ValidationResult.Error("--dataset or --input is required"),
            { Dataset: not (null or ""), Input: not (null or "") } => ValidationResult.Error("--dataset and --input exclude each other"),
            { Input: not (null or ""), Job: not (null or "") } => ValidationResult.Error("--input scores an exported --model, not a --job"),
            { Input: null or "", Weight: not null } => ValidationResult.Error("--weight names a column of --input; a dataset on the cluster has its own weights"),
            _ => ValidationResult.Success(),
        };
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { settings.Model, settings.Input }.OfType<string>().Where(p => p.Length > 0 && !File.Exists(p)))
        {
            throw CliException.NotFound($"file {path} does not exist");
        }

        if (settings.Input is { Length: > 0 } input)
        {
            var model = await LoadAsync(settings.Model!, cancellationToken);
            return Report(settings, model, Path.GetFileName(input), await LocalEvaluation.RunAsync(model, input, settings.Dialect(), settings.Label, settings.Weight, cancellationToken));
        }

        await using var client = await ClusterConnection.ConnectAsync(settings, cancellationToken);
        var scored = settings.Job is { Length: > 0 } job ? await JobModelAsync(client, job, cancellationToken) : await LoadAsync(settings.Model!, cancellationToken);
        try
        {
            return Report(settings, scored, settings.Dataset!, await client.EvaluateAsync(scored, settings.Dataset!, cancellationToken));
        }
        catch (ArgumentException error)
        {
            throw CliException.Failure(error.Message);
        }
    }

    private static async Task<LinearModel> JobModelAsync(TrainerClient client, string job, CancellationToken cancellationToken)
    {
        await JobLookup.RequireAsync(client, job, cancellationToken);
        return await client.GetModelAsync(job, cancellationToken);
    }

    private static async Task<LinearModel> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await LinearModel.LoadAsync(path, cancellationToken);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            throw CliException.Failure(error.Message);
        }
    }

    private int Report(Settings settings, LinearModel model, string source, EvaluationMetrics metrics)
    {
        if (settings.Json)
        {
            JsonOutput.Write(io, new { source, model = model.Kind, metrics });
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("metric", "value");
        foreach (var (metric, value) in metrics.Present())
        {
            table.AddRow(MetricSupport.Name(metric), Format.Number(value));
        }

        io.Console.MarkupLineInterpolated($"{model.Kind} on {source}: {Format.Count(metrics.Rows)} rows");
        io.Console.Write(table);
        if (metrics.ConfusionMatrix.Length > 0)
        {
            io.Console.Write(ConfusionTable(metrics));
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
