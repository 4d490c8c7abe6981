using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The plainest possible gradient pass: the reference every kernel is checked against.</summary>
internal static class NaiveGradient
{
    public static GradientSums Compute(
        LossSpec loss, float[] features, double[] labels, double[] weights, double intercept, double[] gradient) =>
        Compute(loss, features, labels, [], weights, intercept, gradient);

    /// <summary>Sample weights empty means all 1.</summary>
    public static GradientSums Compute(
        LossSpec loss, float[] features, double[] labels, double[] sampleWeights, double[] weights, double intercept, double[] gradient)
    {
        int cols = weights.Length;
        var sums = default(GradientSums);
        for (int i = 0; i < labels.Length; i++)
        {
            double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[i];
            double z = intercept;
            for (int j = 0; j < cols; j++)
            {
                z += (double)features[(i * cols) + j] * weights[j];
            }

            double r = s * Losses.Derivative(loss, z, labels[i]);
            sums.Loss += s * Losses.Value(loss, z, labels[i]);
            sums.InterceptGradient += r;
            sums.WeightSum += s;
            sums.Rows++;
            for (int j = 0; j < cols; j++)
            {
                gradient[j] += r * features[(i * cols) + j];
            }
        }

        return sums;
    }
}
