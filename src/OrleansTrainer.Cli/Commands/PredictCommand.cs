using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Cli.Prediction;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain predict --model model.json --input FILE --out FILE [--format csv|libsvm] [--id COLUMN] [--delimiter C]
/// [--quote C] [--force]</c>: local prediction with an exported model, no cluster. The input is CSV (in the dialect
/// <c>dataset upload</c> takes) with a header naming (at least) the model's source columns, or LIBSVM text; the
/// output is comma-separated CSV with the columns <see cref="PredictionColumns"/> describes.
/// </summary>
public sealed class PredictCommand(CliIO io) : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : CsvDialectSettings
    {
        /// <summary>The exported model.</summary>
        [CommandOption("--model <FILE>")]
        [Description("A model written by 'otrain model export' (JSON). Required.")]
        public string? Model { get; set; }

        /// <summary>The rows to predict.</summary>
        [CommandOption("--input <FILE>")]
        [Description("The rows: CSV (in the --delimiter and --quote given) with a header that names the model's source columns (other columns are ignored), or LIBSVM text with --format libsvm. Required.")]
        public string? Input { get; set; }

        /// <summary>Where to write the predictions.</summary>
        [CommandOption("--out <FILE>")]
        [Description("Where to write the predictions, CSV: regression 'prediction'; logistic and softmax 'class' and one 'p_<class>' per class; SVM 'class' and 'decision'. Required.")]
        public string? Out { get; set; }

        /// <summary>The input's format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("csv or libsvm (label idx:val ..., 1-based indices; the label is ignored). Models of sparse datasets need libsvm.")]
        [DefaultValue("csv")]
        public string Format { get; set; } = "csv";

        /// <summary>An id column to pass through.</summary>
        [CommandOption("--id <COLUMN>")]
        [Description("CSV: a column copied to the output as its first column, to tell the rows apart.")]
        public string? Id { get; set; }

        /// <summary>Overwrite an existing output file.</summary>
        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Model: null or "" } => ValidationResult.Error("--model is required"),
            { Input: null or "" } => ValidationResult.Error("--input is required"),
            { Out: null or "" } => ValidationResult.Error("--out is required"),
            { Format: not ("csv" or "libsvm") } => ValidationResult.Error($"--format must be csv or libsvm, not {Format}"),
            { Format: "libsvm", Id: not null } => ValidationResult.Error("--id needs CSV input: LIBSVM rows have no named columns"),
            { Format: "libsvm" } when Delimiter != "," || Quote != "\"" => ValidationResult.Error("--delimiter and --quote are for CSV input, not LIBSVM"),
            { Id: "" } => ValidationResult.Error("--id needs a column name"),
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

        var stream = IsStream(settings.Out!);
        if (!stream)
        {
            OutputFile.RefuseOverwrite(settings.Out!, settings.Force);
            if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(settings.Out!))))
            {
                throw CliException.NotFound($"the folder of {settings.Out} does not exist");
            }
        }

        LinearModel model;
        try
        {
            model = await LinearModel.LoadAsync(settings.Model!, cancellationToken);
        }
        catch (FormatException error)
        {
            throw CliException.Failure(error.Message);
        }

        var columns = new PredictionColumns(model, settings.Id);
        var rows = 0L;
        // A file is written beside the output and moved over it only once every row is predicted, so a bad row or
        // Ctrl-C leaves no partial file behind and an earlier output as it was; a stream is written as it goes.
        var partial = stream ? settings.Out! : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.Out!))!, $".{Path.GetFileName(settings.Out!)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var input = settings.Format == "libsvm"
                ? new LibSvmPredictionInput(model, settings.Input!)
                : (IPredictionInput)await CsvPredictionInput.OpenAsync(model, settings.Input!, settings.Dialect(), settings.Id, weightColumn: null, cancellationToken))
            await using (var output = new StreamWriter(partial))
            {
                await output.WriteLineAsync(columns.Header);
                await foreach (var row in input.ReadAsync(cancellationToken))
                {
                    await output.WriteLineAsync(columns.Line(row));
                    rows++;
                }
            }

            if (!stream)
            {
                File.Move(partial, settings.Out!, overwrite: settings.Force);
            }
        }
        finally
        {
            if (!stream)
            {
                File.Delete(partial);
            }
        }

        if (settings.Json)
        {
            JsonOutput.Write(io, new { rows, model = model.Kind, columns = columns.Names, file = Path.GetFullPath(settings.Out!) });
        }
        else
        {
            io.Console.MarkupLineInterpolated($"wrote {Output.Format.Count(rows)} predictions ({model.Kind}: {string.Join(", ", columns.Names)}) to {settings.Out}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Whether <paramref name="path"/> is a device or a link to one (<c>/dev/stdout</c>, <c>/dev/null</c>): written to as a stream, not replaced.</summary>
    private static bool IsStream(string path)
    {
        var full = Path.GetFullPath(path);
        var target = new FileInfo(full).LinkTarget is { } link ? Path.GetFullPath(link, Path.GetDirectoryName(full)!) : full;
        return target.StartsWith("/dev/", StringComparison.Ordinal) || target.StartsWith("/proc/", StringComparison.Ordinal);
    }
}
