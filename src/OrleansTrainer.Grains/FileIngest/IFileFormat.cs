using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Grains;

/// <summary>
/// What the silos' ingestion of a file needs to know of its format: the plan made once from the options and the file's
/// start, where the parts start, how a part's records are counted, how a part is read into the shards, and what the parts' results total.
/// </summary>
internal interface IFileFormat
{
    /// <summary>Validates the options and reads what the whole file decides (header, encoding) for dataset <paramref name="dataset"/>.</summary>
    Task<FileFormatPlan> PlanAsync(string dataset, FileIngestRequest request);

    /// <summary>Where about <paramref name="parts"/> parts of the file start (byte offsets of lines, or row groups), and the end last.</summary>
    Task<long[]> SplitAsync(string path, int parts);

    /// <summary>Counts the records and line feeds of a part.</summary>
    Task<LineCount> CountAsync(FilePart part);

    /// <summary>Rows per chunk for every part, given the file's size and rows.</summary>
    int RowsPerChunk(FileFormatPlan plan, long fileBytes, long rows);

    /// <summary>Reads a part's rows into the shards.</summary>
    Task<FilePartResult> ReadAsync(IGrainFactory grains, FilePart part, FilePartRead read);

    /// <summary>What the parts' results total, for <see cref="IDatasetGrain.CompleteIngestAsync"/>.</summary>
    IngestTotals Totals(FileFormatPlan plan, IReadOnlyList<FilePartResult> parts);
}

/// <summary>A format's plan for one file.</summary>
/// <param name="Schema">The dataset's schema.</param>
/// <param name="Encoding">The encoding of a CSV file's columns (empty for other formats).</param>
/// <param name="Options">The ingest options (shards, chunk size).</param>
/// <param name="HeaderRecords">Records at the file's start that are not rows (a CSV header: 1).</param>
internal sealed record FileFormatPlan(DatasetSchema Schema, DatasetEncoding Encoding, IngestOptions Options, int HeaderRecords);

/// <summary>The <see cref="IFileFormat"/> of each <see cref="FileFormat"/>.</summary>
internal static class FileFormats
{
    /// <summary>The format <paramref name="format"/>.</summary>
    public static IFileFormat Of(FileFormat format) => format switch
    {
        FileFormat.Csv => new CsvFileFormat(),
        FileFormat.LibSvm => new LibSvmFileFormat(),
        FileFormat.Parquet => new ParquetFileFormat(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "the silos read CSV, LIBSVM and Parquet files"),
    };
}
