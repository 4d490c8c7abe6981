using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// Reads one part of a file that the silos ingest themselves: counts its records, then parses its rows with the reader
/// the client uses and sends them to the shards where a client upload would have put them.
/// </summary>
public sealed class FilePartGrain : Grain, IFilePartGrain
{
    /// <inheritdoc />
    public async Task<FilePartCount> CountAsync(FilePart part)
    {
        var count = await FileFormats.Of(part.Format).CountAsync(part);
        return new FilePartCount { Records = count.Records, LineFeeds = count.LineFeeds };
    }

    /// <inheritdoc />
    public Task<FilePartResult> ReadAsync(FilePart part, FilePartRead read) => ReadErrors.LocatedAsync(async () =>
    {
        var result = await FileFormats.Of(part.Format).ReadAsync(GrainFactory, part, read);
        return result.Rows == read.Rows
            ? result
            : throw new InvalidDataException($"{Path.GetFileName(part.Path)}: the part from line {read.FirstLine} has {read.Rows} records by its line count but {result.Rows} rows were read from it; was the file changed while being read?");
    });
}
