namespace OrleansTrainer.Grains;

/// <summary>
/// One shard's contribution to a weight block's round: gradient sums (or model changes) over the block's entries, kept
/// as the shard sent them — dense, or sparse (the touched offsets and their values) — plus the instance-weight sum.
/// </summary>
internal sealed class BlockContribution
{
    private readonly int[]? _offsets;
    private readonly double[] _values;

    private BlockContribution(int[]? offsets, double[] values, double weightSum) => (_offsets, _values, WeightSum) = (offsets, values, weightSum);

    /// <summary>Sum of the instance weights of the rows behind the contribution.</summary>
    public double WeightSum { get; }

    /// <summary>A contribution over every entry of the block.</summary>
    public static BlockContribution Dense(ReadOnlySpan<double> values, double weightSum) => new(null, values.ToArray(), weightSum);

    /// <summary>A contribution over the entries at <paramref name="offsets"/> (strictly increasing); the others are zero.</summary>
    public static BlockContribution Sparse(ReadOnlySpan<int> offsets, ReadOnlySpan<double> values, double weightSum) =>
        new(offsets.ToArray(), values.ToArray(), weightSum);

    /// <summary>
    /// The contributions added in shard-index order (the enumeration order of <paramref name="contributions"/>): the order
    /// that makes every result independent of arrival order. A sparse contribution adds only its entries; adding its
    /// zeros would change no bit (the running sums start at +0 and can never become −0).
    /// </summary>
    public static (double[] Sum, double WeightSum) SumInShardOrder(int length, IEnumerable<BlockContribution> contributions)
    {
        var sum = new double[length];
        double weightSum = 0;
        foreach (var contribution in contributions)
        {
            contribution.AddTo(sum);
            weightSum += contribution.WeightSum;
        }

        return (sum, weightSum);
    }

    private void AddTo(Span<double> sum)
    {
        if (_offsets is null)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += _values[i];
            }

            return;
        }

        for (var i = 0; i < _offsets.Length; i++)
        {
            sum[_offsets[i]] += _values[i];
        }
    }
}
