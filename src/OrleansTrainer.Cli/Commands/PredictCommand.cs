using System.ComponentModel;
using System.Globalization;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain predict --model model.json --input FILE --out FILE</c>: local prediction with an exported model, no cluster.
/// The input is CSV with a header naming (at least) the model's features; the output has one <c>prediction</c> per row.
/// </summary>
public sealed class PredictCommand(CliIO io) : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : ClusterSettings
    {
        /// <summary>The exported model.</summary>
        [CommandOption("--model <FILE>")]
        [Description("A model written by 'otrain model export'. Required.")]
        public string? Model { get; set; }

        /// <summary>The rows to predict.</summary>
        [CommandOption("--input <FILE>")]
        [Description("CSV with a header that names the model's features (other columns are ignored). Required.")]
        public string? Input { get; set; }

        /// <summary>Where to write the predictions.</summary>
        [CommandOption("--out <FILE>")]
        [Description("Where to write the predictions (CSV with one column, prediction). Required.")]
        public string? Out { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Model: null or "" } => ValidationResult.Error("--model is required"),
            { Input: null or "" } => ValidationResult.Error("--input is required"),
            { Out: null or "" } => ValidationResult.Error("--out is required"),
            _ => ValidationResult.Success(),
        };
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { settings.Model!, settings.Input! }.Where(p => !File.Exists(p)))
        {
            throw CliException.NotFound($"file {path} does not exist");
        }

        LinearModel model;
        try
        {
            model = await LinearModel.LoadAsync(settings.Model!, cancellationToken);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            throw CliException.Failure($"{settings.Model}: {error.Message}");
        }

        var rows = 0L;
        using (var input = new StreamReader(settings.Input!))
        await using (var output = new StreamWriter(settings.Out!))
        {
            var source = Path.GetFileName(settings.Input!);
            var columns = FeatureColumns(model, await input.ReadLineAsync(cancellationToken), source);
            var features = new double[columns.Length];
            await output.WriteLineAsync("prediction");
            var line = 1L;
            while (await input.ReadLineAsync(cancellationToken) is { } text)
            {
                line++;
                if (text.Length == 0)
                {
                    continue;
                }

                var cells = text.Split(',');
                for (var j = 0; j < columns.Length; j++)
                {
                    var column = columns[j];
                    if (column >= cells.Length || !double.TryParse(cells[column].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out features[j]))
                    {
                        throw CliException.Failure($"{source}: line {line}, column {column + 1} ({model.FeatureNames[j]}): not a number");
                    }
                }

                await output.WriteLineAsync(model.Predict(features).ToString("R", CultureInfo.InvariantCulture));
                rows++;
            }
        }

        if (settings.Json)
        {
            JsonOutput.Write(io, new { rows, model = model.Kind, file = Path.GetFullPath(settings.Out!) });
        }
        else
        {
            io.Console.MarkupLineInterpolated($"wrote {Format.Count(rows)} predictions ({model.Kind}) to {settings.Out}");
        }

        return ExitCodes.Success;
    }

    private static int[] FeatureColumns(LinearModel model, string? header, string source)
    {
        var names = (header ?? throw CliException.Failure($"{source} is empty; it needs a header row")).Split(',').Select(n => n.Trim().Trim('"')).ToList();
        return model.FeatureNames.Select(f =>
        {
            var index = names.IndexOf(f);
            return index >= 0 ? index : throw CliException.Failure($"{source}: the header has no column {f}, a feature of the model");
        }).ToArray();
    }
}
