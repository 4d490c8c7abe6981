using OrleansTrainer.Grains;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

public sealed class MiniBatchCursorTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(7, 7)]
    [InlineData(5, 12)]
    public void The_cursor_draws_exactly_the_rows_of_the_sampler(int shardRows, int batchRows)
    {
        var cursor = new MiniBatchCursor(99, 2, shardRows);
        for (var round = 0L; round < 25; round++)
        {
            Assert.Equal(MiniBatchSampler.RowsForRound(99, 2, shardRows, batchRows, round), cursor.RowsForRound(batchRows, round));
        }

        Assert.Equal(MiniBatchSampler.RowsForRound(99, 2, shardRows, batchRows, 3), cursor.RowsForRound(batchRows, 3));
    }
}
