namespace OrleansTrainer.Numerics.Tests;

internal static class Assertions
{
    /// <summary>max_j |actual_j - expected_j| ≤ relative · max_j |expected_j| (normwise relative error).</summary>
    public static void NormwiseClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0.0;
        double error = 0.0;
        for (int j = 0; j < expected.Length; j++)
        {
            scale = Math.Max(scale, Math.Abs(expected[j]));
            error = Math.Max(error, Math.Abs(actual[j] - expected[j]));
        }

        Assert.True(error <= relative * scale, $"normwise error {error:E3} > {relative:E1} × {scale:E3}");
    }

    /// <summary>|actual - expected| ≤ relative · |expected|.</summary>
    public static void RelativelyClose(double expected, double actual, double relative)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (error {error:E3})");
    }

    /// <summary>The same bits, element by element.</summary>
    public static void BitIdentical(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(actual[j]),
                $"entry {j}: {expected[j]:R} vs {actual[j]:R}");
        }
    }

    public static void BitIdentical(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
}
