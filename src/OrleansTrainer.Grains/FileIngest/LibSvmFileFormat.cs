using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>LIBSVM read by the silos: the client's reader on each part; chunks of a fixed row count sized from the file's bytes per row.</summary>
internal sealed class LibSvmFileFormat : IFileFormat
{
    /// <inheritdoc />
    public Task<FileFormatPlan> PlanAsync(string dataset, FileIngestRequest request)
    {
        var options = IngestOptionsJson.Read<LibSvmIngestOptions>(request.Options);
        IngestRules.Validate(dataset, options);
        using var validated = new LibSvmReader(TextReader.Null, Path.GetFileName(request.Path), options.Reader);
        return Task.FromResult(new FileFormatPlan(SparseDatasetUploader.SchemaOf(validated.WeightName), new DatasetEncoding(), options, HeaderRecords: 0));
    }

    /// <inheritdoc />
    public Task<long[]> SplitAsync(string path, int parts) => Task.FromResult(FileParts.Split(path, parts));

    /// <inheritdoc />
    public Task<LineCount> CountAsync(FilePart part) => Task.Run(() => FileParts.CountLines(part.Path, part.Start, part.End, delimiter: ' ', comment: '#'));

    /// <inheritdoc />
    public int RowsPerChunk(FileFormatPlan plan, long fileBytes, long rows) =>
        (int)Math.Clamp(plan.Options.ChunkBytes / Math.Max(1, fileBytes / Math.Max(1, rows)), 1, int.MaxValue);

    /// <inheritdoc />
    public async Task<FilePartResult> ReadAsync(IGrainFactory grains, FilePart part, FilePartRead read)
    {
        var options = IngestOptionsJson.Read<LibSvmIngestOptions>(part.Options);
        using var reader = new LibSvmReader(FileParts.OpenPart(part.Path, part.Start, part.End), Path.GetFileName(part.Path), options.Reader, read.FirstLine);
        var rows = await SparseDatasetUploader.SendRowsAsync(grains, read.Dataset, read.IngestId, reader, options,
            new RowPlacement(read.FirstRow, read.FirstChunks), read.RowsPerChunk, CancellationToken.None);
        return new FilePartResult { Rows = rows, SparseDimension = reader.Dimension };
    }

    /// <inheritdoc />
    public IngestTotals Totals(FileFormatPlan plan, IReadOnlyList<FilePartResult> parts) =>
        new() { Rows = parts.Sum(p => p.Rows), SparseDimension = parts.Max(p => p.SparseDimension) };
}
