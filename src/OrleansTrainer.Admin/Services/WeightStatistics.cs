namespace OrleansTrainer.Admin.Services;

/// <summary>Summary statistics of a weight vector: size, Euclidean norm, range, a histogram and its first values.</summary>
/// <param name="Count">Number of weights.</param>
/// <param name="Norm">Euclidean norm.</param>
/// <param name="Min">Smallest weight.</param>
/// <param name="Max">Largest weight.</param>
/// <param name="Histogram">Counts in <see cref="Bins"/> equal-width bins from <see cref="Min"/> to <see cref="Max"/>.</param>
/// <param name="First">The first weights, in order.</param>
public sealed record WeightStatistics(int Count, double Norm, double Min, double Max, int[] Histogram, double[] First)
{
    /// <summary>Bins of the histogram.</summary>
    public const int Bins = 16;

    /// <summary>How many leading weights are listed.</summary>
    public const int Leading = 10;

    /// <summary>The statistics of <paramref name="weights"/>.</summary>
    public static WeightStatistics Of(ReadOnlySpan<double> weights)
    {
        if (weights.IsEmpty)
        {
            return new WeightStatistics(0, 0, 0, 0, new int[Bins], []);
        }

        double sumSquares = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var w in weights)
        {
            sumSquares += w * w;
            min = Math.Min(min, w);
            max = Math.Max(max, w);
        }

        var histogram = new int[Bins];
        var width = (max - min) / Bins;
        foreach (var w in weights)
        {
            histogram[width > 0 ? Math.Min(Bins - 1, (int)((w - min) / width)) : 0]++;
        }

        return new WeightStatistics(weights.Length, Math.Sqrt(sumSquares), min, max, histogram, weights[..Math.Min(Leading, weights.Length)].ToArray());
    }
}
