using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>
    /// Creates dataset <paramref name="name"/> from a CSV file (a header row, or <see cref="CsvIngestOptions.ColumnNames"/>).
    /// One-hot columns and mean imputation read the file twice: a first pass for the vocabularies and means, then the
    /// rows. The whole file is validated as it streams in; on any error (a <see cref="CsvFormatException"/> naming file,
    /// line and column, or a cluster error) nothing of the dataset is left behind. The encoding is recorded in the
    /// dataset's schema and travels with its models.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, string path, CsvIngestOptions options, CancellationToken cancellationToken = default) =>
        CreateDatasetFromCsvAsync(name, () => new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan }), Path.GetFileName(path), options, cancellationToken);

    /// <summary>
    /// Creates dataset <paramref name="name"/> from CSV text; <paramref name="sourceName"/> names the input in error
    /// messages. The reader is disposed. Options that need a first pass (<see cref="CsvIngestOptions.NeedsFirstPass"/>)
    /// are refused: use the overload that opens the text.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, TextReader csv, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        using var reader = await CsvDatasetReader.OpenAsync(csv, sourceName, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from the CSV text <paramref name="open"/> returns, calling it twice when
    /// the options need a first pass (each text is disposed); <paramref name="sourceName"/> names the input in error messages.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, Func<TextReader> open, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        using var reader = await CsvDatasetReader.OpenAsync(open, sourceName, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from rows in any form (<see cref="InMemoryRowReader"/> for arrays, or
    /// a reader of your own). All or nothing, like CSV ingestion.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetAsync(string name, IRowReader rows, IngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        return DatasetUploader.UploadAsync(Cluster, name, rows, options, encoding: null, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from sparse rows (a LIBSVM file, hashed CSV features, a CSR OTDS file):
    /// stored as compressed sparse rows, trained on by pulling and pushing only the weights the rows touch. All or
    /// nothing, like CSV ingestion; <see cref="IngestOptions.FeatureType"/> does not apply.
    /// </summary>
    public Task<DatasetInfo> CreateSparseDatasetAsync(string name, ISparseRowReader rows, IngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        return SparseDatasetUploader.UploadAsync(Cluster, name, rows, options, cancellationToken);
    }

    private static void ValidateIngest(string name, CsvIngestOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.LabelColumn))
        {
            throw new ArgumentException("CsvIngestOptions.LabelColumn is required: name the label column of the header.", nameof(options));
        }

        ValidateIngest(name, (IngestOptions)options);
    }

    private static void ValidateIngest(string name, IngestOptions options)
    {
        ResourceName.Validate(name, "dataset name");
        if (options.ShardCount < 1)
        {
            throw new ArgumentException($"The shard count must be at least 1, not {options.ShardCount}.", nameof(options));
        }

        if (options.ChunkBytes < 1024)
        {
            throw new ArgumentException($"ChunkBytes must be at least 1024, not {options.ChunkBytes}.", nameof(options));
        }
    }
}
