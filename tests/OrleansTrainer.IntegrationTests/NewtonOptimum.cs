using MathNet.Numerics.LinearAlgebra;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The optimum of mean loss + (l2/2)‖w‖² (intercepts unpenalized) for logistic and softmax regression, refined by full
/// Newton steps with the exact Hessian in double precision from a model close to it: the yardstick of how close a
/// stopping rule leaves the coefficients.
/// </summary>
public static class NewtonOptimum
{
    /// <summary>
    /// Newton's iterates from <paramref name="start"/> until the naive gradient (<see cref="ReferenceObjective"/>) is at
    /// most <paramref name="gradientTolerance"/>; the coefficients in <see cref="Training.AllCoefficients"/>' order.
    /// </summary>
    /// <exception cref="InvalidOperationException">Twenty steps did not reach the tolerance.</exception>
    public static double[] Refine(LocalDataset data, LinearModel start, double l2, double gradientTolerance = 1e-12)
    {
        var model = start;
        for (var step = 0; step < 20; step++)
        {
            var gradient = ReferenceObjective.SmoothGradient(data, model, l2);
            var coefficients = Training.AllCoefficients(model);
            if (gradient.Max(Math.Abs) <= gradientTolerance)
            {
                return coefficients;
            }

            var delta = Hessian(data, model, l2).Solve(Vector<double>.Build.DenseOfArray(gradient));
            var next = coefficients.Select((value, i) => value - delta[i]).ToArray();
            var weights = next.Length - model.Outputs;
            model = new LinearModel(model.Kind, model.FeatureNames, next[..weights], next[weights..]);
        }

        throw new InvalidOperationException($"Newton's method did not reach a gradient of {gradientTolerance} in 20 steps.");
    }

    /// <summary>‖a − b‖ / ‖b‖.</summary>
    public static double RelativeDistance(double[] a, double[] b) =>
        Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum()) / Math.Sqrt(b.Sum(y => y * y));

    /// <summary>
    /// Σ_i (diag(p) − p pᵀ) ⊗ x̃ x̃ᵀ / n + l2 on the weights, x̃ = (x, 1); for softmax (more than one output) plus u uᵀ,
    /// u the unit vector of a common shift of the intercepts, which changes no prediction and so no gradient: the step
    /// is the Newton step orthogonal to that shift.
    /// </summary>
    private static Matrix<double> Hessian(LocalDataset data, LinearModel model, double l2)
    {
        var d = data.Columns;
        var k = model.Outputs;
        var size = k * (d + 1);
        var hessian = new double[size * size];
        var row = new double[d + 1];
        var p = new double[k];
        for (var i = 0; i < data.Rows; i++)
        {
            for (var j = 0; j < d; j++)
            {
                row[j] = data.Features[i, j];
            }

            row[d] = 1;
            Probabilities(model, row.AsSpan(0, d), p);
            for (var c = 0; c < k; c++)
            {
                for (var e = 0; e < k; e++)
                {
                    var a = ((c == e ? p[c] : 0) - p[c] * p[e]) / data.Rows;
                    for (var j = 0; j <= d; j++)
                    {
                        var aj = a * row[j];
                        var r = Index(c, j, d, k) * size;
                        for (var m = 0; m <= d; m++)
                        {
                            hessian[r + Index(e, m, d, k)] += aj * row[m];
                        }
                    }
                }
            }
        }

        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                hessian[(c * d + j) * (size + 1)] += l2;
            }

            for (var e = 0; e < k && k > 1; e++)
            {
                hessian[(k * d + c) * size + k * d + e] += 1.0 / k;
            }
        }

        return Matrix<double>.Build.DenseOfColumnMajor(size, size, hessian);
    }

    private static int Index(int output, int column, int d, int k) => column < d ? output * d + column : k * d + output;

    private static void Probabilities(LinearModel model, ReadOnlySpan<double> x, double[] p)
    {
        if (model.Kind == ModelKind.LogisticRegression)
        {
            p[0] = 1 / (1 + Math.Exp(-model.Margin(x)));
            return;
        }

        model.ClassProbabilities(x, p);
    }
}
