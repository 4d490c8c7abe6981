namespace OrleansTrainer.Ingest;

/// <summary>
/// Where a reader's rows go in a dataset whose rows several readers send at once: its first row is the dataset's row
/// <see cref="FirstRow"/>, and its chunks for shard s are numbered from <c>FirstChunks[s]</c>.
/// </summary>
/// <param name="FirstRow">The dataset row number of the reader's first row.</param>
/// <param name="FirstChunks">The first chunk index per shard; null when one reader sends every row (all start at 0).</param>
public sealed record RowPlacement(long FirstRow, int[]? FirstChunks)
{
    /// <summary>One reader sends every row.</summary>
    public static RowPlacement Whole { get; } = new(0, null);

    /// <summary>
    /// The placements of consecutive parts of <paramref name="rows"/>[k] rows each, row g going to shard g mod
    /// <paramref name="shards"/> in chunks of at most <paramref name="chunkRows"/> rows per part and shard (each part
    /// starts new chunks).
    /// </summary>
    public static RowPlacement[] OfParts(IReadOnlyList<long> rows, int shards, int chunkRows)
    {
        var placements = new RowPlacement[rows.Count];
        var nextChunk = new int[shards];
        long first = 0;
        for (var k = 0; k < rows.Count; k++)
        {
            placements[k] = new RowPlacement(first, (int[])nextChunk.Clone());
            for (var s = 0; s < shards; s++)
            {
                var shardRows = RowsBelow(first + rows[k], s, shards) - RowsBelow(first, s, shards);
                nextChunk[s] += (int)((shardRows + chunkRows - 1) / chunkRows);
            }

            first += rows[k];
        }

        return placements;
    }

    /// <summary>How many of rows 0 .. <paramref name="end"/> − 1 go to <paramref name="shard"/>: those ≡ shard (mod shards).</summary>
    private static long RowsBelow(long end, int shard, int shards) => end > shard ? ((end - shard - 1) / shards) + 1 : 0;
}
