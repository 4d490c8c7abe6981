using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class LossesTests
{
    [Fact]
    public void SquaredError_IsHalfTheSquaredResidual()
    {
        Assert.Equal(2.0, Losses.Value(LossKind.SquaredError, 3.0, 1.0));
        Assert.Equal(2.0, Losses.Derivative(LossKind.SquaredError, 3.0, 1.0));
        Assert.Equal(-1.5, Losses.Derivative(LossKind.SquaredError, -0.5, 1.0));
    }

    [Fact]
    public void Logistic_AtZero_IsLogTwo()
    {
        Assert.Equal(Math.Log(2.0), Losses.Value(LossKind.Logistic, 0.0, 1.0), 15);
        Assert.Equal(Math.Log(2.0), Losses.Value(LossKind.Logistic, 0.0, 0.0), 15);
        Assert.Equal(-0.5, Losses.Derivative(LossKind.Logistic, 0.0, 1.0));
        Assert.Equal(0.5, Losses.Derivative(LossKind.Logistic, 0.0, 0.0));
    }

    [Theory]
    [InlineData(-4.0)]
    [InlineData(-3.5)]
    [InlineData(-0.25)]
    [InlineData(0.7)]
    [InlineData(4.0)]
    public void Logistic_MatchesTheTextbookFormulaWhereThatIsSafe(double z)
    {
        foreach (double y in new[] { 0.0, 1.0 })
        {
            double sigmoid = 1.0 / (1.0 + Math.Exp(-z));
            Assertions.RelativelyClose(Math.Log(1.0 + Math.Exp(z)) - (y * z), Losses.Value(LossKind.Logistic, z, y), 1e-13);
            Assert.Equal(sigmoid - y, Losses.Derivative(LossKind.Logistic, z, y), 15);
        }
    }

    [Fact]
    public void Logistic_DoesNotOverflowForHugePredictions()
    {
        Assert.Equal(800.0, Losses.Value(LossKind.Logistic, 800.0, 0.0));
        Assert.Equal(800.0, Losses.Value(LossKind.Logistic, -800.0, 1.0));
        Assert.Equal(0.0, Losses.Value(LossKind.Logistic, -800.0, 0.0));
        Assert.Equal(0.0, Losses.Value(LossKind.Logistic, 800.0, 1.0));
        Assert.Equal(1.0, Losses.Derivative(LossKind.Logistic, 800.0, 0.0));
        Assert.Equal(-1.0, Losses.Derivative(LossKind.Logistic, -800.0, 1.0));
    }

    [Fact]
    public void Logistic_KeepsRelativePrecisionOnConfidentRightAnswers()
    {
        // loss(40, 1) = log(1 + e^-40) ≈ e^-40, derivative ≈ -e^-40: both far below 1 ulp of 1.
        Assertions.RelativelyClose(Math.Exp(-40.0), Losses.Value(LossKind.Logistic, 40.0, 1.0), 1e-15);
        Assertions.RelativelyClose(-Math.Exp(-40.0), Losses.Derivative(LossKind.Logistic, 40.0, 1.0), 1e-15);
        Assertions.RelativelyClose(Math.Exp(-40.0), Losses.Derivative(LossKind.Logistic, -40.0, 0.0), 1e-15);
    }

    [Theory]
    [InlineData(LossKind.SquaredError)]
    [InlineData(LossKind.Logistic)]
    public void Derivative_MatchesFiniteDifferences(LossKind loss)
    {
        foreach (double z in new[] { -5.0, -1.0, 0.3, 2.0, 7.0 })
        {
            const double h = 1e-6;
            double numeric = (Losses.Value(loss, z + h, 1.0) - Losses.Value(loss, z - h, 1.0)) / (2 * h);
            Assert.Equal(numeric, Losses.Derivative(loss, z, 1.0), 8);
        }
    }

    [Fact]
    public void NaNPredictions_GiveNaN()
    {
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic })
        {
            Assert.True(double.IsNaN(Losses.Value(loss, double.NaN, 1.0)));
            Assert.True(double.IsNaN(Losses.Derivative(loss, double.NaN, 1.0)));
            var values = LossDispatch.Vector(loss, Vector256.Create(double.NaN), Vector256<double>.One, out var derivative);
            Assert.True(double.IsNaN(values[0]) && double.IsNaN(derivative[0]));
        }
    }

    [Theory]
    [InlineData(LossKind.SquaredError)]
    [InlineData(LossKind.Logistic)]
    public void VectorLosses_AgreeWithScalarLosses(LossKind loss)
    {
        double[] grid = [-800, -708.5, -300, -40, -10, -1, -1e-3, -1e-20, 0, 1e-20, 1e-3, 0.5, 1, 3, 10, 40, 300, 708.5, 800];
        foreach (double y in new[] { 0.0, 1.0 })
        {
            for (int k = 0; k < grid.Length; k += 4)
            {
                var z = Vector256.Create(grid.AsSpan(k, Math.Min(4, grid.Length - k)).ToArray().Concat(new double[4]).Take(4).ToArray());
                var values = LossDispatch.Vector(loss, z, Vector256.Create(y), out var derivative);
                for (int lane = 0; lane < 4; lane++)
                {
                    AssertUlpsClose(Losses.Value(loss, z[lane], y), values[lane]);
                    AssertUlpsClose(Losses.Derivative(loss, z[lane], y), derivative[lane]);
                }
            }
        }
    }

    [Fact]
    public void UnknownKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Value((LossKind)9, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Derivative((LossKind)9, 0, 0));
    }

    // A few ulps; below 1e-300 (where the vector exp flushes subnormals to zero) anything that small.
    private static void AssertUlpsClose(double expected, double actual) =>
        Assert.True(
            Math.Abs(actual - expected) <= (4e-16 * Math.Abs(expected)) + 1e-300,
            $"expected {expected:R}, got {actual:R}");
}
