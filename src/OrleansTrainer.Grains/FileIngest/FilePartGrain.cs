using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Reads one part of a file that the silos ingest themselves: counts its records, then parses its rows with the same
/// reader the client uses and sends them to the shards where a client upload would have put them.
/// </summary>
public sealed class FilePartGrain : Grain, IFilePartGrain
{
    /// <inheritdoc />
    public async Task<FilePartCount> CountAsync(FilePart part)
    {
        var options = CsvOptionsJson.Read(part.CsvOptions);
        var count = await Task.Run(() => FileParts.CountLines(part.Path, part.Start, part.End, options.Dialect.Delimiter));
        return new FilePartCount { Records = count.Records, LineFeeds = count.LineFeeds };
    }

    /// <inheritdoc />
    public Task<long> ReadAsync(FilePart part, FilePartRead read) => ReadErrors.LocatedAsync(() => ReadRowsAsync(part, read));

    private async Task<long> ReadRowsAsync(FilePart part, FilePartRead read)
    {
        var options = CsvOptionsJson.Read(part.CsvOptions);
        var source = Path.GetFileName(part.Path);
        using var reader = await CsvDatasetReader.OpenPartAsync(FileParts.OpenPart(part.Path, part.Start, part.End), read.FirstLine,
            () => FileParts.OpenPart(part.Path, 0, part.End), source, options, read.Encoding, CancellationToken.None);
        var sent = await DatasetUploader.SendRowsAsync(GrainFactory, read.Dataset, read.IngestId, reader, options,
            new RowPlacement(read.FirstRow, read.FirstChunks), CancellationToken.None);
        return sent == read.Rows
            ? sent
            : throw new InvalidDataException($"{source}: the part from line {read.FirstLine} has {read.Rows} non-blank lines but {sent} rows were read from it; was the file changed while being read?");
    }
}
