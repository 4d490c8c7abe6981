namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// The smooth objective of a linear model by naive loops: mean loss over the rows + (l2 / 2) sum_j l2Scale_j w_j^2,
/// at a point [w_0 .. w_{p-1}, b] whose last coordinate is the unpenalized intercept. The loss is logistic on
/// labels 0 / 1 (log(1 + e^z) − y z) or half the squared error.
/// </summary>
internal sealed class LinearModelObjective(double[,] features, double[] labels, bool logistic, double l2, double[] l2Scale)
{
    public int Dimension => features.GetLength(1) + 1;

    /// <summary>The intercept's index, last.</summary>
    public int Intercept => features.GetLength(1);

    /// <summary>1 for every weight and 0 for the intercept: the L1 scale of a model penalized on solver coordinates.</summary>
    public double[] WeightsOnly() => Enumerable.Range(0, Dimension).Select(j => j == Intercept ? 0.0 : 1.0).ToArray();

    public double Evaluate(ReadOnlySpan<double> point, Span<double> gradient)
    {
        int n = labels.Length;
        int p = features.GetLength(1);
        gradient.Clear();
        double loss = 0.0;
        for (int i = 0; i < n; i++)
        {
            double z = point[p];
            for (int j = 0; j < p; j++)
            {
                z += features[i, j] * point[j];
            }

            double derivative;
            if (logistic)
            {
                loss += Math.Max(z, 0.0) + Math.Log(1.0 + Math.Exp(-Math.Abs(z))) - (labels[i] * z);
                derivative = (1.0 / (1.0 + Math.Exp(-z))) - labels[i];
            }
            else
            {
                derivative = z - labels[i];
                loss += 0.5 * derivative * derivative;
            }

            for (int j = 0; j < p; j++)
            {
                gradient[j] += derivative * features[i, j];
            }

            gradient[p] += derivative;
        }

        double penalty = 0.0;
        for (int j = 0; j <= p; j++)
        {
            gradient[j] /= n;
            if (j < p)
            {
                penalty += l2Scale[j] * point[j] * point[j];
                gradient[j] += l2 * l2Scale[j] * point[j];
            }
        }

        return (loss / n) + (0.5 * l2 * penalty);
    }

    /// <summary>Drives <paramref name="minimizer"/> until it stops or has made <paramref name="maxEvaluations"/> evaluations.</summary>
    public LbfgsMinimizer Run(LbfgsMinimizer minimizer, int maxEvaluations = 20_000)
    {
        var gradient = new double[Dimension];
        while (minimizer.Status == LbfgsStatus.NeedEvaluation && minimizer.Evaluations < maxEvaluations)
        {
            double value = Evaluate(minimizer.PointToEvaluate, gradient);
            minimizer.Observe(value, gradient);
        }

        return minimizer;
    }
}
