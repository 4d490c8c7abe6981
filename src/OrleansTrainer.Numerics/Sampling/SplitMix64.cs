namespace OrleansTrainer.Numerics;

/// <summary>
/// Steele, Lea and Flood's SplitMix64 generator: a 64-bit counter stepped by the golden gamma and
/// passed through a bijective mixer. Used to seed <see cref="Xoshiro256StarStar"/> and to mix seeds;
/// the same seed gives the same sequence on every machine and in every process.
/// </summary>
public sealed class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private ulong state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value.</param>
    public SplitMix64(ulong seed) => state = seed;

    /// <summary>The SplitMix64 output for counter value <paramref name="value"/>: a bijection of 64-bit values, so distinct inputs never collide.</summary>
    /// <param name="value">Any 64-bit value.</param>
    /// <returns>The mixed value.</returns>
    public static ulong Mix(ulong value)
    {
        ulong z = value + GoldenGamma;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    public ulong NextUInt64()
    {
        ulong current = state;
        state += GoldenGamma;
        return Mix(current);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>k / 2^53 for a uniform k in [0, 2^53).</returns>
    public double NextDouble() => RandomBits.ToUnitDouble(NextUInt64());
}
