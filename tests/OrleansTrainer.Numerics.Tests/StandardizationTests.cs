using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class StandardizationTests
{
    private static readonly double[] Mean = [1.5, -2.0, 0.0, 10.0];
    private static readonly double[] Scale = [0.5, 2.0, 1.0, 4.0];

    [Fact]
    public void ToRawModel_ThenToSolverModel_RoundTrips()
    {
        double[] v = [0.3, -1.2, 2.0, 0.7];
        var w = new double[4];
        Standardization.ToRawModel(v, 0.9, Mean, Scale, w, out double b);
        var back = new double[4];
        Standardization.ToSolverModel(w, b, Mean, Scale, back, out double c);

        Assertions.NormwiseClose(v, back, 1e-15);
        Assert.Equal(0.9, c, 14);
    }

    [Fact]
    public void RawAndSolverModels_PredictTheSame()
    {
        double[] v = [0.3, -1.2, 2.0, 0.7];
        var w = new double[4];
        Standardization.ToRawModel(v, 0.9, Mean, Scale, w, out double b);
        double[] x = [2.0, 1.0, -3.0, 12.0];

        double solver = 0.9;
        double raw = b;
        for (int j = 0; j < 4; j++)
        {
            solver += (x[j] - Mean[j]) / Scale[j] * v[j];
            raw += x[j] * w[j];
        }

        Assert.Equal(solver, raw, 13);
    }

    [Theory]
    [InlineData(LossKind.SquaredError)]
    [InlineData(LossKind.Logistic)]
    public void ToSolverGradient_MatchesFiniteDifferencesOfTheStandardizedModel(LossKind loss)
    {
        const int cols = 4;
        var p = TestProblem.Random(loss, 60, cols, seed: 11);
        double[] v = [0.3, -0.4, 0.5, 0.2];
        const double c = -0.1;

        var w = new double[cols];
        Standardization.ToRawModel(v, c, Mean, Scale, w, out double b);
        var rawGradient = new double[cols];
        var sums = GradientKernel.Accumulate(loss, p.Features, p.Labels, w, b, rawGradient);
        var solverGradient = new double[cols];
        Standardization.ToSolverGradient(rawGradient, sums.InterceptGradient, Mean, Scale, solverGradient);

        const double h = 1e-6;
        for (int j = 0; j < cols; j++)
        {
            double[] up = [.. v];
            double[] down = [.. v];
            up[j] += h;
            down[j] -= h;
            double numeric = (StandardizedLoss(loss, p, up, c) - StandardizedLoss(loss, p, down, c)) / (2 * h);
            Assertions.RelativelyClose(numeric, solverGradient[j], 1e-6);
        }

        double numericIntercept = (StandardizedLoss(loss, p, v, c + h) - StandardizedLoss(loss, p, v, c - h)) / (2 * h);
        Assertions.RelativelyClose(numericIntercept, sums.InterceptGradient, 1e-6);
    }

    [Fact]
    public void SafeScale_ReplacesUnusableDeviationsByOne()
    {
        double[] scale = Standardization.SafeScale([0.0, double.NaN, double.PositiveInfinity, -1.0, 2.5]);
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 2.5], scale);
    }

    [Fact]
    public void MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => Standardization.ToRawModel(new double[4], 0, Mean, new double[3], new double[4], out _));
        Assert.Throws<ArgumentException>(() => Standardization.ToSolverGradient(new double[4], 0, Mean, Scale, new double[5]));
    }

    /// <summary>sum_i loss(sum_j ((x_ij - mean_j) / scale_j) v_j + c, y_i), straight from the definition.</summary>
    private static double StandardizedLoss(LossKind loss, TestProblem p, double[] v, double c)
    {
        double total = 0.0;
        for (int i = 0; i < p.Rows; i++)
        {
            double z = c;
            for (int j = 0; j < p.Cols; j++)
            {
                z += (p.Features[(i * p.Cols) + j] - Mean[j]) / Scale[j] * v[j];
            }

            total += Losses.Value(loss, z, p.Labels[i]);
        }

        return total;
    }
}
