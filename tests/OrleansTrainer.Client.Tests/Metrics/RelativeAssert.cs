namespace OrleansTrainer.Client.Tests.Metrics;

/// <summary>Equality of floating-point results up to a relative tolerance.</summary>
internal static class RelativeAssert
{
    /// <summary>Passes when <paramref name="actual"/> is <paramref name="expected"/> (NaN included) or within <paramref name="tolerance"/> × |expected| of it.</summary>
    public static void Equal(double expected, double actual, double tolerance, string what)
    {
        bool same = expected.Equals(actual) || Math.Abs(actual - expected) <= tolerance * Math.Abs(expected);
        Assert.True(same, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
