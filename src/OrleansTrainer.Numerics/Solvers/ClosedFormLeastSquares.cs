using MathNet.Numerics.LinearAlgebra;

namespace OrleansTrainer.Numerics;

/// <summary>Exact least-squares / ridge solutions by QR (MathNet.Numerics), the reference the iterative trainers are checked against.</summary>
public static class ClosedFormLeastSquares
{
    /// <summary>
    /// Minimizes (1 / (2n)) ||X w + b − y||^2 + (l2 / 2) ||w||^2, the intercept unpenalized. With an
    /// intercept X and y are centered first (then b = mean(y) − mean(X)·w); for l2 &gt; 0 the
    /// augmented system [Xc; sqrt(n l2) I] w = [yc; 0] is solved in the least-squares sense by QR.
    /// With l2 = 0 the (centered) features must have full column rank.
    /// </summary>
    /// <param name="features">n × p design matrix.</param>
    /// <param name="labels">n labels.</param>
    /// <param name="fitIntercept">Whether to fit b (otherwise b = 0).</param>
    /// <param name="l2">The ridge strength, 0 or more.</param>
    /// <returns>The weights and intercept.</returns>
    /// <exception cref="ArgumentException">
    /// The shapes disagree, there are no rows, or l2 is 0 and there are fewer rows than columns.
    /// </exception>
    public static (double[] Weights, double Intercept) Solve(double[,] features, double[] labels, bool fitIntercept, double l2)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(l2);
        int n = features.GetLength(0);
        int p = features.GetLength(1);
        if (labels.Length != n)
        {
            throw new ArgumentException($"Expected {n} labels, got {labels.Length}.", nameof(labels));
        }

        if (n == 0)
        {
            throw new ArgumentException("There are no rows.", nameof(features));
        }

        if (l2 == 0.0 && n < p)
        {
            throw new ArgumentException($"Without a penalty {p} weights need at least {p} rows, got {n}.", nameof(features));
        }

        var (featureMean, labelMean) = fitIntercept ? Means(features, labels) : (new double[p], 0.0);
        int augmentedRows = l2 > 0.0 ? n + p : n;
        var system = Matrix<double>.Build.Dense(augmentedRows, p);
        var target = Vector<double>.Build.Dense(augmentedRows);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                system[i, j] = features[i, j] - featureMean[j];
            }

            target[i] = labels[i] - labelMean;
        }

        if (l2 > 0.0)
        {
            double ridge = Math.Sqrt(n * l2);
            for (int j = 0; j < p; j++)
            {
                system[n + j, j] = ridge;
            }
        }

        double[] weights = system.QR().Solve(target).ToArray();
        double intercept = labelMean;
        for (int j = 0; j < p; j++)
        {
            intercept -= featureMean[j] * weights[j];
        }

        return (weights, fitIntercept ? intercept : 0.0);
    }

    private static (double[] FeatureMean, double LabelMean) Means(double[,] features, double[] labels)
    {
        int n = features.GetLength(0);
        int p = features.GetLength(1);
        var featureMean = new double[p];
        double labelMean = 0.0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                featureMean[j] += features[i, j];
            }

            labelMean += labels[i];
        }

        for (int j = 0; j < p; j++)
        {
            featureMean[j] /= n;
        }

        return (featureMean, labelMean / n);
    }
}
