using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Files;

/// <summary><see cref="RowPlacement.OfParts"/> against a naive walk over every row: first rows, and chunk numbers that follow on without gaps or overlaps.</summary>
public sealed class RowPlacementTests
{
    [Theory]
    [InlineData(new long[] { 10 }, 3, 4)]
    [InlineData(new long[] { 0, 7, 1, 0, 13 }, 3, 2)]
    [InlineData(new long[] { 100, 101, 99, 5 }, 7, 5)]
    [InlineData(new long[] { 1, 1, 1 }, 4, 1)]
    public void Parts_continue_each_shard_where_the_previous_part_stopped(long[] rows, int shards, int chunkRows)
    {
        var placements = RowPlacement.OfParts(rows, shards, chunkRows);

        var nextChunk = new int[shards];
        long first = 0;
        for (var k = 0; k < rows.Length; k++)
        {
            Assert.Equal(first, placements[k].FirstRow);
            Assert.Equal(nextChunk, placements[k].FirstChunks);
            var inChunk = new int[shards];
            var started = new bool[shards];
            for (var g = first; g < first + rows[k]; g++)
            {
                var s = (int)(g % shards);
                if (!started[s] || inChunk[s] == chunkRows)
                {
                    nextChunk[s] += 1;
                    inChunk[s] = 0;
                    started[s] = true;
                }

                inChunk[s]++;
            }

            first += rows[k];
        }
    }
}
