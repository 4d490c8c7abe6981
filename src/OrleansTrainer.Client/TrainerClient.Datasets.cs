using OrleansTrainer.Abstractions;
using OrleansTrainer.Client.Ingest;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>
    /// Creates dataset <paramref name="name"/> from a CSV file with a header row. The whole file is validated as it
    /// streams in; on any error (a <see cref="CsvFormatException"/> naming file, line and column, or a cluster error)
    /// nothing of the dataset is left behind.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, string path, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { Access = FileAccess.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        return await CreateDatasetFromCsvAsync(name, reader, Path.GetFileName(path), options, cancellationToken);
    }

    /// <summary>Creates dataset <paramref name="name"/> from CSV text; <paramref name="sourceName"/> names the input in error messages. The reader is disposed.</summary>
    public async Task<DatasetInfo> CreateDatasetFromCsvAsync(string name, TextReader csv, string sourceName, CsvIngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        using var reader = await CsvDatasetReader.OpenAsync(csv, sourceName, options.LabelColumn, options.WeightColumn, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from rows in any form (<see cref="InMemoryRowReader"/> for arrays, or
    /// a reader of your own). All or nothing, like CSV ingestion.
    /// </summary>
    public Task<DatasetInfo> CreateDatasetAsync(string name, IRowReader rows, IngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        return DatasetUploader.UploadAsync(Cluster, name, rows, options, cancellationToken);
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
