namespace OrleansTrainer.Numerics.Tests;

/// <summary>Sample weights for the kernel tests: positive, uneven, some zero.</summary>
internal static class SampleWeightProblems
{
    /// <summary>Weights in [0, 3), every seventh one exactly zero.</summary>
    public static double[] Random(int rows, int seed)
    {
        var random = new Random(seed);
        var weights = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            weights[i] = i % 7 == 3 ? 0.0 : random.NextDouble() * 3.0;
        }

        return weights;
    }

    /// <summary>The float32 features as float64 (exact).</summary>
    public static double[] Widen(float[] features) => features.Select(f => (double)f).ToArray();
}
