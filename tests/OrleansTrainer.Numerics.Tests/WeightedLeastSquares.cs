using MathNet.Numerics.LinearAlgebra;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// Weighted ridge by QR, the reference for the normal equations with sample weights: minimizes
/// (1 / (2W)) sum_i s_i (x_i·w + b − y_i)² + (l2 / 2) sum_j scale_j w_j² by scaling the rows (centered on the
/// weighted means when fitting b) by sqrt(s_i) and appending the rows sqrt(W l2 scale_j) e_j.
/// </summary>
internal static class WeightedLeastSquares
{
    public static (double[] Weights, double Intercept) Solve(
        float[] features, double[] labels, double[] sampleWeights, double[] l2Scale, int cols, bool fitIntercept, double l2)
    {
        int n = labels.Length;
        double total = 0.0;
        var featureMean = new double[cols];
        double labelMean = 0.0;
        for (int i = 0; i < n; i++)
        {
            double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[i];
            total += s;
            labelMean += s * labels[i];
            for (int j = 0; j < cols; j++)
            {
                featureMean[j] += s * features[(i * cols) + j];
            }
        }

        labelMean = fitIntercept ? labelMean / total : 0.0;
        for (int j = 0; j < cols; j++)
        {
            featureMean[j] = fitIntercept ? featureMean[j] / total : 0.0;
        }

        var system = Matrix<double>.Build.Dense(n + cols, cols);
        var target = Vector<double>.Build.Dense(n + cols);
        for (int i = 0; i < n; i++)
        {
            double root = Math.Sqrt(sampleWeights.Length == 0 ? 1.0 : sampleWeights[i]);
            for (int j = 0; j < cols; j++)
            {
                system[i, j] = root * (features[(i * cols) + j] - featureMean[j]);
            }

            target[i] = root * (labels[i] - labelMean);
        }

        for (int j = 0; j < cols; j++)
        {
            system[n + j, j] = Math.Sqrt(total * l2 * (l2Scale.Length == 0 ? 1.0 : l2Scale[j]));
        }

        double[] weights = system.QR().Solve(target).ToArray();
        double intercept = labelMean;
        for (int j = 0; j < cols; j++)
        {
            intercept -= featureMean[j] * weights[j];
        }

        return (weights, fitIntercept ? intercept : 0.0);
    }
}
