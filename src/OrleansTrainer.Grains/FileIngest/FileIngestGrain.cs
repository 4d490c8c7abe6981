using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Ingestion of a shared file by the silos (distributed ingestion). This silo reads the header (and, for one-hot
/// columns or mean imputation, the whole file once for the encoding, as the client would), splits the file at line
/// breaks into parts, and gives each part to an <see cref="IFilePartGrain"/> placed on the silos in turn: the parts
/// are counted in parallel, which fixes every part's first row and first line, then read in parallel, each row going to
/// the shard and position a client upload would give it. All or nothing through the dataset's ingestion protocol.
/// </summary>
public sealed partial class FileIngestGrain(ILogger<FileIngestGrain> logger) : Grain, IFileIngestGrain
{
    /// <inheritdoc />
    public Task<DatasetInfo> IngestAsync(FileIngestRequest request) => ReadErrors.LocatedAsync(() => ReadFileAsync(request));

    private async Task<DatasetInfo> ReadFileAsync(FileIngestRequest request)
    {
        var name = this.GetPrimaryKeyString();
        var options = CsvOptionsJson.Read(request.CsvOptions);
        IngestRules.Validate(name, options);
        var source = Path.GetFileName(request.Path);
        if (!File.Exists(request.Path))
        {
            throw new FileNotFoundException(
                $"{request.Path}: no such file on silo {RuntimeIdentity}. The silos read the file themselves, so it must be on a volume every silo mounts at that path (upload a local file with otrain dataset upload).",
                request.Path);
        }

        DatasetSchema schema;
        DatasetEncoding encoding;
        using (var probe = await CsvDatasetReader.OpenAsync(() => FileParts.OpenPart(request.Path, 0, long.MaxValue), source, options))
        {
            encoding = probe.Encoding;
            schema = DatasetUploader.SchemaOf(probe, options, encoding);
        }

        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        var starts = FileParts.Split(request.Path, request.Parts > 0 ? request.Parts : 2 * silos.Length);
        var parts = Enumerable.Range(0, starts.Length - 1)
            .Select(k => new FilePart { Path = request.Path, Start = starts[k], End = starts[k + 1], CsvOptions = request.CsvOptions }).ToArray();
        var started = DateTime.UtcNow;
        var info = await DatasetUploader.IngestAsync(GrainFactory, name, schema, options.ShardCount, async ingestId =>
        {
            await Task.WhenAll(Enumerable.Range(0, options.ShardCount).Select(s => GrainFactory.DataShard(name, s).PrepareIngestAsync(ingestId)));
            var readers = parts.Select((_, k) => GrainFactory.FilePart(name, ingestId, k)).ToArray();
            var counts = await Task.WhenAll(readers.Select((reader, k) => OnSilo(silos[k % silos.Length], () => reader.CountAsync(parts[k]))));
            var rows = counts.Select((count, k) => count.Records - (k == 0 && options.ColumnNames is null ? 1 : 0)).ToArray();
            if (rows.Sum() <= 0)
            {
                throw new CsvFormatException(source, 1 + counts.Sum(c => c.LineFeeds), null, null, "no data rows after the header");
            }

            var placements = RowPlacement.OfParts(rows, options.ShardCount, DatasetUploader.RowsPerChunk(schema.FeatureNames.Length, options));
            long firstLine = 1;
            var reads = new Task<long>[parts.Length];
            for (var k = 0; k < parts.Length; k++)
            {
                var read = new FilePartRead
                {
                    Dataset = name, IngestId = ingestId, Encoding = encoding, FirstLine = firstLine, Rows = rows[k],
                    FirstRow = placements[k].FirstRow, FirstChunks = placements[k].FirstChunks!,
                };
                reads[k] = readers[k].ReadAsync(parts[k], read);
                firstLine += counts[k].LineFeeds;
            }

            return new IngestTotals { Rows = (await Task.WhenAll(reads)).Sum() };
        }, CancellationToken.None);
        LogIngested(name, request.Path, info.ShardRows.Sum(), parts.Length, silos.Length, (DateTime.UtcNow - started).TotalSeconds);
        return info;
    }

    /// <summary>Calls a part's grain with a placement hint, so that its activation lands on <paramref name="silo"/>.</summary>
    private static Task<T> OnSilo<T>(SiloAddress silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: the silos read {Path} ({Rows} rows) in {Parts} parts on {Silos} silos in {Seconds:F1} s")]
    private partial void LogIngested(string dataset, string path, long rows, int parts, int silos, double seconds);
}
