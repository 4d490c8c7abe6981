using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client.Ingest;

/// <summary>
/// Streams rows from an <see cref="IRowReader"/> into a dataset's shards: row i goes to shard i mod S, in chunks,
/// one chunk in flight per shard. All or nothing: any error (bad input, cancellation, a failed call) aborts the
/// ingestion, which deletes every row already stored.
/// </summary>
internal static class DatasetUploader
{
    public static async Task<DatasetInfo> UploadAsync(IClusterClient cluster, string name, IRowReader reader,
        IngestOptions options, CancellationToken cancellationToken)
    {
        var columns = reader.FeatureNames.Count;
        var dataset = cluster.GetGrain<IDatasetGrain>(name);
        var schema = new DatasetSchema
        {
            FeatureNames = [.. reader.FeatureNames], LabelName = reader.LabelName, WeightName = reader.WeightName, FeatureType = options.FeatureType,
        };
        var ingestId = await dataset.BeginIngestAsync(schema, options.ShardCount).WaitAsync(cancellationToken);
        try
        {
            var statistics = await UploadRowsAsync(cluster, name, ingestId, reader, columns, options, cancellationToken);
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

    private static async Task<DatasetStatistics> UploadRowsAsync(IClusterClient cluster, string name, string ingestId,
        IRowReader reader, int columns, IngestOptions options, CancellationToken cancellationToken)
    {
        var shards = options.ShardCount;
        var float64 = options.FeatureType == FeatureType.Float64;
        var chunkRows = Math.Max(1, options.ChunkBytes / (columns * (float64 ? sizeof(double) : sizeof(float)) + sizeof(double)));
        var weighted = reader.WeightName is not null;
        var builders = Enumerable.Range(0, shards).Select(_ => new ShardChunkBuilder(columns, chunkRows, weighted, options.FeatureType)).ToArray();
        var inFlight = Enumerable.Repeat(Task.CompletedTask, shards).ToArray();
        var grains = Enumerable.Range(0, shards).Select(s => cluster.GetGrain<IDataShardGrain>($"{name}/{s}")).ToArray();
        var stats = new RunningColumnStats(columns);
        var row32 = float64 ? [] : new float[columns];
        var row64 = float64 ? new double[columns] : [];
        var labels = new LabelSummary();
        long uploadedBytes = 0;
        try
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
                if (builders[s].IsFull)
                {
                    uploadedBytes += await SendAsync(s);
                    options.Progress?.Report(new IngestProgress(reader.RowsRead, uploadedBytes));
                }
            }

            reader.EnsureHasRows();
            for (var s = 0; s < shards; s++)
            {
                if (builders[s].Count > 0)
                {
                    uploadedBytes += await SendAsync(s);
                }
            }

            await Task.WhenAll(inFlight).WaitAsync(cancellationToken);
            options.Progress?.Report(new IngestProgress(reader.RowsRead, uploadedBytes));
        }
        finally
        {
            await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
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

        async Task<long> SendAsync(int shard)
        {
            await inFlight[shard].WaitAsync(cancellationToken);
            var index = builders[shard].NextChunkIndex;
            var chunk = builders[shard].Take();
            inFlight[shard] = grains[shard].AppendChunkAsync(ingestId, index, chunk);
            return chunk.Features.Bytes.Length + chunk.Labels.Bytes.Length;
        }
    }

    private sealed class LabelSummary
    {
        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public bool AllBinary { get; private set; } = true;

        public bool AllIntegers { get; private set; } = true;

        public double WeightSum { get; private set; }

        public void Add(double label, double weight)
        {
            Min = Math.Min(Min, label);
            Max = Math.Max(Max, label);
            AllBinary &= label is 0.0 or 1.0;
            AllIntegers &= label == Math.Floor(label);
            WeightSum += weight;
        }
    }
}
