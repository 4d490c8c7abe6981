using System.Collections.Immutable;
namespace OrleansTrainer.Grains;

/// <summary>
/// The persisted state of a data shard: the index of its row chunks, not the rows themselves, which live in their own
/// Redis keys so that appending a chunk never rewrites the shard.
/// </summary>
[GenerateSerializer, Alias("otrain.ShardState")]
public sealed record ShardState
{
    /// <summary>The ingestion the chunks belong to.</summary>
    [Id(0)] public string IngestId { get; init; } = "";

    /// <summary>Features per row.</summary>
    [Id(1)] public int Columns { get; init; }

    /// <summary>Rows in each stored chunk, in chunk order; <see cref="MissingChunk"/> where a chunk with a higher index arrived first.</summary>
    [Id(2)] public ImmutableArray<int> ChunkRows { get; init; } = [];

    /// <summary>CRC-32 of each stored chunk, in chunk order.</summary>
    [Id(3)] public ImmutableArray<uint> ChunkChecksums { get; init; } = [];

    /// <summary>Bytes stored in Redis over all chunks.</summary>
    [Id(4)] public long StoredBytes { get; init; }

    /// <summary>Whether the rows carry instance weights.</summary>
    [Id(5)] public bool HasWeights { get; init; }

    /// <summary>How the features are stored.</summary>
    [Id(6)] public OrleansTrainer.Abstractions.FeatureType FeatureType { get; init; }

    /// <summary>Whether chunks may arrive in any order (set by <see cref="OrleansTrainer.Abstractions.IDataShardGrain.PrepareIngestAsync"/>): several readers append to the shard.</summary>
    [Id(7)] public bool OutOfOrder { get; init; }

    /// <summary>The <see cref="ChunkRows"/> entry of a chunk not stored yet.</summary>
    public const int MissingChunk = -1;

    /// <summary>Total rows over all stored chunks.</summary>
    public long Rows => ChunkRows.Where(r => r > 0).Sum(r => (long)r);

    /// <summary>Chunks below the highest stored index that are not stored yet.</summary>
    public int MissingChunks => ChunkRows.Count(r => r == MissingChunk);

    /// <summary>Whether any chunk is stored: the shard's shape (columns, weights, feature type) is then fixed.</summary>
    public bool HasChunks => ChunkRows.Any(r => r != MissingChunk);
}
