namespace OrleansTrainer.Numerics;

/// <summary>
/// Blackman and Vigna's xoshiro256** generator (period 2^256 − 1), its state seeded from
/// <see cref="SplitMix64"/>. The same seed gives the same sequence on every machine and in every process.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Seeds the four state words with four consecutive <see cref="SplitMix64"/> outputs (never all zero).</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public Xoshiro256StarStar(ulong seed)
    {
        var seeder = new SplitMix64(seed);
        s0 = seeder.NextUInt64();
        s1 = seeder.NextUInt64();
        s2 = seeder.NextUInt64();
        s3 = seeder.NextUInt64();
    }

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>k / 2^53 for a uniform k in [0, 2^53).</returns>
    public double NextDouble() => RandomBits.ToUnitDouble(NextUInt64());

    /// <summary>A uniform integer in [0, <paramref name="exclusiveBound"/>), without modulo bias (Lemire's method).</summary>
    /// <param name="exclusiveBound">At least 1.</param>
    /// <returns>A value in [0, <paramref name="exclusiveBound"/>).</returns>
    public int NextInt32(int exclusiveBound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveBound, 1);
        ulong bound = (ulong)exclusiveBound;
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return (int)high;
    }
}
