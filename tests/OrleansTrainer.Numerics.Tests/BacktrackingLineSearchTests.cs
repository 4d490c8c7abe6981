using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>f(x) = x^2 from x = 1 along d = −2 (the negative gradient): trial x = 1 − 2 step, f' · (trial − 1) = −4 step.</summary>
public class BacktrackingLineSearchTests
{
    [Fact]
    public void SufficientDecrease_IsAccepted()
    {
        var search = new BacktrackingLineSearch(1e-4, 10);
        search.Start(1.0, 0.25);

        // Trial 0.5: f = 0.25 <= 1 - 1e-4.
        Assert.Equal(LineSearchOutcome.Accept, search.Judge(0.25, -1.0, -0.5));
        Assert.Equal(0.25, search.Step);
        Assert.Equal(1, search.Trials);
    }

    [Fact]
    public void Overshoot_IsHalvedUntilItDecreases()
    {
        var search = new BacktrackingLineSearch(1e-4, 10);
        search.Start(1.0, 1.0);

        // Step 1: x = -1, f = 1, no decrease; step 0.5: x = 0, f = 0.
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(1.0, -4.0, 4.0));
        Assert.Equal(0.5, search.Step);
        Assert.Equal(LineSearchOutcome.Accept, search.Judge(0.0, -2.0, 0.0));
        Assert.Equal(0.5, search.Step);
        Assert.Equal(2, search.Trials);
    }

    [Fact]
    public void ShorterStep_IsTheMinimizerOfTheCubicThroughTheTrial()
    {
        // φ(u) = 4u³ + 0.5u² − u along the trial: φ(1) = 3.5, φ'(0) = −1, φ'(1) = 12; its minimum is at u = 0.25.
        var search = new BacktrackingLineSearch(1e-4, 10);
        search.Start(2.0, 8.0);

        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(2.0 + 3.5, -1.0, 12.0));
        Assert.Equal(2.0, search.Step);
        Assert.Equal(0.25, BacktrackingLineSearch.ShrinkFraction(3.5, -1.0, 12.0));
    }

    [Fact]
    public void ShorterStep_IsKeptBetweenATenthAndAHalf()
    {
        // φ(u) = 1000u² − u: minimum at u = 0.0005, far inside; φ(u) = u² − 1.9u with φ(1) = −0.9 rejected by c1 = 0.99:
        // minimum at u = 0.95, beyond the half.
        Assert.Equal(BacktrackingLineSearch.SmallestShrink, BacktrackingLineSearch.ShrinkFraction(999.0, -1.0, 1999.0));
        Assert.Equal(BacktrackingLineSearch.LargestShrink, BacktrackingLineSearch.ShrinkFraction(-0.9, -1.9, 0.1));
        var search = new BacktrackingLineSearch(0.99, 10);
        search.Start(0.0, 1.0);
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(-0.9, -1.9, 0.1));
        Assert.Equal(0.5, search.Step);
    }

    [Theory]
    [InlineData(double.NaN, -1.0, 1.0)]
    [InlineData(double.PositiveInfinity, -1.0, 1.0)]
    [InlineData(1.0, -1.0, double.NaN)]
    [InlineData(1.0, -1.0, double.PositiveInfinity)]
    [InlineData(1.0, -1.0, double.NegativeInfinity)]
    public void ShorterStep_WithoutAFiniteCubic_IsAHalf(double rise, double predictedChange, double trialSlope) =>
        Assert.Equal(0.5, BacktrackingLineSearch.ShrinkFraction(rise, predictedChange, trialSlope));

    [Fact]
    public void NonFiniteValues_AreNeverAccepted()
    {
        var search = new BacktrackingLineSearch(1e-4, 10);
        search.Start(1.0, 1.0);

        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(double.NaN, -4.0, -4.0));
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(double.PositiveInfinity, -2.0, -2.0));
        Assert.Equal(0.25, search.Step);
    }

    [Fact]
    public void AfterMaxTrials_GivesUp()
    {
        var search = new BacktrackingLineSearch(1e-4, 3);
        search.Start(1.0, 1.0);

        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(2.0, -4.0, -4.0));
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(2.0, -2.0, -2.0));
        Assert.Equal(LineSearchOutcome.GiveUp, search.Judge(2.0, -1.0, -1.0));
        Assert.Throws<InvalidOperationException>(() => search.Judge(0.0, -1.0, -1.0));
    }

    [Fact]
    public void DecreaseBelowRounding_IsJudgedBySlope()
    {
        // f0 = 1000: a predicted change of -1e-12 at step 1 is below the rounding level 1e-7, and the values may tie or rise
        // by rounding; the slope at the trial decides: -0.5e-12 <= (2 c1 - 1)(-1e-12) is accepted, +0.9999e-12 is not.
        var search = new BacktrackingLineSearch(1e-4, 10);
        search.Start(1000.0, 1.0);
        Assert.Equal(LineSearchOutcome.Accept, search.Judge(1000.0 + 1e-13, -1e-12, -0.5e-12));

        search.Start(1000.0, 1.0);
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(1000.0 + 1e-13, -1e-12, 0.9999e-12));

        // A predicted change of -1 at step 1 is far above the rounding level: the values decide alone.
        search.Start(1000.0, 1.0);
        Assert.Equal(LineSearchOutcome.TryShorterStep, search.Judge(1000.0 + 1e-13, -1.0, -2.0));
    }

    [Fact]
    public void Resume_RestoresTheState()
    {
        var search = new BacktrackingLineSearch(1e-4, 5);
        search.Resume(3.0, 0.125, 4);

        Assert.Equal(3.0, search.StartValue);
        Assert.Equal(0.125, search.Step);
        Assert.Equal(4, search.Trials);
        Assert.Equal(LineSearchOutcome.GiveUp, search.Judge(4.0, -1.0, -1.0));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch(0.0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch(1.0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch(1e-4, 0));
        var search = new BacktrackingLineSearch(1e-4, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Start(double.NaN, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Start(1.0, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => search.Resume(1.0, 1.0, 11));
    }
}
