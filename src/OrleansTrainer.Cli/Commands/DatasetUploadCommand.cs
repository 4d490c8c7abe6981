using System.ComponentModel;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain dataset upload FILE --name N --shards S [--label COL] [--format csv|libsvm|parquet]</c>, with CSV dialect
/// (<c>--delimiter</c>, <c>--quote</c>, <c>--columns</c>) options, and for CSV and Parquet alike <c>--ignore</c>,
/// categorical (<c>--categorical</c>, <c>--max-categories</c>, <c>--hash-categorical</c>) and missing-value
/// (<c>--missing</c>, <c>--missing-indicator</c>) options.
/// </summary>
public sealed class DatasetUploadCommand(CliIO io) : ClusterCommand<DatasetUploadCommand.Settings>(io)
{
    /// <summary>The command's arguments.</summary>
    public sealed class Settings : CsvDialectSettings
    {
        /// <summary>The file to upload.</summary>
        [CommandArgument(0, "<FILE>")]
        [Description("The file to upload: CSV with a header row, LIBSVM text (label idx:val ..., 1-based indices), or Parquet.")]
        public string File { get; set; } = "";

        /// <summary>The dataset's name.</summary>
        [CommandOption("--name <NAME>")]
        [Description("The dataset's name. Required.")]
        public string? Name { get; set; }

        /// <summary>How many shards.</summary>
        [CommandOption("--shards <S>")]
        [Description("How many data shards hold the rows (row i goes to shard i mod S).")]
        [DefaultValue(4)]
        public int Shards { get; set; } = 4;

        /// <summary>The label column.</summary>
        [CommandOption("--label <COL>")]
        [Description("The label column's name (required for CSV and Parquet).")]
        public string? Label { get; set; }

        /// <summary>The instance-weight column.</summary>
        [CommandOption("--weight <COL>")]
        [Description("An instance-weight column's name (CSV, Parquet).")]
        public string? Weight { get; set; }

        /// <summary>The file format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("csv, libsvm or parquet.")]
        [DefaultValue("csv")]
        public string Format { get; set; } = "csv";

        /// <summary>Map LIBSVM labels −1/0 to 0 and +1 to 1.</summary>
        [CommandOption("--signs-to-binary")]
        [Description("LIBSVM: read labels -1/0 as 0 and +1 as 1, as logistic regression needs.")]
        public bool SignsToBinary { get; set; }

        /// <summary>Store float64 features.</summary>
        [CommandOption("--float64")]
        [Description("Store the features as float64 (default float32).")]
        public bool Float64 { get; set; }

        /// <summary>Column names of a file without a header row.</summary>
        [CommandOption("--columns <A,B,C>")]
        [Description("The column names of a CSV file without a header row (its first line is then data).")]
        public string? Columns { get; set; }

        /// <summary>Columns to leave out.</summary>
        [CommandOption("--ignore <A,B>")]
        [Description("CSV or Parquet columns to leave out (ids, free text).")]
        public string? Ignore { get; set; }

        /// <summary>One-hot columns.</summary>
        [CommandOption("--categorical <A,B>")]
        [Description("CSV columns or Parquet string columns of categories, one-hot encoded: one feature 'col=value' per value, most frequent first (a first pass over the file counts them).")]
        public string? Categorical { get; set; }

        /// <summary>The vocabulary cap.</summary>
        [CommandOption("--max-categories <N>")]
        [Description("Keep the N most frequent values of each --categorical column; the rest, and values never seen in training, go to 'col=<other>'. Without it every value gets a feature and an unseen value is refused at prediction.")]
        public int? MaxCategories { get; set; }

        /// <summary>Hashed categorical columns.</summary>
        [CommandOption("--hash-categorical <COL:BITS,...>")]
        [Description("CSV columns or Parquet string columns of categories hashed onto 2^BITS features each ('col#h0' ..), BITS 1 to 20; no first pass, no unseen values.")]
        public string? HashCategorical { get; set; }

        /// <summary>The missing-value policy.</summary>
        [CommandOption("--missing <POLICY>")]
        [Description("Empty CSV cells and Parquet nulls: refuse (default), mean (the column's mean; a first pass computes it) or constant:VALUE. Categorical columns take the category '<missing>' unless refused; labels and weights are never imputed.")]
        [DefaultValue("refuse")]
        public string Missing { get; set; } = "refuse";

        /// <summary>Add missing indicators.</summary>
        [CommandOption("--missing-indicator")]
        [Description("With --missing mean or constant: a feature 'col=<missing>' per numeric column, 1 where the cell was empty or null.")]
        public bool MissingIndicator { get; set; }

        /// <summary>Skip blank lines between CSV records instead of refusing them.</summary>
        [CommandOption("--skip-blank-lines")]
        [Description("CSV: skip blank lines between rows (and report how many) instead of refusing the file at the first; blank lines before the header and at the end are always allowed.")]
        public bool SkipBlankLines { get; set; }

        /// <summary>How many parts the silos split the file into (<c>dataset ingest</c>).</summary>
        [CommandOption("--parts <N>")]
        [Description("dataset ingest: split the file into N parts, each read by one silo (default: two per silo).")]
        [DefaultValue(0)]
        public int Parts { get; set; }

