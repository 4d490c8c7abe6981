using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class HuberPoissonLossTests
{
    [Fact]
    public void Huber_IsQuadraticInsideAndLinearOutside()
    {
        var loss = new LossSpec(LossKind.Huber, 2.0);
        Assert.Equal(0.5 * 1.5 * 1.5, Losses.Value(loss, 2.5, 1.0));
        Assert.Equal(1.5, Losses.Derivative(loss, 2.5, 1.0));
        Assert.Equal(2.0 * (5.0 - 1.0), Losses.Value(loss, 6.0, 1.0));
        Assert.Equal(2.0, Losses.Derivative(loss, 6.0, 1.0));
        Assert.Equal(2.0 * (5.0 - 1.0), Losses.Value(loss, -4.0, 1.0));
        Assert.Equal(-2.0, Losses.Derivative(loss, -4.0, 1.0));

        // Continuous at the threshold, in value and slope.
        Assert.Equal(2.0, Losses.Value(loss, 3.0, 1.0));
        Assert.Equal(2.0, Losses.Derivative(loss, 3.0, 1.0));
    }

    [Fact]
    public void Huber_DefaultsToTheCustomaryThreshold()
    {
        Assert.Equal(1.35, new LossSpec(LossKind.Huber).HuberDelta);
        LossSpec fromKind = LossKind.Huber;
        Assert.Equal(1.35, fromKind.HuberDelta);
        Assert.Equal(1.35 * (10.0 - 0.675), Losses.Value(LossKind.Huber, 10.0, 0.0), 14);
    }

    [Fact]
    public void Poisson_IsExpMinusYz()
    {
        Assert.Equal(1.0, Losses.Value(LossKind.Poisson, 0.0, 3.0));
        Assert.Equal(-2.0, Losses.Derivative(LossKind.Poisson, 0.0, 3.0));
        Assertions.RelativelyClose(Math.Exp(1.5) - (2.0 * 1.5), Losses.Value(LossKind.Poisson, 1.5, 2.0), 1e-15);
        Assertions.RelativelyClose(Math.Exp(-3.0), Losses.Derivative(LossKind.Poisson, -3.0, 0.0), 1e-15);
        Assert.Equal(double.PositiveInfinity, Losses.Value(LossKind.Poisson, 800.0, 1.0));
    }

    [Theory]
    [InlineData(LossKind.Huber)]
    [InlineData(LossKind.Poisson)]
    public void Derivative_MatchesFiniteDifferences(LossKind loss)
    {
        foreach (double z in new[] { -5.0, -1.0, 0.3, 2.0, 4.0 })
        {
            const double h = 1e-6;
            double numeric = (Losses.Value(loss, z + h, 1.0) - Losses.Value(loss, z - h, 1.0)) / (2 * h);
            Assert.Equal(numeric, Losses.Derivative(loss, z, 1.0), 6);
        }
    }

    [Theory]
    [InlineData(LossKind.Huber)]
    [InlineData(LossKind.Poisson)]
    public void VectorLosses_AgreeWithScalarLosses(LossKind kind)
    {
        var loss = new LossSpec(kind, 0.9);
        double[] grid = [-800, -708.5, -300, -40, -10, -1, -0.9, -1e-3, 0, 1e-20, 0.5, 0.9, 1, 3, 10, 40, 300, 709.7, 709.8, 800];
        foreach (double y in new[] { 0.0, 1.0, 3.5 })
        {
            for (int k = 0; k < grid.Length; k += 4)
            {
                var z = Vector256.Create(grid.AsSpan(k, 4));
                var values = LossDispatch.Vector(loss, z, Vector256.Create(y), out var derivative);
                for (int lane = 0; lane < 4; lane++)
                {
                    double zl = z[lane];

                    // Poisson's e^z − y z cancels: compare against the size of its terms.
                    double scale = kind == LossKind.Poisson ? Math.Exp(zl) + Math.Abs(y * zl) : Math.Abs(Losses.Value(loss, zl, y));
                    AssertClose(Losses.Value(loss, zl, y), values[lane], scale);
                    AssertClose(Losses.Derivative(loss, zl, y), derivative[lane], kind == LossKind.Poisson ? Math.Exp(zl) + y : 1.0);
                }
            }
        }
    }

    [Fact]
    public void NaNPredictions_GiveNaN()
    {
        foreach (var loss in new[] { LossKind.Huber, LossKind.Poisson })
        {
            Assert.True(double.IsNaN(Losses.Value(loss, double.NaN, 1.0)));
            Assert.True(double.IsNaN(Losses.Derivative(loss, double.NaN, 1.0)));
            var values = LossDispatch.Vector(loss, Vector256.Create(double.NaN), Vector256<double>.One, out var derivative);
            Assert.True(double.IsNaN(values[0]) && double.IsNaN(derivative[0]));
        }
    }

    [Fact]
    public void BadHuberThreshold_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Value(new LossSpec(LossKind.Huber, -1.0), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Derivative(new LossSpec(LossKind.Huber, double.PositiveInfinity), 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossSpec((LossKind)9).Validate());
    }

    // Within a few ulps of the scale of the computation; infinities must match exactly.
    private static void AssertClose(double expected, double actual, double scale)
    {
        if (double.IsInfinity(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= (4e-16 * scale) + 1e-300, $"expected {expected:R}, got {actual:R}");
    }
}
