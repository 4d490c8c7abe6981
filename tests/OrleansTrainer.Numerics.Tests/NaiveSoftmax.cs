using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The plainest softmax pass (scores, stable log-sum-exp, probabilities), the reference for <see cref="SoftmaxKernel"/>.</summary>
internal static class NaiveSoftmax
{
    public static GradientSums Compute(
        float[] features, double[] labels, double[] sampleWeights, int classes, double[] weights, double[] intercepts, double[] gradient, double[] interceptGradient)
    {
        int cols = weights.Length / classes;
        var sums = default(GradientSums);
        var z = new double[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[i];
            int y = (int)labels[i];
            for (int k = 0; k < classes; k++)
            {
                z[k] = intercepts[k];
                for (int j = 0; j < cols; j++)
                {
                    z[k] += (double)features[(i * cols) + j] * weights[(k * cols) + j];
                }
            }

            double max = z.Max();
            double total = z.Sum(v => Math.Exp(v - max));
            sums.Loss += s * (Math.Log(total) + max - z[y]);
            sums.WeightSum += s;
            sums.Rows++;
            for (int k = 0; k < classes; k++)
            {
                double r = s * ((Math.Exp(z[k] - max) / total) - (k == y ? 1.0 : 0.0));
                interceptGradient[k] += r;
                for (int j = 0; j < cols; j++)
                {
                    gradient[(k * cols) + j] += r * features[(i * cols) + j];
                }
            }
        }

        return sums;
    }

    /// <summary>The mean-free objective sum_i s_i (logsumexp(z_i) − z_{i,y}) at the given parameters.</summary>
    public static double Loss(float[] features, double[] labels, double[] sampleWeights, int classes, double[] weights, double[] intercepts) =>
        Compute(features, labels, sampleWeights, classes, weights, intercepts, new double[weights.Length], new double[classes]).Loss;
}
