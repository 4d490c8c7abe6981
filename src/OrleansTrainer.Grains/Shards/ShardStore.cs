using OrleansTrainer.Abstractions;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// The rows of one data shard as stored, without Orleans: each chunk encoded (<see cref="ChunkCodec"/>,
/// <see cref="SparseChunkCodec"/>) in a Redis key of its own, and indexed — rows and CRC-32 per chunk — by the shard's
/// state. Appending is decided here (<see cref="PlanAppend"/>) and persisted by the grain; loading decodes and checks
/// every chunk against the index.
/// </summary>
internal sealed class ShardStore(IConnectionMultiplexer redis, RedisKeys keys, string shardKey)
{
    /// <summary>What appending a chunk takes: its bytes for its key, and the shard's state that indexes it.</summary>
    /// <param name="Next">The state with the chunk indexed.</param>
    /// <param name="Encoded">The chunk's stored bytes.</param>
    /// <param name="Index">The chunk's index: its key.</param>
    public sealed record Append(ShardState Next, byte[] Encoded, int Index);

    /// <summary>
    /// The append of chunk <paramref name="chunkIndex"/> of ingestion <paramref name="ingestId"/> to <paramref name="current"/>;
    /// null when that chunk is already stored with the same contents (a replay).
    /// </summary>
    /// <exception cref="ArgumentException">The chunk is malformed or unlike the shard's other chunks.</exception>
    /// <exception cref="InvalidOperationException">
    /// The chunk is of another ingestion than the one the shard was prepared for (a late chunk of an ingestion that was
    /// aborted, expired or deleted), out of order, or a different chunk under a stored index.
    /// </exception>
    public Append? PlanAppend(ShardState current, string ingestId, int chunkIndex, ShardChunk chunk)
    {
        if (current.IngestId != ingestId)
        {
            throw new InvalidOperationException(
                $"Shard {shardKey}: chunk {chunkIndex} is of ingestion {ingestId}, which this shard is not taking (it was aborted, its lease expired, or the dataset was deleted).");
        }

        var s = current;
        if (!s.HasChunks)
        {
            s = s with { Columns = chunk.Columns, HasWeights = chunk.Weights.Bytes.Length > 0, FeatureType = chunk.FeatureType };
        }

        var sparse = chunk.FeatureType == FeatureType.SparseFloat32;
        if (sparse)
        {
            SparseChunkCodec.Validate(chunk);
        }
        else
        {
            ChunkCodec.Validate(chunk, s.Columns);
        }

        if (s.HasWeights != chunk.Weights.Bytes.Length > 0)
        {
            throw new ArgumentException($"Shard {shardKey}: chunk {chunkIndex} {(s.HasWeights ? "lacks" : "carries")} instance weights, unlike the shard's other chunks.");
        }

        if (s.FeatureType != chunk.FeatureType)
        {
            throw new ArgumentException($"Shard {shardKey}: chunk {chunkIndex} holds {chunk.FeatureType} features, the shard {s.FeatureType}.");
        }

        var encoded = sparse ? SparseChunkCodec.Encode(chunk) : ChunkCodec.Encode(chunk);
        var checksum = ChunkCodec.Checksum(encoded);
        if (chunkIndex < s.ChunkRows.Length && s.ChunkRows[chunkIndex] != ShardState.MissingChunk)
        {
            return s.ChunkChecksums[chunkIndex] == checksum
                ? null
                : throw new InvalidOperationException($"Shard {shardKey}: chunk {chunkIndex} was already stored with other contents.");
        }

        if (chunkIndex > s.ChunkRows.Length && !s.OutOfOrder)
        {
            throw new InvalidOperationException($"Shard {shardKey}: expected chunk {s.ChunkRows.Length}, got chunk {chunkIndex}.");
        }

        var gap = Math.Max(0, chunkIndex + 1 - s.ChunkRows.Length);
        var chunkRows = s.ChunkRows.AddRange(Enumerable.Repeat(ShardState.MissingChunk, gap));
        var checksums = s.ChunkChecksums.AddRange(Enumerable.Repeat(0u, gap));
        var next = s with
        {
            ChunkRows = chunkRows.SetItem(chunkIndex, chunk.Rows),
            ChunkChecksums = checksums.SetItem(chunkIndex, checksum),
            Columns = Math.Max(s.Columns, chunk.Columns),
            StoredBytes = s.StoredBytes + encoded.Length,
        };
        return new Append(next, encoded, chunkIndex);
    }

    /// <summary>Stores a planned chunk's bytes under its key (before the state that indexes it is written).</summary>
    public Task StoreAsync(Append append) =>
        redis.GetDatabase().StringSetAsync(keys.ShardChunk(shardKey, append.Index), append.Encoded);

    /// <summary>
    /// Deletes the chunks <paramref name="state"/> indexes, one key per command: on a Redis Cluster a shard's chunks hash
    /// to different slots (they spread over the masters), where one <c>DEL</c> of several keys is refused.
    /// </summary>
    public Task DeleteChunksAsync(ShardState state) =>
        RedisKeys.DeleteEachAsync(redis.GetDatabase(), Enumerable.Range(0, state.ChunkRows.Length).Select(c => keys.ShardChunk(shardKey, c)));

    /// <summary>Reads and decodes every chunk <paramref name="state"/> indexes, checking each against its row count and CRC-32.</summary>
    /// <exception cref="InvalidOperationException">The shard holds no rows, or more than one array can.</exception>
    /// <exception cref="InvalidDataException">A chunk is missing, truncated or corrupt (the message names the shard and the chunk).</exception>
    public async Task<ShardRows> LoadAsync(ShardState state)
    {
        if (state.ChunkRows.Length == 0)
        {
            throw new InvalidOperationException($"Shard {shardKey} holds no rows.");
        }

        if (state.MissingChunks > 0)
        {
            throw new InvalidDataException($"Shard {shardKey}: chunk {state.ChunkRows.IndexOf(ShardState.MissingChunk)} of its {state.ChunkRows.Length} was never stored.");
        }

        var totalRows = state.Rows;
        if (state.FeatureType != FeatureType.SparseFloat32 && totalRows * state.Columns > Array.MaxLength)
        {
            throw new InvalidOperationException($"Shard {shardKey}: {totalRows} x {state.Columns} values exceed one array; use more shards.");
        }

        var sparse = state.FeatureType == FeatureType.SparseFloat32 ? new SparseRowsBuilder(totalRows, state.HasWeights) : null;
        var rows = sparse is null ? new ShardRows(totalRows, state.Columns, state.FeatureType, state.HasWeights) : null;
        var db = redis.GetDatabase();
        var values = await Task.WhenAll(Enumerable.Range(0, state.ChunkRows.Length).Select(c => db.StringGetAsync(keys.ShardChunk(shardKey, c))));
        long offset = 0;
        for (var c = 0; c < values.Length; c++)
        {
            ReadOnlyMemory<byte> bytes = values[c].IsNull ? ReadOnlyMemory<byte>.Empty : (ReadOnlyMemory<byte>)values[c];
            var where = $"shard {shardKey}, chunk {c}";
            if (sparse is not null)
            {
                SparseChunkCodec.DecodeInto(bytes.Span, where, state.ChunkChecksums[c], state.ChunkRows[c], sparse);
            }
            else
            {
                ChunkCodec.DecodeInto(bytes.Span, where, state.ChunkChecksums[c], state.ChunkRows[c], rows!, offset);
            }

            offset += state.ChunkRows[c];
        }

        return rows ?? sparse!.Build(state.Columns);
    }
}
