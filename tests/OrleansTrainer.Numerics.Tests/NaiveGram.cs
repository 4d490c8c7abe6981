using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The plainest Gram sums, in double loops, the reference for <see cref="GramKernel"/>.</summary>
internal static class NaiveGram
{
    public static GramSums Compute(float[] features, double[] labels, double[] sampleWeights, double[] center, int cols)
    {
        var sums = new GramSums(cols);
        var z = new double[cols];
        for (int i = 0; i < labels.Length; i++)
        {
            double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[i];
            for (int j = 0; j < cols; j++)
            {
                z[j] = features[(i * cols) + j] - (center.Length == 0 ? 0.0 : center[j]);
            }

            for (int j = 0; j < cols; j++)
            {
                for (int k = 0; k < cols; k++)
                {
                    sums.XtX[(j * cols) + k] += s * z[j] * z[k];
                }

                sums.Xty[j] += s * z[j] * labels[i];
                sums.XSum[j] += s * z[j];
            }

            sums.YSum += s * labels[i];
            sums.YySum += s * labels[i] * labels[i];
            sums.WeightSum += s;
            sums.Rows++;
        }

        return sums;
    }

    /// <summary>Every sum within a normwise relative error of <paramref name="relative"/> (per group of sums).</summary>
    public static void AssertClose(GramSums expected, GramSums actual, double relative)
    {
        Assertions.NormwiseClose(expected.XtX, actual.XtX, relative);
        Assertions.NormwiseClose(expected.Xty, actual.Xty, relative);
        Assertions.NormwiseClose([.. expected.XSum, expected.WeightSum], [.. actual.XSum, actual.WeightSum], relative);
        Assertions.NormwiseClose([expected.YSum, expected.YySum], [actual.YSum, actual.YySum], relative);
        Assert.Equal(expected.Rows, actual.Rows);
    }

    /// <summary>The same bits in every sum.</summary>
    public static void AssertIdentical(GramSums expected, GramSums actual)
    {
        Assertions.BitIdentical(expected.XtX, actual.XtX);
        Assertions.BitIdentical(expected.Xty, actual.Xty);
        Assertions.BitIdentical(expected.XSum, actual.XSum);
        Assertions.BitIdentical([expected.YSum, expected.YySum, expected.WeightSum], [actual.YSum, actual.YySum, actual.WeightSum]);
        Assert.Equal(expected.Rows, actual.Rows);
    }
}
