using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class ClosedFormLeastSquaresTests
{
    [Fact]
    public void ExactLine_IsRecovered()
    {
        var (w, b) = ClosedFormLeastSquares.Solve(new double[,] { { 0 }, { 1 }, { 2 }, { 3 } }, [1, 3, 5, 7], fitIntercept: true, l2: 0);
        Assert.Equal(2.0, w[0], 12);
        Assert.Equal(1.0, b, 12);
    }

    [Fact]
    public void WithoutIntercept_FitsThroughTheOrigin()
    {
        // y = 3x + 1 without an intercept: w = sum(x y) / sum(x^2) = (4 + 14 + 30) / 14.
        var (w, b) = ClosedFormLeastSquares.Solve(new double[,] { { 1 }, { 2 }, { 3 } }, [4, 7, 10], fitIntercept: false, l2: 0);
        Assert.Equal(48.0 / 14.0, w[0], 12);
        Assert.Equal(0.0, b);
    }

    [Fact]
    public void Ridge_ShrinksByTheHandSolvedFactor()
    {
        // x = [-1, 1], y = [-1, 1], n = 2: d/dw [(1/4) sum (w x - y)^2 + (l2/2) w^2] = w - 1 + l2 w = 0.
        var (w, b) = ClosedFormLeastSquares.Solve(new double[,] { { -1 }, { 1 } }, [-1, 1], fitIntercept: true, l2: 1.0);
        Assert.Equal(0.5, w[0], 12);
        Assert.Equal(0.0, b, 12);
    }

    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.3)]
    [InlineData(false, 0.05)]
    public void Solution_ZeroesTheObjectivesGradient(bool fitIntercept, double l2)
    {
        const int n = 200;
        const int p = 5;
        var random = new Random(4);
        var x = new double[n, p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = (random.NextDouble() * 4) + j;
            }

            y[i] = (random.NextDouble() * 10) - 3;
        }

        var (w, b) = ClosedFormLeastSquares.Solve(x, y, fitIntercept, l2);

        // gradient: (1/n) X^T r + l2 w for the weights, (1/n) sum r for the intercept, r = X w + b - y.
        var gradient = new double[p];
        double interceptGradient = 0.0;
        double scale = 0.0;
        for (int i = 0; i < n; i++)
        {
            double r = b - y[i];
            for (int j = 0; j < p; j++)
            {
                r += x[i, j] * w[j];
            }

            interceptGradient += r / n;
            for (int j = 0; j < p; j++)
            {
                gradient[j] += x[i, j] * r / n;
                scale = Math.Max(scale, Math.Abs(x[i, j] * y[i]));
            }
        }

        for (int j = 0; j < p; j++)
        {
            Assert.True(Math.Abs(gradient[j] + (l2 * w[j])) <= 1e-10 * scale, $"weight {j}: {gradient[j] + (l2 * w[j]):E3}");
        }

        if (fitIntercept)
        {
            Assert.True(Math.Abs(interceptGradient) <= 1e-10 * scale, $"intercept: {interceptGradient:E3}");
        }
    }

    [Fact]
    public void BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => ClosedFormLeastSquares.Solve(new double[3, 2], new double[2], true, 0));
        Assert.Throws<ArgumentException>(() => ClosedFormLeastSquares.Solve(new double[1, 2], new double[1], true, 0));
        Assert.Throws<ArgumentException>(() => ClosedFormLeastSquares.Solve(new double[0, 2], [], true, 1));
    }
}
