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
        IngestOptions options, DatasetEncoding? encoding, CancellationToken cancellationToken) =>
        await IngestAsync(cluster, name, SchemaOf(reader, options, encoding), options.ShardCount, outOfOrder: false,
            async (ingestId, token) =>
            {
                var rows = await SendRowsAsync(cluster, name, ingestId, reader, options, RowPlacement.Whole, token);
                reader.EnsureHasRows();
                return new IngestTotals { Rows = rows, SkippedBlankLines = (reader as IBlankLineSkipper)?.SkippedBlankLines ?? 0 };
            }, cancellationToken);

    /// <summary>The schema of a dataset read by <paramref name="reader"/>; <paramref name="encoding"/> is recorded unless it is plain numeric.</summary>
    public static DatasetSchema SchemaOf(IRowReader reader, IngestOptions options, DatasetEncoding? encoding) => new()
    {
        FeatureNames = [.. reader.FeatureNames], LabelName = reader.LabelName, WeightName = reader.WeightName, FeatureType = options.FeatureType,
        Encoding = encoding is { IsPlainNumeric: false } ? encoding : null,
    };

    /// <summary>Rows per chunk for rows of <paramref name="columns"/> features: as many as fit in <see cref="IngestOptions.ChunkBytes"/>.</summary>
    public static int RowsPerChunk(int columns, IngestOptions options) =>
        Math.Max(1, options.ChunkBytes / (columns * (options.FeatureType == FeatureType.Float64 ? sizeof(double) : sizeof(float)) + sizeof(double)));

    /// <summary>
    /// Begins an ingestion, runs <paramref name="upload"/> while renewing the ingestion's lease, and completes it with the
    /// totals <paramref name="upload"/> returns (the dataset's statistics are computed from the stored rows); on any error
    /// aborts the ingestion (which deletes the rows stored so far) and rethrows. <paramref name="upload"/> gets the
    /// ingestion's id and a token cancelled when the caller cancels or the lease is lost, which then fails the ingestion
    /// with the reason.
    /// </summary>
    public static async Task<DatasetInfo> IngestAsync(IGrainFactory cluster, string name, DatasetSchema schema, int shardCount, bool outOfOrder,
        Func<string, CancellationToken, Task<IngestTotals>> upload, CancellationToken cancellationToken)
    {
        var dataset = cluster.Dataset(name);
        // Not abandoned when the caller cancels: a begun ingestion must be aborted, and only its lease can do that.
        var lease = await dataset.BeginIngestAsync(schema, shardCount, outOfOrder);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var totals = await UploadUnderLeaseAsync(dataset, lease, upload, cancellationToken);
            // Awaited to its end, as the begin is: an abandoned completion could still make the dataset Ready after the abort.
            return await SiloLossRetry.RunAsync(() => dataset.CompleteIngestAsync(lease.IngestId, totals), cancellationToken);
        }
        catch (Exception error)
        {
            try
            {
                await dataset.AbortIngestAsync(lease.IngestId);
            }
            catch (Exception abortError)
            {
                throw new AggregateException($"Ingestion of dataset \"{name}\" failed and its rows could not be deleted.", error, abortError);
            }

            throw;
        }
    }

    /// <summary>Runs <paramref name="upload"/> while an <see cref="IngestLeaseKeeper"/> renews the lease; a lost lease is the upload's error.</summary>
    private static async Task<IngestTotals> UploadUnderLeaseAsync(IDatasetGrain dataset, IngestLease lease,
        Func<string, CancellationToken, Task<IngestTotals>> upload, CancellationToken cancellationToken)
    {
        await using var keeper = new IngestLeaseKeeper(dataset, lease, cancellationToken);
        try
        {
            return await upload(lease.IngestId, keeper.Token);
        }
        catch (Exception) when (keeper.Lost is { } lost)
        {
            throw new InvalidOperationException(lost.Message, lost);
        }
    }

    /// <summary>
    /// Sends every row of <paramref name="reader"/> to the shards: the reader's row i is the dataset's row
    /// <c>placement.FirstRow + i</c> and goes to shard (FirstRow + i) mod S, in chunks numbered from the placement's
    /// first chunk per shard. Returns the rows sent (possibly none).
    /// </summary>
    public static async Task<long> SendRowsAsync(IGrainFactory cluster, string name, string ingestId,
        IRowReader reader, IngestOptions options, RowPlacement placement, CancellationToken cancellationToken)
    {
        var shards = options.ShardCount;
        var columns = reader.FeatureNames.Count;
        var float64 = options.FeatureType == FeatureType.Float64;
        var chunkRows = RowsPerChunk(columns, options);
        var weighted = reader.WeightName is not null;
        var builders = Enumerable.Range(0, shards).Select(_ => new ShardChunkBuilder(columns, chunkRows, weighted, options.FeatureType)).ToArray();
        var row32 = float64 ? [] : new float[columns];
        var row64 = float64 ? new double[columns] : [];
        await using (var sender = new ShardChunkSender(cluster, name, ingestId, shards, options.Progress, cancellationToken, placement.FirstChunks))
        {
            for (var i = placement.FirstRow; float64 ? await reader.ReadRowAsync(row64, cancellationToken) : await reader.ReadRowAsync(row32, cancellationToken); i++)
            {
                var s = (int)(i % shards);
                if (float64)
                {
                    builders[s].Add(row64, reader.CurrentLabel, reader.CurrentWeight);
                }
                else
                {
                    builders[s].Add(row32, reader.CurrentLabel, reader.CurrentWeight);
                }

                await sender.SendIfFullAsync(s, builders[s], reader.RowsRead);
            }

            await sender.CompleteAsync(builders, reader.RowsRead);
        }

        return reader.RowsRead;
    }
}
