namespace OrleansTrainer.Numerics;

/// <summary>Turns raw generator output into other uniform values.</summary>
internal static class RandomBits
{
    /// <summary>The top 53 bits as k / 2^53, uniform in [0, 1).</summary>
    public static double ToUnitDouble(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
