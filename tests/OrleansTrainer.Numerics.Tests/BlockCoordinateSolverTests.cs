using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class BlockCoordinateSolverTests
{
    [Fact]
    public void A_block_holding_every_coordinate_lands_on_the_closed_form_ridge_solution()
    {
        var (x, y) = Problem(rows: 200, cols: 6, seed: 3);
        const double l2 = 0.05;
        var (gram, correlation) = Statistics(x, y, new double[6]);
        var step = BlockCoordinateSolver.Solve(gram, correlation, 200, new double[6], l2, 0, Ones(6), Ones(6));

        var (expected, _) = ClosedFormLeastSquares.Solve(x, y, fitIntercept: false, l2: l2);
        for (var j = 0; j < 6; j++)
        {
            Assert.Equal(expected[j], step.Delta[j], 1e-10);
        }
    }

    [Fact]
    public void A_lasso_step_meets_the_kkt_conditions_of_its_subproblem_with_exact_zeros()
    {
        var (x, y) = Problem(rows: 300, cols: 8, seed: 4);
        const double l1 = 0.3;
        var start = new double[] { 0.5, -0.2, 0, 0, 1, 0, 0, 0.1 };
        var (gram, correlation) = Statistics(x, y, start);
        var step = BlockCoordinateSolver.Solve(gram, correlation, 300, start, 0, l1, Ones(8), Ones(8));

        var w = start.Select((v, j) => v + step.Delta[j]).ToArray();
        var (_, residualCorrelation) = Statistics(x, y, w);
        for (var j = 0; j < 8; j++)
        {
            var g = -residualCorrelation[j] / 300;
            var violation = w[j] != 0 ? Math.Abs(g + l1 * Math.Sign(w[j])) : Math.Max(Math.Abs(g) - l1, 0);
            Assert.True(violation < 1e-10, $"coordinate {j}: {violation}");
        }

        Assert.Contains(0.0, w);
        Assert.True(step.ViolationSquared > 0);
    }

    [Fact]
    public void The_step_is_zero_at_the_optimum_and_reports_no_violation()
    {
        var (x, y) = Problem(rows: 100, cols: 4, seed: 5);
        var (optimum, _) = ClosedFormLeastSquares.Solve(x, y, fitIntercept: false, l2: 0);
        var (gram, correlation) = Statistics(x, y, optimum);
        var step = BlockCoordinateSolver.Solve(gram, correlation, 100, optimum, 0, 0, Ones(4), Ones(4));

        Assert.All(step.Delta, d => Assert.True(Math.Abs(d) < 1e-12));
        Assert.True(step.ViolationSquared < 1e-24);
    }

    [Fact]
    public void Mismatched_shapes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BlockCoordinateSolver.Solve(new double[3], new double[2], 1, new double[2], 0, 0, Ones(2), Ones(2)));
        Assert.Contains("2 x 2 Gram", error.Message);
    }

    private static double[] Ones(int n) => Enumerable.Repeat(1.0, n).ToArray();

    private static (double[,] X, double[] Y) Problem(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows, cols];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                x[i, j] = random.NextDouble() * 2 - 1 + (j > 0 ? 0.5 * x[i, j - 1] : 0);
                y[i] += (j % 3 - 1) * x[i, j];
            }

            y[i] += 0.1 * (random.NextDouble() - 0.5);
        }

        return (x, y);
    }

    /// <summary>G = XᵀX and c = Xᵀ(y − Xw).</summary>
    private static (double[] Gram, double[] Correlation) Statistics(double[,] x, double[] y, double[] w)
    {
        int rows = y.Length, cols = w.Length;
        var gram = new double[cols * cols];
        var correlation = new double[cols];
        for (var i = 0; i < rows; i++)
        {
            var r = y[i];
            for (var j = 0; j < cols; j++)
            {
                r -= x[i, j] * w[j];
            }

            for (var j = 0; j < cols; j++)
            {
                correlation[j] += x[i, j] * r;
                for (var k = 0; k < cols; k++)
                {
                    gram[j * cols + k] += x[i, j] * x[i, k];
                }
            }
        }

        return (gram, correlation);
    }
}
