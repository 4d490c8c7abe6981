using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>
/// Sends chunks to a dataset's shards during ingestion, one chunk in flight per shard, and reports progress; a shard's
/// chunks are numbered from its entry in <c>firstChunks</c> (0 for all when null: one reader sends every chunk). An append
/// that fails because the shard's silo was lost is sent again (<see cref="SiloLossRetry"/>): it reaches the shard's new
/// activation, and a chunk the lost one had stored is ignored as a replay. Disposing waits for every call still in flight
/// (their errors are already the ingestion's failure), so an aborted ingestion never races a late append.
/// </summary>
internal sealed class ShardChunkSender(IGrainFactory cluster, string dataset, string ingestId, int shards,
    IProgress<IngestProgress>? progress, CancellationToken cancellationToken, int[]? firstChunks = null) : IAsyncDisposable
{
    private readonly Task[] _inFlight = Enumerable.Repeat(Task.CompletedTask, shards).ToArray();
    private readonly IDataShardGrain[] _grains = Enumerable.Range(0, shards).Select(s => cluster.DataShard(dataset, s)).ToArray();
    private long _uploadedBytes;

    /// <summary>Sends a shard's chunk if its builder is full, once the shard's previous chunk is stored.</summary>
    public Task SendIfFullAsync(int shard, IShardChunkBuilder builder, long rowsRead) =>
        builder.IsFull ? SendAsync(shard, builder, rowsRead) : Task.CompletedTask;

    /// <summary>Sends what every builder still holds and waits until every chunk is stored.</summary>
    public async Task CompleteAsync(IShardChunkBuilder[] builders, long rowsRead)
    {
        for (var s = 0; s < builders.Length; s++)
        {
            if (builders[s].Count > 0)
            {
                await SendAsync(s, builders[s], rowsRead);
            }
        }

        await Task.WhenAll(_inFlight).WaitAsync(cancellationToken);
        progress?.Report(new IngestProgress(rowsRead, _uploadedBytes));
    }

    private async Task SendAsync(int shard, IShardChunkBuilder builder, long rowsRead)
    {
        await _inFlight[shard].WaitAsync(cancellationToken);
        var index = (firstChunks?[shard] ?? 0) + builder.NextChunkIndex;
        var chunk = builder.Take();
        _inFlight[shard] = SiloLossRetry.RunAsync(() => _grains[shard].AppendChunkAsync(ingestId, index, chunk), cancellationToken);
        _uploadedBytes += chunk.Features.Bytes.Length + chunk.Indices.Bytes.Length + chunk.RowPointers.Bytes.Length + chunk.Labels.Bytes.Length + chunk.Weights.Bytes.Length;
        progress?.Report(new IngestProgress(rowsRead, _uploadedBytes));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Task.WhenAll(_inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
}
