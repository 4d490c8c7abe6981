namespace OrleansTrainer.Grains.Tests;

/// <summary>Bit-for-bit comparisons of floating-point vectors (NaN payloads and −0.0 included).</summary>
internal static class Bits
{
    public static void Identical(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(actual[j]),
                $"entry {j}: {expected[j]:R} vs {actual[j]:R}");
        }
    }

    public static void Identical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var j = 0; j < expected.Length; j++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[j]) == BitConverter.SingleToInt32Bits(actual[j]),
                $"entry {j}: {expected[j]:R} vs {actual[j]:R}");
        }
    }
}
