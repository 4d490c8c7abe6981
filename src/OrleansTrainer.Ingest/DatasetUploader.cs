using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Streams rows from an <see cref="IRowReader"/> into a dataset's shards: row i goes to shard i mod S, in chunks,
/// one chunk in flight per shard. All or nothing: any error (bad input, cancellation, a failed call) aborts the
/// ingestion, which deletes every row already stored.
/// </summary>
internal static class DatasetUploader
{
    /// <summary>Uploads the rows of <paramref name="reader"/>; <paramref name="encoding"/> is recorded in the schema unless it is plain numeric.</summary>
    public static async Task<DatasetInfo> UploadAsync(IGrainFactory cluster, string name, IRowReader reader,
        IngestOptions options, DatasetEncoding? encoding, CancellationToken cancellationToken)
    {
        var columns = reader.FeatureNames.Count;
        var schema = new DatasetSchema
        {
            FeatureNames = [.. reader.FeatureNames], LabelName = reader.LabelName, WeightName = reader.WeightName, FeatureType = options.FeatureType,
            Encoding = encoding is { IsPlainNumeric: false } ? encoding : null,
        };
        return await IngestAsync(cluster, name, schema, options.ShardCount,
            ingestId => UploadRowsAsync(cluster, name, ingestId, reader, columns, options, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Begins an ingestion, runs <paramref name="upload"/> and completes it with the statistics it returns; on any error
    /// aborts the ingestion (which deletes the rows stored so far) and rethrows.
    /// </summary>
    public static async Task<DatasetInfo> IngestAsync(IGrainFactory cluster, string name, DatasetSchema schema, int shardCount,
        Func<string, Task<DatasetStatistics>> upload, CancellationToken cancellationToken)
    {
        var dataset = cluster.Dataset(name);
        var ingestId = await dataset.BeginIngestAsync(schema, shardCount).WaitAsync(cancellationToken);
        try
        {
            var statistics = await upload(ingestId);
            return await dataset.CompleteIngestAsync(ingestId, statistics).WaitAsync(cancellationToken);
        }
        catch (Exception error)
        {
            try
            {
                await dataset.AbortIngestAsync(ingestId);
            }
            catch (Exception abortError)
            {
                throw new AggregateException($"Ingestion of dataset \"{name}\" failed and its rows could not be deleted.", error, abortError);
            }

            throw;
        }
    }

    private static async Task<DatasetStatistics> UploadRowsAsync(IGrainFactory cluster, string name, string ingestId,
        IRowReader reader, int columns, IngestOptions options, CancellationToken cancellationToken)
    {
        var shards = options.ShardCount;
        var float64 = options.FeatureType == FeatureType.Float64;
        var chunkRows = Math.Max(1, options.ChunkBytes / (columns * (float64 ? sizeof(double) : sizeof(float)) + sizeof(double)));
        var weighted = reader.WeightName is not null;
        var builders = Enumerable.Range(0, shards).Select(_ => new ShardChunkBuilder(columns, chunkRows, weighted, options.FeatureType)).ToArray();
        var stats = new RunningColumnStats(columns);
        var row32 = float64 ? [] : new float[columns];
        var row64 = float64 ? new double[columns] : [];
        var labels = new LabelSummary();
        await using (var sender = new ShardChunkSender(cluster, name, ingestId, shards, options.Progress, cancellationToken))
        {
            for (long i = 0; float64 ? await reader.ReadRowAsync(row64, cancellationToken) : await reader.ReadRowAsync(row32, cancellationToken); i++)
            {
                var s = (int)(i % shards);
                if (float64)
                {
                    stats.Add(row64);
                    builders[s].Add(row64, reader.CurrentLabel, reader.CurrentWeight);
                }
                else
                {
                    stats.Add(row32);
                    builders[s].Add(row32, reader.CurrentLabel, reader.CurrentWeight);
                }

                labels.Add(reader.CurrentLabel, reader.CurrentWeight);
                await sender.SendIfFullAsync(s, builders[s], reader.RowsRead);
            }

            reader.EnsureHasRows();
            await sender.CompleteAsync(builders, reader.RowsRead);
        }

        return new DatasetStatistics
        {
            Rows = stats.Count,
            FeatureMean = new PackedVector { Bytes = DenseBuffers.ToBytes(stats.Mean()) },
            FeatureStandardDeviation = new PackedVector { Bytes = DenseBuffers.ToBytes(stats.StandardDeviation()) },
            LabelsAreBinary = labels.AllBinary,
            LabelsAreIntegers = labels.AllIntegers,
            LabelMin = labels.Min,
            LabelMax = labels.Max,
            WeightSum = labels.WeightSum,
        };
    }
}
