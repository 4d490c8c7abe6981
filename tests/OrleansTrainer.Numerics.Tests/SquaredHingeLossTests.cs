using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>The linear SVM's squared hinge: scalar and Vector256 forms against the textbook formula, and its labels.</summary>
public class SquaredHingeLossTests
{
    private static readonly double[] Grid =
        [-800, -40, -3, -1.5, -1.0000001, -1, -0.9999999, -0.5, -1e-20, 0, 1e-20, 0.25, 0.9999999, 1, 1.0000001, 2, 7, 40, 800, 1e300];

    [Fact]
    public void Scalar_EqualsTheNaiveFormula()
    {
        foreach (double y in new[] { 0.0, 1.0 })
        {
            foreach (double z in Grid)
            {
                var (value, derivative) = Naive(z, y);
                Assert.Equal(value, Losses.Value(LossKind.SquaredHinge, z, y));
                Assert.Equal(derivative, Losses.Derivative(LossKind.SquaredHinge, z, y));
            }
        }
    }

    [Fact]
    public void Vector_EqualsScalarLaneByLane()
    {
        foreach (double y in new[] { 0.0, 1.0 })
        {
            for (int k = 0; k < Grid.Length; k += 4)
            {
                var z = Vector256.Create(Grid.AsSpan(k, 4));

                // Mixed labels in one block too: lane l gets y for even l, 1 − y for odd l.
                var labels = Vector256.Create(y, 1 - y, y, 1 - y);
                var values = LossDispatch.Vector(LossKind.SquaredHinge, z, labels, out var derivative);
                for (int lane = 0; lane < 4; lane++)
                {
                    Assertions.BitIdentical(Losses.Value(LossKind.SquaredHinge, z[lane], labels[lane]), values[lane]);
                    Assertions.BitIdentical(Losses.Derivative(LossKind.SquaredHinge, z[lane], labels[lane]), derivative[lane]);
                }
            }
        }
    }

    [Fact]
    public void Values_AtKnownPoints()
    {
        Assert.Equal(0.0, Losses.Value(LossKind.SquaredHinge, 1.5, 1.0));
        Assert.Equal(0.0, Losses.Derivative(LossKind.SquaredHinge, 1.5, 1.0));
        Assert.Equal(0.25, Losses.Value(LossKind.SquaredHinge, 0.5, 1.0));
        Assert.Equal(-1.0, Losses.Derivative(LossKind.SquaredHinge, 0.5, 1.0));
        Assert.Equal(2.25, Losses.Value(LossKind.SquaredHinge, 0.5, 0.0));
        Assert.Equal(3.0, Losses.Derivative(LossKind.SquaredHinge, 0.5, 0.0));
    }

    [Fact]
    public void Derivative_MatchesFiniteDifferences()
    {
        foreach (double y in new[] { 0.0, 1.0 })
        {
            foreach (double z in new[] { -3.0, -0.4, 0.3, 0.8, 2.5 })
            {
                const double h = 1e-6;
                double numeric = (Losses.Value(LossKind.SquaredHinge, z + h, y) - Losses.Value(LossKind.SquaredHinge, z - h, y)) / (2 * h);
                Assert.Equal(numeric, Losses.Derivative(LossKind.SquaredHinge, z, y), 7);
            }
        }
    }

    [Fact]
    public void NaNPredictions_GiveNaN()
    {
        Assert.True(double.IsNaN(Losses.Value(LossKind.SquaredHinge, double.NaN, 1.0)));
        Assert.True(double.IsNaN(Losses.Derivative(LossKind.SquaredHinge, double.NaN, 0.0)));
        var values = LossDispatch.Vector(LossKind.SquaredHinge, Vector256.Create(double.NaN), Vector256<double>.One, out var derivative);
        Assert.True(double.IsNaN(values[0]) && double.IsNaN(derivative[0]));
    }

    [Fact]
    public void Link_IsTheClassOfTheDecisionValue()
    {
        Assert.Equal(1.0, Losses.Link(LossKind.SquaredHinge, 0.0));
        Assert.Equal(1.0, Losses.Link(LossKind.SquaredHinge, 3.0));
        Assert.Equal(0.0, Losses.Link(LossKind.SquaredHinge, -1e-300));
    }

    [Fact]
    public void GradientPass_AgreesWithTheNaiveFormula()
    {
        var p = TestProblem.Random(LossKind.SquaredHinge, (2 * GradientKernel.ChunkRows) + 3, 13, seed: 5);
        var expected = new double[p.Cols];
        double expectedLoss = 0, expectedIntercept = 0;
        for (int i = 0; i < p.Rows; i++)
        {
            double z = p.Intercept;
            for (int j = 0; j < p.Cols; j++)
            {
                z += p.Features[(i * p.Cols) + j] * p.Weights[j];
            }

            var (value, r) = Naive(z, p.Labels[i]);
            expectedLoss += value;
            expectedIntercept += r;
            for (int j = 0; j < p.Cols; j++)
            {
                expected[j] += r * p.Features[(i * p.Cols) + j];
            }
        }

        var actual = new double[p.Cols];
        var sums = GradientKernel.Accumulate(LossKind.SquaredHinge, p.Features, p.Labels, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose([.. expected, expectedIntercept], [.. actual, sums.InterceptGradient], 1e-12);
        Assertions.RelativelyClose(expectedLoss, sums.Loss, 1e-12);
    }

    [Fact]
    public void LabelOutsideZeroOne_IsRefusedByEveryPass()
    {
        var p = TestProblem.Random(LossKind.SquaredHinge, 9, 3, seed: 2);
        p.Labels[6] = 2.0;
        var gradient = new double[3];
        var dense = Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredHinge, p.Features, p.Labels, p.Weights, 0, gradient));
        Assert.Contains("Row 6 has label 2; the squared hinge loss needs labels in {0, 1}", dense.Message);
        Assert.Throws<ArgumentException>(() => GradientKernel.AccumulateRows(LossKind.SquaredHinge, p.Features, p.Labels, [1, 6], p.Weights, 0, gradient));

        var csr = CsrGradientTests.Sparsify(p.Features, p.Rows, p.Cols, density: 1.0, seed: 1);
        var sparse = Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredHinge, csr, p.Labels, [], p.Weights, 0, gradient));
        Assert.Contains("squared hinge", sparse.Message);
    }

    /// <summary>The textbook squared hinge: t = 2y − 1, loss max(0, 1 − t z)², derivative −2 t max(0, 1 − t z).</summary>
    private static (double Value, double Derivative) Naive(double z, double y)
    {
        double t = y == 1.0 ? 1.0 : -1.0;
        double margin = 1.0 - (t * z);
        return margin > 0 ? (margin * margin, -2.0 * t * margin) : (0.0, -2.0 * t * 0.0);
    }
}
