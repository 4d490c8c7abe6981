namespace OrleansTrainer.Models.Metrics;

/// <summary>
/// The bins of the ROC histogram, a fixed non-decreasing function of the score: the score rounded to float32, its bits
/// mapped to a uint32 that orders as the floats do (negative: every bit flipped; positive: the sign bit set), the top
/// 16 bits the bin: sign, exponent and 7 bits of mantissa. A bin spans 1/128 of a binade, so the resolution is relative
/// (scores within about 0.8% of each other may share a bin) and every float, ±∞ included, has one. Rounding to float32
/// never reverses an order and neither do the other steps, so s &lt; t ⇒ bin(s) ≤ bin(t). −0 is taken as +0, so equal
/// scores always share a bin; NaN falls beyond ±∞, by its sign bit.
/// </summary>
internal static class ScoreBins
{
    /// <summary>The number of bins, 2¹⁶; ids run from 0 to Count − 1.</summary>
    public const int Count = 1 << 16;

    /// <summary>The bin of <paramref name="score"/>.</summary>
    public static int Of(double score)
    {
        float rounded = (float)score;
        uint bits = BitConverter.SingleToUInt32Bits(rounded == 0f ? 0f : rounded);
        uint ordered = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return (int)(ordered >> 16);
    }
}
