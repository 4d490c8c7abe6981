using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The training objective computed naively in double precision from the raw data and raw coefficients, independent
/// of the kernels and of standardization: the yardstick of the optimality tests.
/// </summary>
public static class ReferenceObjective
{
    /// <summary>The gradient of mean loss + (l2/2)‖w‖² with respect to every weight (output-major), then every intercept.</summary>
    public static double[] SmoothGradient(LocalDataset data, LinearModel model, double l2, double huberDelta = 1.35, double[]? sampleWeights = null)
    {
        var d = data.Columns;
        var k = model.Outputs;
        var gradient = new double[k * d + k];
        var z = new double[k];
        double totalWeight = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            var s = sampleWeights?[i] ?? 1.0;
            totalWeight += s;
            for (var c = 0; c < k; c++)
            {
                var weights = model.WeightsOf(c);
                z[c] = model.Intercepts[c];
                for (var j = 0; j < d; j++)
                {
                    z[c] += weights[j] * data.Features[i, j];
                }
            }

            var residuals = Residuals(model.Kind, z, data.Labels[i], huberDelta);
            for (var c = 0; c < k; c++)
            {
                for (var j = 0; j < d; j++)
                {
                    gradient[c * d + j] += s * residuals[c] * data.Features[i, j];
                }

                gradient[k * d + c] += s * residuals[c];
            }
        }

        for (var c = 0; c < k; c++)
        {
            var weights = model.WeightsOf(c);
            for (var j = 0; j < d; j++)
            {
                gradient[c * d + j] = gradient[c * d + j] / totalWeight + l2 * weights[j];
            }

            gradient[k * d + c] /= totalWeight;
        }

        return gradient;
    }

    /// <summary>‖gradient‖∞ of the smooth objective.</summary>
    public static double GradientMaxAbs(LocalDataset data, LinearModel model, double l2, double huberDelta = 1.35, double[]? sampleWeights = null) =>
        SmoothGradient(data, model, l2, huberDelta, sampleWeights).Max(Math.Abs);

    /// <summary>
    /// The largest violation of the KKT conditions of smooth + l1·‖w‖₁ (intercepts unpenalized): |g_j + l1·sign(w_j)| for
    /// w_j ≠ 0, max(0, |g_j| − l1) for w_j = 0, |g_b| for intercepts.
    /// </summary>
    public static double KktViolation(LocalDataset data, LinearModel model, double l2, double l1)
    {
        var gradient = SmoothGradient(data, model, l2);
        var weights = Enumerable.Range(0, model.Outputs).SelectMany(c => model.WeightsOf(c).ToArray()).ToArray();
        double worst = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            var violation = i >= weights.Length ? Math.Abs(gradient[i])
                : weights[i] != 0 ? Math.Abs(gradient[i] + l1 * Math.Sign(weights[i]))
                : Math.Max(0, Math.Abs(gradient[i]) - l1);
            worst = Math.Max(worst, violation);
        }

        return worst;
    }

    private static double[] Residuals(ModelKind kind, double[] z, double y, double delta)
    {
        switch (kind)
        {
            case ModelKind.LinearRegression:
                return [z[0] - y];
            case ModelKind.LogisticRegression:
                return [1 / (1 + Math.Exp(-z[0])) - y];
            case ModelKind.HuberRegression:
                return [Math.Clamp(z[0] - y, -delta, delta)];
            case ModelKind.PoissonRegression:
                return [Math.Exp(z[0]) - y];
            default:
                var max = z.Max();
                var exp = z.Select(v => Math.Exp(v - max)).ToArray();
                var sum = exp.Sum();
                return exp.Select((e, c) => e / sum - (c == (int)y ? 1 : 0)).ToArray();
        }
    }
}
