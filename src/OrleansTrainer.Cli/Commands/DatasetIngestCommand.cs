using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary>
/// <c>otrain dataset ingest PATH --name N (--label COL [CSV options] | --format libsvm [--signs-to-binary] | --format parquet --label COL) [--parts P]</c>:
/// the silos read a CSV, LIBSVM or Parquet file themselves (distributed ingestion). PATH is the file as the silos see it, on a
/// volume every silo mounts; it need not exist where otrain runs. Takes the options of <c>dataset upload</c> and stores
/// the same rows.
/// </summary>
public sealed class DatasetIngestCommand(CliIO io) : ClusterCommand<DatasetUploadCommand.Settings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, DatasetUploadCommand.Settings settings, CancellationToken cancellationToken)
    {
        var ingest = settings.Format switch
        {
            "libsvm" => client.CreateSparseDatasetFromSharedLibSvmAsync(settings.Name!, settings.File, new LibSvmIngestOptions
            {
                ShardCount = settings.Shards,
                Reader = new LibSvmOptions { LabelMapping = settings.SignsToBinary ? LibSvmLabelMapping.SignsToBinary : LibSvmLabelMapping.AsIs },
            }, settings.Parts, cancellationToken),
            "parquet" => client.CreateDatasetFromSharedParquetAsync(settings.Name!, settings.File, UploadOptions.Parquet(settings), settings.Parts, cancellationToken),
            _ => client.CreateDatasetFromSharedCsvAsync(settings.Name!, settings.File, UploadOptions.Csv(settings), settings.Parts, cancellationToken),
        };
        var started = DateTimeOffset.UtcNow;
        var info = settings.Json ? await ingest : await IO.Console.Status().StartAsync($"the silos are reading {settings.File}", _ => ingest);
        if (settings.Json)
        {
            JsonOutput.Write(IO, DatasetView.From(info));
        }
        else
        {
            var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
            IO.Console.MarkupLineInterpolated($"[green]ingested[/] dataset [bold]{info.Name}[/] from {settings.File} by the silos in {seconds:F1} s: {Format.Count(info.TotalRows)} rows × {Format.Count(info.Schema.FeatureCount)} features in {info.ShardCount} shards ({Format.Bytes(info.StoredBytes)} in Redis)");
            if (info.SkippedBlankLines > 0)
            {
                IO.Console.MarkupLineInterpolated($"skipped {Format.Count(info.SkippedBlankLines)} blank lines between rows (--skip-blank-lines)");
            }
        }

        return ExitCodes.Success;
    }
}
