using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest;

/// <summary>The rules an ingestion's name and options must meet: checked by the client (to fail fast) and by the silos that read a file themselves.</summary>
public static class IngestRules
{
    /// <summary>Checks the name and options of an ingestion of named columns (CSV, Parquet, a query) before anything is read or stored.</summary>
    /// <exception cref="ArgumentException">The name is invalid, the label column is not named, or the shard count or chunk size is out of range.</exception>
    public static void Validate(string name, ColumnIngestOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.LabelColumn))
        {
            throw new ArgumentException($"{options.GetType().Name}.LabelColumn is required: name the label column.", nameof(options));
        }

        Validate(name, (IngestOptions)options);
    }

    /// <summary>Checks an ingestion's name and options before anything is read or stored.</summary>
    /// <exception cref="ArgumentException">The name is invalid, or the shard count or chunk size is out of range.</exception>
    public static void Validate(string name, IngestOptions options)
    {
        ResourceName.Validate(name, "dataset name");
        if (options.ShardCount < 1)
        {
            throw new ArgumentException($"The shard count must be at least 1, not {options.ShardCount}.", nameof(options));
        }

        if (options.ChunkBytes < 1024)
        {
            throw new ArgumentException($"ChunkBytes must be at least 1024, not {options.ChunkBytes}.", nameof(options));
        }
    }

    /// <summary>
    /// Refuses more shards than rows: row i goes to shard i mod S, so with fewer rows than shards some shards would hold
    /// none, and a shard without rows cannot take part in a round. Checked where the row count is first known: by the
    /// silos that read a file, after counting its lines and before storing any row; for an upload, which learns its row
    /// count at its end, by the dataset when it completes (the abort then deletes what was stored).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is less than <paramref name="shards"/>.</exception>
    public static void EnsureEveryShardGetsRows(string name, long rows, int shards)
    {
        if (rows < shards)
        {
            var empty = shards - rows;
            throw new ArgumentException(
                $"Dataset \"{name}\" has {rows} rows for {shards} shards: {empty} {(empty == 1 ? "shard" : "shards")} would hold no rows, and every shard needs rows to train on; use at most {rows} shards.");
        }
    }
}
