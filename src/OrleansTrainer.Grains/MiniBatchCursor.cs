using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A shard's mini-batch sampling for one job: the rows of round r are the r-th slice of the concatenated epoch
/// permutations (see <see cref="MiniBatchSampler"/>), with the current epoch's permutation kept so a round costs its
/// batch, not a reshuffle of the whole shard.
/// </summary>
internal sealed class MiniBatchCursor(ulong seed, int shardIndex, int shardRows)
{
    private long _epoch = -1;
    private int[] _permutation = [];

    /// <summary>Whether this cursor samples for the given job seed, shard and row count.</summary>
    public bool Matches(ulong jobSeed, int shard, int rows) => jobSeed == seed && shard == shardIndex && rows == shardRows;

    /// <summary>The rows of <paramref name="round"/>: identical to <see cref="MiniBatchSampler.RowsForRound"/>.</summary>
    public int[] RowsForRound(int batchRows, long round)
    {
        var batch = new int[batchRows];
        var position = checked(round * batchRows);
        var epoch = position / shardRows;
        var offset = (int)(position % shardRows);
        for (var filled = 0; filled < batchRows; epoch++, offset = 0)
        {
            var take = Math.Min(batchRows - filled, shardRows - offset);
            Permutation(epoch).AsSpan(offset, take).CopyTo(batch.AsSpan(filled));
            filled += take;
        }

        return batch;
    }

    private int[] Permutation(long epoch)
    {
        if (epoch != _epoch)
        {
            _permutation = MiniBatchSampler.EpochPermutation(seed, shardIndex, shardRows, epoch);
            _epoch = epoch;
        }

        return _permutation;
    }
}
