using System.Data.Common;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    private const int LongestQueryShown = 60;

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a query: runs <paramref name="command"/> and reads its result's
    /// columns by name (<see cref="DbRowReader"/>). All or nothing, like CSV ingestion; errors name the query (its
    /// text, shortened), the row and the column.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromQueryAsync(string name, DbCommand command, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ValidateIngest(name, options);
        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        var text = command.CommandText.ReplaceLineEndings(" ");
        var sourceName = text.Length <= LongestQueryShown ? $"query \"{text}\"" : $"query \"{text[..LongestQueryShown]}…\"";
        return await CreateDatasetFromQueryAsync(name, result, sourceName, options, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a query's result already open; <paramref name="sourceName"/> names it
    /// in error messages. The result is read to its end but not disposed. All or nothing, like CSV ingestion.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromQueryAsync(string name, DbDataReader result, string sourceName, TableIngestOptions options,
        CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        await using var reader = DbRowReader.Open(result, sourceName, options);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, encoding: null, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from typed .NET rows, their features, label and weight given by
    /// <paramref name="mapping"/> (<see cref="AsyncEnumerableRowReader{T}"/>). All or nothing, like CSV ingestion.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetAsync<T>(string name, IAsyncEnumerable<T> rows, RowMapping<T> mapping, IngestOptions options,
        CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        await using var reader = new AsyncEnumerableRowReader<T>(rows, mapping, cancellationToken: cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, encoding: null, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a Parquet file (<see cref="ParquetRowReader"/>), streamed one row
    /// group at a time. All or nothing, like CSV ingestion; errors name the file, the row group, the row and the column.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromParquetAsync(string name, string path, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        ValidateIngest(name, options);
        await using var reader = await ParquetRowReader.OpenAsync(path, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, encoding: null, cancellationToken);
    }

    private static void ValidateIngest(string name, TableIngestOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.LabelColumn))
        {
            throw new ArgumentException("TableIngestOptions.LabelColumn is required: name the label column.", nameof(options));
        }

        IngestRules.Validate(name, (IngestOptions)options);
    }
}
