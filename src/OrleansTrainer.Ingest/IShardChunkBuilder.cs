using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>Collects rows bound for one shard into chunks.</summary>
internal interface IShardChunkBuilder
{
    /// <summary>Rows collected.</summary>
    int Count { get; }

    /// <summary>Whether the chunk has reached its size.</summary>
    bool IsFull { get; }

    /// <summary>Chunks already taken from this builder: the index of the next one.</summary>
    int NextChunkIndex { get; }

    /// <summary>Takes the collected rows as a chunk and starts a new one.</summary>
    ShardChunk Take();
}
