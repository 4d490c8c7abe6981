using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>Seeded random CSR problems for the sparse walks' tests.</summary>
internal static class SparseProblems
{
    /// <summary>
    /// Each row keeps every column with probability <paramref name="density"/> (value uniform in [−shift, 1 − shift)),
    /// then draws its label with <paramref name="label"/>; a row's draws in that order.
    /// </summary>
    public static (CsrMatrix Matrix, double[] Labels) Random(int rows, int cols, double density, double shift, int seed, Func<Random, double> label)
    {
        var random = new Random(seed);
        var pointers = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                if (random.NextDouble() < density)
                {
                    indices.Add(j);
                    values.Add((float)(random.NextDouble() - shift));
                }
            }

            pointers.Add(indices.Count);
            labels[i] = label(random);
        }

        return (new CsrMatrix(rows, cols, [.. pointers], [.. indices], [.. values]), labels);
    }
}
