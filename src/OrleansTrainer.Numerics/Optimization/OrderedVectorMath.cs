namespace OrleansTrainer.Numerics;

/// <summary>Vector operations in plain index order, so that their rounding is the same on every machine (no SIMD reassociation).</summary>
internal static class OrderedVectorMath
{
    /// <summary>sum_j a_j b_j, accumulated from j = 0 up.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0.0;
        for (int j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    /// <summary>y += factor x.</summary>
    public static void AddScaled(double factor, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int j = 0; j < x.Length; j++)
        {
            y[j] += factor * x[j];
        }
    }
}
