using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Streams sparse rows from an <see cref="ISparseRowReader"/> into a dataset's shards as CSR chunks: row i goes to shard
/// i mod S, one chunk in flight per shard, so memory stays a chunk per shard whatever the file's size. All or nothing,
/// as <see cref="DatasetUploader"/>.
/// </summary>
internal static class SparseDatasetUploader
{
    /// <summary>The label column's name in a sparse dataset's schema.</summary>
    public const string LabelName = "label";

    public static Task<DatasetInfo> UploadAsync(IGrainFactory cluster, string name, ISparseRowReader reader,
        IngestOptions options, CancellationToken cancellationToken)
    {
        var schema = new DatasetSchema { LabelName = LabelName, WeightName = reader.WeightName, FeatureType = FeatureType.SparseFloat32 };
        return DatasetUploader.IngestAsync(cluster, name, schema, options.ShardCount,
            ingestId => UploadRowsAsync(cluster, name, ingestId, reader, options, cancellationToken), cancellationToken);
    }

    private static async Task<IngestTotals> UploadRowsAsync(IGrainFactory cluster, string name, string ingestId,
        ISparseRowReader reader, IngestOptions options, CancellationToken cancellationToken)
    {
        var shards = options.ShardCount;
        var weighted = reader.WeightName is not null;
        var builders = Enumerable.Range(0, shards).Select(_ => new SparseChunkBuilder(options.ChunkBytes, weighted)).ToArray();
        List<int> indices = [];
        List<float> values = [];
        long rows = 0;
        await using (var sender = new ShardChunkSender(cluster, name, ingestId, shards, options.Progress, cancellationToken))
        {
            for (; await reader.ReadRowAsync(indices, values, cancellationToken); rows++)
            {
                var s = (int)(rows % shards);
                builders[s].Add(indices, values, reader.CurrentLabel, reader.CurrentWeight);
                await sender.SendIfFullAsync(s, builders[s], reader.RowsRead);
            }

            reader.EnsureHasRows();
            await sender.CompleteAsync(builders, reader.RowsRead);
        }

        return new IngestTotals { Rows = rows, SparseDimension = reader.Dimension };
    }
}
