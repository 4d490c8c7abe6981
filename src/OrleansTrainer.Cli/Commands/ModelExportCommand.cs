using System.ComponentModel;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain model export JOB --out FILE [--format json|onnx] [--onnx-input features|columns] [--force]</c>.</summary>
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
        [Description("Where to write the model. Required.")]
        public string? Out { get; set; }

        /// <summary>The file format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("json (the model with its provenance and encoding; what 'otrain predict' reads) or onnx.")]
        [DefaultValue("json")]
        public string Format { get; set; } = "json";

        /// <summary>What the ONNX model takes.</summary>
        [CommandOption("--onnx-input <INPUT>")]
        [Description("ONNX: features (one float32 input 'features' [N, d], encoded already) or columns (one [N, 1] input per source column, string for one-hot, float32 with NaN for missing; the graph encodes them; not for hashed columns or sparse datasets).")]
        [DefaultValue("features")]
        public string OnnxInput { get; set; } = "features";

        /// <summary>Overwrite an existing file.</summary>
        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Out: null or "" } => ValidationResult.Error("--out is required"),
            { Format: not ("json" or "onnx") } => ValidationResult.Error($"--format must be json or onnx, not {Format}"),
            { OnnxInput: not ("features" or "columns") } => ValidationResult.Error($"--onnx-input must be features or columns, not {OnnxInput}"),
            { Format: not "onnx", OnnxInput: not "features" } => ValidationResult.Error("--onnx-input needs --format onnx"),
            _ => ValidationResult.Success(),
        };
    }

    /// <inheritdoc />
    protected override void CheckBeforeConnecting(Settings settings) => OutputFile.RefuseOverwrite(settings.Out!, settings.Force);

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        var job = await JobLookup.RequireAsync(client, settings.Job, cancellationToken);
        var model = await client.GetModelAsync(settings.Job, cancellationToken);
        try
        {
            await (settings.Format == "onnx"
                ? model.SaveOnnxAsync(settings.Out!, settings.OnnxInput == "columns" ? OnnxInputs.Columns : OnnxInputs.Features, cancellationToken)
                : model.SaveAsync(settings.Out!, cancellationToken));
        }
        catch (NotSupportedException error)
        {
            throw CliException.Failure(error.Message);
        }

        if (settings.Json)
        {
            JsonOutput.Write(IO, new { job = job.Name, round = job.Round, status = job.Status, format = settings.Format, onnxInput = settings.Format == "onnx" ? settings.OnnxInput : null, file = Path.GetFullPath(settings.Out!) });
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"exported the model of job [bold]{job.Name}[/] ({job.Status}, round {job.Round}; {model.FeatureCount} features, {model.Outputs} output(s)) to {settings.Out} ({(settings.Format == "onnx" ? $"onnx of {settings.OnnxInput}" : settings.Format)})");
        }

        return ExitCodes.Success;
    }
}