        /// <inheritdoc />
        public override ValidationResult Validate() => this switch
        {
            { Name: null or "" } => ValidationResult.Error("--name is required"),
            { Shards: < 1 } => ValidationResult.Error($"--shards must be at least 1, not {Shards}"),
            { Parts: < 0 } => ValidationResult.Error($"--parts must be at least 1 (or 0 for two per silo), not {Parts}"),
            { Format: not ("csv" or "libsvm" or "parquet") } => ValidationResult.Error($"--format must be csv, libsvm or parquet, not {Format}"),
            { Format: "csv" or "parquet", Label: null or "" } => ValidationResult.Error($"--label is required for {Format} files"),
            { MaxCategories: < 1 } => ValidationResult.Error($"--max-categories must be at least 1, not {MaxCategories}"),
            { MaxCategories: not null, Categorical: null } => ValidationResult.Error("--max-categories needs --categorical columns"),
            { MissingIndicator: true, Missing: "refuse" } => ValidationResult.Error("--missing-indicator needs --missing mean or constant:VALUE"),
            { SkipBlankLines: true, Format: not "csv" } => ValidationResult.Error($"--skip-blank-lines applies to CSV files, not {Format}"),
            _ => ValidationResult.Success(),
        };
    }

    /// <inheritdoc />
    protected override void CheckBeforeConnecting(Settings settings)
    {
        if (!System.IO.File.Exists(settings.File))
        {
            throw CliException.NotFound($"file {settings.File} does not exist");
        }
    }

    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        var info = settings.Format == "parquet" ? await UploadParquetAsync(client, settings, cancellationToken) : await UploadTextAsync(client, settings, cancellationToken);
        if (settings.Json)
        {
            JsonOutput.Write(IO, DatasetView.From(info));
        }
        else
        {
            IO.Console.MarkupLineInterpolated($"[green]uploaded[/] dataset [bold]{info.Name}[/]: {Format.Count(info.TotalRows)} rows × {Format.Count(info.Schema.FeatureCount)} features in {info.ShardCount} shards ({Format.Bytes(info.StoredBytes)} in Redis)");
            if (info.SkippedBlankLines > 0)
            {
                IO.Console.MarkupLineInterpolated($"skipped {Format.Count(info.SkippedBlankLines)} blank lines between rows (--skip-blank-lines)");
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Uploads a Parquet file; it is read by row group, so no per-line progress is shown.</summary>
    private static Task<DatasetInfo> UploadParquetAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken) =>
        client.CreateDatasetFromParquetAsync(settings.Name!, settings.File, UploadOptions.Parquet(settings), cancellationToken);

    /// <summary>Uploads a CSV or LIBSVM file, showing progress unless the output is JSON.</summary>
    private async Task<DatasetInfo> UploadTextAsync(TrainerClient client, Settings settings, CancellationToken cancellationToken)
    {
        var length = new FileInfo(settings.File).Length;
        var source = Path.GetFileName(settings.File);
        LineCountingReader? current = null;
        LineCountingReader Open() => current = new LineCountingReader(new StreamReader(new FileStream(settings.File,
            new FileStreamOptions { Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan })));
        Task<DatasetInfo> upload;
        if (settings.Format == "libsvm")
        {
            var libsvm = new LibSvmReader(Open(), source, new LibSvmOptions { LabelMapping = settings.SignsToBinary ? LibSvmLabelMapping.SignsToBinary : LibSvmLabelMapping.AsIs });
            upload = UploadAndDisposeAsync(client.CreateSparseDatasetAsync(settings.Name!, libsvm, new IngestOptions { ShardCount = settings.Shards }, cancellationToken), libsvm);
        }
        else
        {
            upload = client.CreateDatasetFromCsvAsync(settings.Name!, Open, source, UploadOptions.Csv(settings), cancellationToken);
        }

        return settings.Json ? await upload : await ShowProgressAsync(upload, length, () => current);
    }

    private static async Task<DatasetInfo> UploadAndDisposeAsync(Task<DatasetInfo> upload, IDisposable reader)
    {
        using (reader)
        {
            return await upload;
        }
    }

    /// <summary>
    /// Shows bytes and rows read while <paramref name="upload"/> runs (a first pass over the file, then the rows); reads
    /// only the counts the reading thread records, never the file, which the upload closes when it ends or fails.
    /// </summary>
    private async Task<DatasetInfo> ShowProgressAsync(Task<DatasetInfo> upload, long fileLength, Func<LineCountingReader?> current)
    {
        var length = Math.Max(1, fileLength);
        var started = DateTimeOffset.UtcNow;
        await IO.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("rows 0", maxValue: length);
                while (!upload.IsCompleted)
                {
                    await Task.WhenAny(upload, Task.Delay(200));
                    var seconds = Math.Max(1e-3, (DateTimeOffset.UtcNow - started).TotalSeconds);
                    var rows = Math.Max(0, (current()?.Lines ?? 0) - 1);
                    task.Description = $"rows {Format.Count(rows)} ({Format.Count((long)(rows / seconds))} rows/s)";
                    task.Value = Math.Min(length, current()?.Bytes ?? 0);
                }

                if (upload.IsCompletedSuccessfully)
                {
                    task.Description = $"rows {Format.Count(upload.Result.TotalRows)}";
                    task.Value = length;
                }
            });
        return await upload;
    }
}
