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
    /// messages. The reader is disposed. Options that need a first pass (<see cref="ColumnIngestOptions.NeedsFirstPass"/>)
    /// are refused: use the overload that opens the text.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, TextReader csv, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        using var reader = await CsvDatasetReader.OpenAsync(csv, sourceName, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from the CSV text <paramref name="open"/> returns, calling it twice when
    /// the options need a first pass (each text is disposed); <paramref name="sourceName"/> names the input in error messages.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, Func<TextReader> open, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        using var reader = await CsvDatasetReader.OpenAsync(open, sourceName, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a CSV file that the silos read themselves (distributed ingestion):
    /// <paramref name="path"/> must name the same file on every silo (a shared volume; on Kubernetes a ReadWriteMany
    /// volume). The file is split at line breaks into <paramref name="parts"/> parts (0: two per silo) read in parallel,
    /// and the dataset gets the same rows in the same shards as <see cref="CreateDatasetFromCsvAsync(string, string, CsvIngestOptions, CancellationToken)"/>
    /// would store; one record per line (a quoted field spanning lines is refused), UTF-8. All or nothing; errors name
    /// the file, line and column. <see cref="IngestOptions.Progress"/> is not reported.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetFromSharedCsvAsync(string name, string path, CsvIngestOptions options, int parts = 0, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        return Cluster.FileIngest(name).IngestAsync(new FileIngestRequest { Path = path, Format = FileFormat.Csv, Options = IngestOptionsJson.Write(options), Parts = parts })
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a Parquet file that the silos read themselves, as
    /// <see cref="CreateDatasetFromSharedCsvAsync"/> does for CSV: the parts are runs of row groups, and the dataset gets
    /// the rows <see cref="CreateDatasetFromParquetAsync"/> would store from the same file and options.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetFromSharedParquetAsync(string name, string path, TableIngestOptions options, int parts = 0, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        return Cluster.FileIngest(name).IngestAsync(new FileIngestRequest { Path = path, Format = FileFormat.Parquet, Options = IngestOptionsJson.Write(options), Parts = parts })
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates sparse dataset <paramref name="name"/> from a LIBSVM file that the silos read themselves, as
    /// <see cref="CreateDatasetFromSharedCsvAsync"/> does for CSV: the same rows in the same shards as
    /// <see cref="CreateSparseDatasetAsync"/> with a <see cref="LibSvmReader"/> of the same file and options.
    /// </summary>
    public Task<DatasetInfo> CreateSparseDatasetFromSharedLibSvmAsync(string name, string path, LibSvmIngestOptions options, int parts = 0, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        return Cluster.FileIngest(name).IngestAsync(new FileIngestRequest { Path = path, Format = FileFormat.LibSvm, Options = IngestOptionsJson.Write(options), Parts = parts })
            .WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from rows in any form (<see cref="InMemoryRowReader"/> for arrays, or
    /// a reader of your own). All or nothing, like CSV ingestion.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetAsync(string name, IRowReader rows, IngestOptions options, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        return DatasetUploader.UploadAsync(Cluster, name, rows, options, encoding: null, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from sparse rows (a LIBSVM file, hashed CSV features, a CSR OTDS file):
    /// stored as compressed sparse rows, trained on by pulling and pushing only the weights the rows touch. All or
    /// nothing, like CSV ingestion; <see cref="IngestOptions.FeatureType"/> does not apply.
    /// </summary>
    public Task<DatasetInfo> CreateSparseDatasetAsync(string name, ISparseRowReader rows, IngestOptions options, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        return SparseDatasetUploader.UploadAsync(Cluster, name, rows, options, cancellationToken);
    }
}
