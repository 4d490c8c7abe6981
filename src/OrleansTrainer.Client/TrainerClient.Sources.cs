using System.Data.Common;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    private const int LongestQueryShown = 60;

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a query: runs <paramref name="command"/> and reads its result's
    /// columns by name (<see cref="DbRowReader"/>): numbers, hashed text categories, NULLs under the missing-value policy
    /// (a constant, an indicator; one-hot columns and mean imputation need a first pass and are refused). All or nothing,
    /// like CSV ingestion; errors name the query (its text, shortened), the row and the column. The encoding is recorded
    /// in the dataset's schema and travels with its models.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromQueryAsync(string name, DbCommand command, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        IngestRules.Validate(name, options);
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
        IngestRules.Validate(name, options);
        await using var reader = DbRowReader.Open(result, sourceName, options);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from typed .NET rows, their features, label and weight given by
    /// <paramref name="mapping"/> (<see cref="AsyncEnumerableRowReader{T}"/>), a null feature under the options'
    /// missing-value policy (a constant, an indicator; mean imputation needs a first pass and is refused). All or
    /// nothing, like CSV ingestion.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetAsync<T>(string name, IAsyncEnumerable<T> rows, RowMapping<T> mapping, MissingValueIngestOptions options,
        CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        await using var reader = new AsyncEnumerableRowReader<T>(rows, mapping, options, cancellationToken: cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }

    /// <summary>
    /// Creates dataset <paramref name="name"/> from a Parquet file (<see cref="ParquetRowReader"/>), streamed one row
    /// group at a time: numbers, string columns as one-hot or hashed categories, nulls under the missing-value policy;
    /// one-hot columns and mean imputation read the file twice. All or nothing, like CSV ingestion; errors name the file,
    /// the row group, the row and the column. The encoding is recorded in the dataset's schema and travels with its models.
    /// </summary>
    public async Task<DatasetInfo> CreateDatasetFromParquetAsync(string name, string path, TableIngestOptions options, CancellationToken cancellationToken = default)
    {
        IngestRules.Validate(name, options);
        await using var reader = await ParquetRowReader.OpenAsync(path, options, cancellationToken);
        return await DatasetUploader.UploadAsync(Cluster, name, reader, options, reader.Encoding, cancellationToken);
    }
}
