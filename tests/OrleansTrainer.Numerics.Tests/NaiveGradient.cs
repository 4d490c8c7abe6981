using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The plainest possible gradient pass: the reference every kernel is checked against.</summary>
internal static class NaiveGradient
{
    public static GradientSums Compute(
        LossKind loss, float[] features, double[] labels, double[] weights, double intercept, double[] gradient)
    {
        int cols = weights.Length;
        var sums = default(GradientSums);
        for (int i = 0; i < labels.Length; i++)
        {
            double z = intercept;
            for (int j = 0; j < cols; j++)
            {
                z += (double)features[(i * cols) + j] * weights[j];
            }

            double r = Losses.Derivative(loss, z, labels[i]);
            sums.Loss += Losses.Value(loss, z, labels[i]);
            sums.InterceptGradient += r;
            sums.Rows++;
            for (int j = 0; j < cols; j++)
            {
                gradient[j] += r * features[(i * cols) + j];
            }
        }

        return sums;
    }
}
