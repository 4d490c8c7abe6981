using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class Vector256MathTests
{
    [Fact]
    public void ExpNonPositive_MatchesMathExp()
    {
        double worst = 0.0;
        for (double x = -708.0; x <= 0.0; x += 0.0137)
        {
            var input = Vector256.Create(x, x / 3, x / 100, x * 1e-12);
            var actual = Vector256Math.ExpNonPositive(input);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = Math.Exp(input[lane]);
                worst = Math.Max(worst, Math.Abs(actual[lane] - expected) / expected);
            }
        }

        Assert.True(worst <= 4.5e-16, $"worst relative error {worst:E3}"); // 2 ulps
    }

    [Fact]
    public void ExpNonPositive_HandlesTheEnds()
    {
        var actual = Vector256Math.ExpNonPositive(Vector256.Create(0.0, -709.0, double.NegativeInfinity, double.NaN));
        Assert.Equal(1.0, actual[0]);
        Assert.Equal(0.0, actual[1]);
        Assert.Equal(0.0, actual[2]);
        Assert.True(double.IsNaN(actual[3]));
    }

    [Fact]
    public void LogOnePlusUnit_MatchesAnAccurateLog1p()
    {
        double worst = 0.0;
        for (double t = 0.0; t <= 1.0; t += 0.000731)
        {
            var input = Vector256.Create(t, t * 1e-5, t * 1e-12, Math.Min(1.0, t + 0.5));
            var actual = Vector256Math.LogOnePlusUnit(input);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = AccurateLogOnePlus(input[lane]);
                if (expected != 0.0)
                {
                    worst = Math.Max(worst, Math.Abs(actual[lane] - expected) / expected);
                }
            }
        }

        Assert.True(worst <= 6.7e-16, $"worst relative error {worst:E3}"); // 3 ulps
        Assert.Equal(0.0, Vector256Math.LogOnePlusUnit(Vector256<double>.Zero)[0]);
        Assert.Equal(1e-300, Vector256Math.LogOnePlusUnit(Vector256.Create(1e-300))[0]);
    }

    [Fact]
    public void Exp_MatchesMathExpOverTheWholeRange()
    {
        double worst = 0.0;
        for (double x = -708.0; x <= 709.78; x += 0.0173)
        {
            var input = Vector256.Create(x, x / 7, x * 1e-9, -x / 3);
            var actual = Vector256Math.Exp(input);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = Math.Exp(input[lane]);
                worst = Math.Max(worst, Math.Abs(actual[lane] - expected) / expected);
            }
        }

        Assert.True(worst <= 4.5e-16, $"worst relative error {worst:E3}"); // 2 ulps
    }

    [Fact]
    public void Exp_HandlesTheEnds()
    {
        var actual = Vector256Math.Exp(Vector256.Create(709.782712893383, 709.8, double.PositiveInfinity, double.NaN));
        Assertions.RelativelyClose(Math.Exp(709.782712893383), actual[0], 4.5e-16);
        Assert.Equal(double.PositiveInfinity, actual[1]);
        Assert.Equal(double.PositiveInfinity, actual[2]);
        Assert.True(double.IsNaN(actual[3]));
        var low = Vector256Math.Exp(Vector256.Create(-709.0, double.NegativeInfinity, 0.0, 1.0));
        Assert.Equal(0.0, low[0]);
        Assert.Equal(0.0, low[1]);
        Assert.Equal(1.0, low[2]);
        Assertions.RelativelyClose(Math.E, low[3], 2.3e-16);
    }

    [Fact]
    public void LogAtLeastOne_MatchesMathLog()
    {
        double worst = 0.0;
        for (double x = 1.0; x <= 1e6; x *= 1.000731)
        {
            var input = Vector256.Create(x, x + 1e-9, Math.BitIncrement(x), Math.Sqrt(x) * 1e3);
            var actual = Vector256Math.LogAtLeastOne(input);
            for (int lane = 0; lane < 4; lane++)
            {
                double expected = Math.Log(input[lane]);
                if (expected > 0.0)
                {
                    worst = Math.Max(worst, Math.Abs(actual[lane] - expected) / expected);
                }
            }
        }

        Assert.True(worst <= 6.7e-16, $"worst relative error {worst:E3}"); // 3 ulps
        Assert.Equal(0.0, Vector256Math.LogAtLeastOne(Vector256<double>.One)[0]);
        Assert.True(double.IsNaN(Vector256Math.LogAtLeastOne(Vector256.Create(double.NaN))[0]));
    }

    // log1p by Goldberg's correction, accurate to about 1 ulp.
    private static double AccurateLogOnePlus(double t)
    {
        double u = 1.0 + t;
        return u == 1.0 ? t : Math.Log(u) * (t / (u - 1.0));
    }
}
