namespace OrleansTrainer.Numerics;

/// <summary>
/// Deterministic mini-batches for SGD. Epoch e of a shard is a Fisher–Yates permutation of its rows
/// driven by <see cref="Xoshiro256StarStar"/> seeded from (job seed, shard index, e); the epochs are
/// laid end to end and round r takes the r-th run of batchRows positions (a batch may span an epoch
/// boundary). The same inputs give the same rows in every process and on every machine.
/// </summary>
public static class MiniBatchSampler
{
    /// <summary>The rows (indices into the shard) of round <paramref name="round"/>'s batch, in order.</summary>
    /// <param name="jobSeed">The job's seed.</param>
    /// <param name="shardIndex">The shard's index in its dataset, 0 or more.</param>
    /// <param name="shardRows">The shard's row count, at least 1.</param>
    /// <param name="batchRows">Rows per batch, at least 1 (more than <paramref name="shardRows"/> spans several epochs).</param>
    /// <param name="round">The round, 0 or more.</param>
    /// <returns><paramref name="batchRows"/> row indices in [0, <paramref name="shardRows"/>).</returns>
    /// <remarks>Costs one permutation of the shard per epoch the batch touches; callers drawing many
    /// rounds from a large shard can cache <see cref="EpochPermutation"/> per epoch instead.</remarks>
    public static int[] RowsForRound(ulong jobSeed, int shardIndex, int shardRows, int batchRows, long round)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        long firstPosition = checked(round * batchRows);
        long epoch = firstPosition / shardRows;
        int offset = (int)(firstPosition % shardRows);

        var batch = new int[batchRows];
        int filled = 0;
        while (filled < batchRows)
        {
            int[] permutation = EpochPermutation(jobSeed, shardIndex, shardRows, epoch);
            int take = Math.Min(batchRows - filled, shardRows - offset);
            permutation.AsSpan(offset, take).CopyTo(batch.AsSpan(filled));
            filled += take;
            offset = 0;
            epoch++;
        }

        return batch;
    }

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the shard's rows: a permutation of 0..shardRows-1.</summary>
    /// <param name="jobSeed">The job's seed.</param>
    /// <param name="shardIndex">The shard's index in its dataset, 0 or more.</param>
    /// <param name="shardRows">The shard's row count, 0 or more.</param>
    /// <param name="epoch">The epoch, 0 or more.</param>
    /// <returns>Every row index exactly once.</returns>
    public static int[] EpochPermutation(ulong jobSeed, int shardIndex, int shardRows, long epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(shardRows);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var permutation = new int[shardRows];
        for (int i = 0; i < shardRows; i++)
        {
            permutation[i] = i;
        }

        var random = new Xoshiro256StarStar(EpochSeed(jobSeed, shardIndex, epoch));
        for (int i = shardRows - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (permutation[i], permutation[j]) = (permutation[j], permutation[i]);
        }

        return permutation;
    }

    /// <summary>Chains the bijective <see cref="SplitMix64.Mix"/> over the three inputs, so changing any one changes the seed.</summary>
    private static ulong EpochSeed(ulong jobSeed, int shardIndex, long epoch)
    {
        ulong seed = SplitMix64.Mix(jobSeed);
        seed = SplitMix64.Mix(seed ^ (ulong)shardIndex);
        return SplitMix64.Mix(seed ^ (ulong)epoch);
    }
}
