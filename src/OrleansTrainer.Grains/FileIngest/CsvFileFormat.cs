using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>CSV read by the silos: the client's reader, one record per line, the encoding decided once over the whole file.</summary>
internal sealed class CsvFileFormat : IFileFormat
{
    /// <inheritdoc />
    public async Task<FileFormatPlan> PlanAsync(string dataset, FileIngestRequest request)
    {
        var options = IngestOptionsJson.Read<CsvIngestOptions>(request.Options);
        IngestRules.Validate(dataset, options);
        using var probe = await CsvDatasetReader.OpenAsync(() => FileParts.OpenPart(request.Path, 0, long.MaxValue), Path.GetFileName(request.Path), options);
        return new FileFormatPlan(DatasetUploader.SchemaOf(probe, options, probe.Encoding), probe.Encoding, options, options.ColumnNames is null ? 1 : 0);
    }

    /// <inheritdoc />
    public Task<long[]> SplitAsync(string path, int parts) => Task.FromResult(FileParts.Split(path, parts));

    /// <inheritdoc />
    public Task<LineCount> CountAsync(FilePart part) => Task.Run(() =>
        FileParts.CountLines(part.Path, part.Start, part.End, IngestOptionsJson.Read<CsvIngestOptions>(part.Options).Dialect.Delimiter));

    /// <inheritdoc />
    public int RowsPerChunk(FileFormatPlan plan, long fileBytes, long rows) => DatasetUploader.RowsPerChunk(plan.Schema.FeatureNames.Length, plan.Options);

    /// <inheritdoc />
    public async Task<FilePartResult> ReadAsync(IGrainFactory grains, FilePart part, FilePartRead read)
    {
        var options = IngestOptionsJson.Read<CsvIngestOptions>(part.Options);
        using var reader = await CsvDatasetReader.OpenPartAsync(FileParts.OpenPart(part.Path, part.Start, part.End),
            new CsvPartPosition(read.FirstLine, read.RecordsBefore, read.RecordsAfter),
            () => FileParts.OpenPart(part.Path, 0, part.End), Path.GetFileName(part.Path), options, read.Encoding, CancellationToken.None);
        var rows = await DatasetUploader.SendRowsAsync(grains, read.Dataset, read.IngestId, reader, options,
            new RowPlacement(read.FirstRow, read.FirstChunks), CancellationToken.None);
        return new FilePartResult { Rows = rows, SkippedBlankLines = reader.SkippedBlankLines };
    }

    /// <inheritdoc />
    public IngestTotals Totals(FileFormatPlan plan, IReadOnlyList<FilePartResult> parts) =>
        new() { Rows = parts.Sum(p => p.Rows), SkippedBlankLines = parts.Sum(p => p.SkippedBlankLines) };
}
