using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class MiniBatchSamplerTests
{
    [Fact]
    public void Output_MatchesTheReferenceImplementation()
    {
        // From an independent Python transcription (SplitMix64 seed mixing, xoshiro256**, Lemire, Fisher–Yates).
        Assert.Equal([4, 6, 8, 1, 5, 9, 3, 2, 0, 7], MiniBatchSampler.EpochPermutation(42, 3, 10, 0));
        Assert.Equal([0, 7, 1, 5], MiniBatchSampler.RowsForRound(42, 3, 10, 4, 2));
        Assert.Equal([1, 2, 6, 4, 3], MiniBatchSampler.RowsForRound(123, 0, 7, 5, 3));
    }

    [Fact]
    public void SameInputs_GiveTheSameRows()
    {
        Assert.Equal(
            MiniBatchSampler.RowsForRound(99, 4, 1000, 64, 1234),
            MiniBatchSampler.RowsForRound(99, 4, 1000, 64, 1234));
    }

    [Theory]
    [InlineData(100, 7)]
    [InlineData(100, 100)]
    [InlineData(100, 250)]
    [InlineData(1, 3)]
    public void EveryEpoch_CoversEveryRowExactlyOnce(int shardRows, int batchRows)
    {
        var stream = Enumerable.Range(0, (5 * shardRows / batchRows) + 2)
            .SelectMany(round => MiniBatchSampler.RowsForRound(5, 1, shardRows, batchRows, round))
            .ToArray();
        for (int epoch = 0; (epoch + 1) * shardRows <= stream.Length; epoch++)
        {
            var rows = stream.AsSpan(epoch * shardRows, shardRows).ToArray();
            Assert.Equal(Enumerable.Range(0, shardRows), rows.Order());
            Assert.Equal(MiniBatchSampler.EpochPermutation(5, 1, shardRows, epoch), rows);
        }
    }

    [Fact]
    public void DifferentShardsSeedsAndEpochs_Differ()
    {
        int[] baseline = MiniBatchSampler.EpochPermutation(1, 0, 1000, 0);
        Assert.NotEqual(baseline, MiniBatchSampler.EpochPermutation(1, 1, 1000, 0));
        Assert.NotEqual(baseline, MiniBatchSampler.EpochPermutation(2, 0, 1000, 0));
        Assert.NotEqual(baseline, MiniBatchSampler.EpochPermutation(1, 0, 1000, 1));
        Assert.NotEqual(Enumerable.Range(0, 1000), baseline);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchSampler.RowsForRound(1, 0, 0, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchSampler.RowsForRound(1, 0, 10, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchSampler.RowsForRound(1, -1, 10, 5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatchSampler.RowsForRound(1, 0, 10, 5, -1));
        Assert.Throws<OverflowException>(() => MiniBatchSampler.RowsForRound(1, 0, 10, 5, long.MaxValue / 2));
    }
}
