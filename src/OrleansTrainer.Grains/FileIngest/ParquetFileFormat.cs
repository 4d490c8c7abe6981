using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Parquet read by the silos: parts are runs of row groups (their rows counted from the footer), each read with the
/// client's reader and the encoding decided once over the whole file.
/// </summary>
internal sealed class ParquetFileFormat : IFileFormat
{
    /// <inheritdoc />
    public async Task<FileFormatPlan> PlanAsync(string dataset, FileIngestRequest request)
    {
        var options = IngestOptionsJson.Read<TableIngestOptions>(request.Options);
        IngestRules.Validate(dataset, options);
        await using var probe = await ParquetRowReader.OpenAsync(request.Path, options);
        return new FileFormatPlan(DatasetUploader.SchemaOf(probe, options, probe.Encoding), probe.Encoding, options, HeaderRecords: 0);
    }

    /// <inheritdoc />
    public async Task<long[]> SplitAsync(string path, int parts)
    {
        var groups = (await ParquetRowReader.RowGroupRowsAsync(path)).Length;
        var count = Math.Max(1, Math.Min(parts, groups));
        return [.. Enumerable.Range(0, count + 1).Select(k => (long)k * groups / count).Distinct()];
    }

    /// <inheritdoc />
    public async Task<LineCount> CountAsync(FilePart part)
    {
        var rows = await ParquetRowReader.RowGroupRowsAsync(part.Path);
        return new LineCount(rows[(int)part.Start..(int)part.End].Sum(), LineFeeds: 0);
    }

    /// <inheritdoc />
    public int RowsPerChunk(FileFormatPlan plan, long fileBytes, long rows) => DatasetUploader.RowsPerChunk(plan.Schema.FeatureNames.Length, plan.Options);

    /// <inheritdoc />
    public async Task<FilePartResult> ReadAsync(IGrainFactory grains, FilePart part, FilePartRead read)
    {
        var options = IngestOptionsJson.Read<TableIngestOptions>(part.Options);
        await using var reader = await ParquetRowReader.OpenPartAsync(part.Path, options, read.Encoding, (int)part.Start, (int)part.End, read.FirstRow, CancellationToken.None);
        var rows = await DatasetUploader.SendRowsAsync(grains, read.Dataset, read.IngestId, reader, options,
            new RowPlacement(read.FirstRow, read.FirstChunks), CancellationToken.None);
        return new FilePartResult { Rows = rows };
    }

    /// <inheritdoc />
    public IngestTotals Totals(FileFormatPlan plan, IReadOnlyList<FilePartResult> parts) => new() { Rows = parts.Sum(p => p.Rows) };
}
