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
        var schema = SchemaOf(reader.WeightName);
        return DatasetUploader.IngestAsync(cluster, name, schema, options.ShardCount, outOfOrder: false, async (ingestId, token) =>
        {
            var rows = await SendRowsAsync(cluster, name, ingestId, reader, options, RowPlacement.Whole, rowsPerChunk: null, token);
            reader.EnsureHasRows();
            return new IngestTotals { Rows = rows, SparseDimension = reader.Dimension, SkippedBlankLines = (reader as IBlankLineSkipper)?.SkippedBlankLines ?? 0 };
        }, cancellationToken);
    }

    /// <summary>The schema of a sparse dataset whose rows carry the weight column <paramref name="weightName"/> (null: unweighted).</summary>
    public static DatasetSchema SchemaOf(string? weightName) =>
        new() { LabelName = LabelName, WeightName = weightName, FeatureType = FeatureType.SparseFloat32 };

    /// <summary>
    /// Sends every row of <paramref name="reader"/> to the shards as <see cref="DatasetUploader.SendRowsAsync"/> does:
    /// row i is the dataset's row <c>placement.FirstRow + i</c>. Chunks hold about <see cref="IngestOptions.ChunkBytes"/>,
    /// or exactly <paramref name="rowsPerChunk"/> rows (the last of each shard fewer) when it is given. Returns the rows sent.
    /// </summary>
    public static async Task<long> SendRowsAsync(IGrainFactory cluster, string name, string ingestId, ISparseRowReader reader,
        IngestOptions options, RowPlacement placement, int? rowsPerChunk, CancellationToken cancellationToken)
    {
        var shards = options.ShardCount;
        var weighted = reader.WeightName is not null;
        var builders = Enumerable.Range(0, shards)
            .Select(_ => rowsPerChunk is { } fixedRows ? new SparseChunkBuilder(int.MaxValue, weighted, fixedRows) : new SparseChunkBuilder(options.ChunkBytes, weighted)).ToArray();
        List<int> indices = [];
        List<float> values = [];
        var row = placement.FirstRow;
        await using (var sender = new ShardChunkSender(cluster, name, ingestId, shards, options.Progress, cancellationToken, placement.FirstChunks))
        {
            for (; await reader.ReadRowAsync(indices, values, cancellationToken); row++)
            {
                var s = (int)(row % shards);
                builders[s].Add(indices, values, reader.CurrentLabel, reader.CurrentWeight);
                await sender.SendIfFullAsync(s, builders[s], reader.RowsRead);
            }

            await sender.CompleteAsync(builders, reader.RowsRead);
        }

        return reader.RowsRead;
    }
}
