using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Ingestion of a shared file by the silos (distributed ingestion). This silo plans the read with the file's format
/// (<see cref="IFileFormat"/>: for CSV the header and, for one-hot columns or mean imputation, the whole file once for
/// the encoding, as the client would), splits the file at line breaks into parts, and gives each part to an <see cref="IFilePartGrain"/> placed on the silos in turn: the parts
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
        var format = FileFormats.Of(request.Format);
        if (!File.Exists(request.Path))
        {
            throw new FileNotFoundException(
                $"{request.Path}: no such file on silo {RuntimeIdentity}. The silos read the file themselves, so it must be on a volume every silo mounts at that path (upload a local file with otrain dataset upload).",
                request.Path);
        }

        var plan = await format.PlanAsync(name, request);
        var shards = plan.Options.ShardCount;
        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        var starts = await format.SplitAsync(request.Path, request.Parts > 0 ? request.Parts : 2 * silos.Length);
        var parts = Enumerable.Range(0, starts.Length - 1)
            .Select(k => new FilePart { Path = request.Path, Start = starts[k], End = starts[k + 1], Options = request.Options, Format = request.Format }).ToArray();
        var started = DateTime.UtcNow;
        var info = await DatasetUploader.IngestAsync(GrainFactory, name, plan.Schema, shards, outOfOrder: true, async (ingestId, token) =>
        {
            var readers = parts.Select((_, k) => GrainFactory.FilePart(name, ingestId, k)).ToArray();
            var counts = await Task.WhenAll(readers.Select((reader, k) => OnSilo(silos[k % silos.Length], () => reader.CountAsync(parts[k])))).WaitAsync(token);
            var rows = counts.Select((count, k) => Math.Max(0, count.Records - (k == 0 ? plan.HeaderRecords : 0))).ToArray();
            if (rows.Sum() == 0)
            {
                throw new FormatException($"{Path.GetFileName(request.Path)}: line {1 + counts.Sum(c => c.LineFeeds)}: no data rows{(plan.HeaderRecords > 0 ? " after the header" : "")}");
            }

            IngestRules.EnsureEveryShardGetsRows(name, rows.Sum(), shards);
            var rowsPerChunk = format.RowsPerChunk(plan, new FileInfo(request.Path).Length, rows.Sum());
            var placements = RowPlacement.OfParts(rows, shards, rowsPerChunk);
            long firstLine = 1;
            var reads = new Task<FilePartResult>[parts.Length];
            for (var k = 0; k < parts.Length; k++)
            {
                reads[k] = readers[k].ReadAsync(parts[k], new FilePartRead
                {
                    Dataset = name, IngestId = ingestId, Encoding = plan.Encoding, FirstLine = firstLine, Rows = rows[k],
                    FirstRow = placements[k].FirstRow, FirstChunks = placements[k].FirstChunks!, RowsPerChunk = rowsPerChunk,
                    RecordsBefore = counts.Take(k).Any(c => c.Records > 0), RecordsAfter = counts.Skip(k + 1).Any(c => c.Records > 0),
                });
                firstLine += counts[k].LineFeeds;
            }

            return format.Totals(plan, await Task.WhenAll(reads).WaitAsync(token));
        }, CancellationToken.None);
        LogIngested(name, request.Path, info.TotalRows, parts.Length, silos.Length, (DateTime.UtcNow - started).TotalSeconds);
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
