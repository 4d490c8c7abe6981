using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>
/// Fits a model of any kind to a bundled dataset in this process, no cluster: L-BFGS on standardized features with a
/// small L2, a bounded number of evaluations, by naive loops; the coefficients come back on the original scale.
/// Realistic coefficients for export tests, not a reference optimum.
/// </summary>
internal static class LocalFit
{
    private const double L2 = 1e-3;

    public static LinearModel Fit(ModelKind kind, BundledDataset data, int maxEvaluations = 300)
    {
        var descriptor = ModelRegistry.Of(kind);
        var outputs = descriptor.IsMultiOutput ? (int)data.Labels.Max() + 1 : 1;
        var (mean, scale) = Standardization(data);
        var x = data.Rows.Select(r => r.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();
        var p = data.Columns;
        var dimension = (p + 1) * outputs;
        var start = new double[dimension];
        if (kind == ModelKind.PoissonRegression)
        {
            start[p] = Math.Log(data.Labels.Average());
        }

        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), start);
        var gradient = new double[dimension];
        while (minimizer.Status == LbfgsStatus.NeedEvaluation && minimizer.Evaluations < maxEvaluations)
        {
            var value = descriptor.IsMultiOutput
                ? Softmax(x, data.Labels, outputs, minimizer.PointToEvaluate, gradient)
                : SingleOutput(descriptor.LossOf(new JobSpec()), x, data.Labels, minimizer.PointToEvaluate, gradient);
            minimizer.Observe(value, gradient);
        }

        return ToOriginalScale(kind, data.FeatureNames, minimizer.Current, outputs, mean, scale);
    }

    private static (double[] Mean, double[] Scale) Standardization(BundledDataset data)
    {
        var mean = Enumerable.Range(0, data.Columns).Select(j => data.Rows.Average(r => r[j])).ToArray();
        var scale = Enumerable.Range(0, data.Columns).Select(j =>
        {
            var sd = Math.Sqrt(data.Rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
            return sd > 0 ? sd : 1;
        }).ToArray();
        return (mean, scale);
    }

    /// <summary>Point layout per output k: p weights then the intercept, at offset k·(p + 1).</summary>
    private static LinearModel ToOriginalScale(ModelKind kind, string[] names, ReadOnlySpan<double> point, int outputs, double[] mean, double[] scale)
    {
        var p = names.Length;
        var weights = new double[p * outputs];
        var intercepts = new double[outputs];
        for (var k = 0; k < outputs; k++)
        {
            var offset = k * (p + 1);
            intercepts[k] = point[offset + p];
            for (var j = 0; j < p; j++)
            {
                weights[(k * p) + j] = point[offset + j] / scale[j];
                intercepts[k] -= point[offset + j] * mean[j] / scale[j];
            }
        }

        return new LinearModel(kind, names, weights, intercepts);
    }

    private static double SingleOutput(LossSpec loss, double[][] x, double[] labels, ReadOnlySpan<double> point, Span<double> gradient)
    {
        var p = x[0].Length;
        gradient.Clear();
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var z = point[p];
            for (var j = 0; j < p; j++)
            {
                z += point[j] * x[i][j];
            }

            sum += Losses.Value(loss, z, labels[i]);
            var derivative = Losses.Derivative(loss, z, labels[i]);
            for (var j = 0; j < p; j++)
            {
                gradient[j] += derivative * x[i][j];
            }

            gradient[p] += derivative;
        }

        return Finish(point, gradient, sum, x.Length, p);
    }

    private static double Softmax(double[][] x, double[] labels, int outputs, ReadOnlySpan<double> point, Span<double> gradient)
    {
        var p = x[0].Length;
        gradient.Clear();
        var z = new double[outputs];
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var k = 0; k < outputs; k++)
            {
                var offset = k * (p + 1);
                z[k] = point[offset + p];
                for (var j = 0; j < p; j++)
                {
                    z[k] += point[offset + j] * x[i][j];
                }
            }

            var max = z.Max();
            var total = z.Sum(v => Math.Exp(v - max));
            var label = (int)labels[i];
            sum += max + Math.Log(total) - z[label];
            for (var k = 0; k < outputs; k++)
            {
                var derivative = (Math.Exp(z[k] - max) / total) - (k == label ? 1 : 0);
                var offset = k * (p + 1);
                for (var j = 0; j < p; j++)
                {
                    gradient[offset + j] += derivative * x[i][j];
                }

                gradient[offset + p] += derivative;
            }
        }

        return Finish(point, gradient, sum, x.Length, p);
    }

    /// <summary>Mean loss plus (L2/2)·‖w‖² on the standardized weights (intercepts unpenalized), and its gradient.</summary>
    private static double Finish(ReadOnlySpan<double> point, Span<double> gradient, double lossSum, int rows, int p)
    {
        double penalty = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] /= rows;
            if (i % (p + 1) != p)
            {
                gradient[i] += L2 * point[i];
                penalty += point[i] * point[i];
            }
        }

        return (lossSum / rows) + (0.5 * L2 * penalty);
    }
}
