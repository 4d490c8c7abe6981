using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// w = [1, -2, 0.5], gradientSum = [4, 2, -6] over 2 rows, penaltyScale = [1, 0.25, 0], l2 = 0.1, lr = 0.5:
/// g = [2 + 0.1, 1 - 0.05, -3] = [2.1, 0.95, -3]; |g|^2 = 14.3125; penalty = 0.05 (1 + 1 + 0) = 0.1.
/// </summary>
public class GradientStepTests
{
    private static readonly double[] GradientSum = [4, 2, -6];
    private static readonly double[] PenaltyScale = [1, 0.25, 0];

    [Fact]
    public void WithoutMomentum_StepsAlongTheGradient()
    {
        double[] w = [1, -2, 0.5];
        var result = GradientStep.Apply(w, [], GradientSum, 2, PenaltyScale, 0.1, 0.5, 0, nesterov: false);

        Assertions.NormwiseClose([-0.05, -2.475, 2.0], w, 1e-15);
        Assert.Equal(14.3125, result.GradientNormSquared, 12);
        Assert.Equal(0.1, result.PenaltyBeforeStep, 15);
    }

    [Fact]
    public void WithMomentum_StepsAlongTheVelocity()
    {
        double[] w = [1, -2, 0.5];
        double[] velocity = [1, 0, -1];
        GradientStep.Apply(w, velocity, GradientSum, 2, PenaltyScale, 0.1, 0.5, 0.9, nesterov: false);

        Assertions.NormwiseClose([3.0, 0.95, -3.9], velocity, 1e-15);
        Assertions.NormwiseClose([-0.5, -2.475, 2.45], w, 1e-15);
    }

    [Fact]
    public void WithNesterov_StepsAlongGradientPlusMomentumTimesVelocity()
    {
        double[] w = [1, -2, 0.5];
        double[] velocity = [1, 0, -1];
        var result = GradientStep.Apply(w, velocity, GradientSum, 2, PenaltyScale, 0.1, 0.5, 0.9, nesterov: true);

        Assertions.NormwiseClose([3.0, 0.95, -3.9], velocity, 1e-15);
        Assertions.NormwiseClose([-1.4, -2.9025, 3.755], w, 1e-15);
        Assert.Equal(14.3125, result.GradientNormSquared, 12);
    }

    [Fact]
    public void MismatchedLengthsAndNoRows_Throw()
    {
        Assert.Throws<ArgumentException>(() => GradientStep.Apply(new double[3], new double[2], GradientSum, 2, PenaltyScale, 0, 1, 0.9, false));
        Assert.Throws<ArgumentException>(() => GradientStep.Apply(new double[3], [], new double[2], 2, PenaltyScale, 0, 1, 0, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientStep.Apply(new double[3], [], GradientSum, 0, PenaltyScale, 0, 1, 0, false));
    }

    [Fact]
    public void LearningRateAt_FollowsTheSchedule()
    {
        Assert.Equal(0.3, GradientStep.LearningRateAt(LearningRateSchedule.Constant, 0.3, 99));
        Assert.Equal(1.0, GradientStep.LearningRateAt(LearningRateSchedule.InverseSqrt, 1.0, 0));
        Assert.Equal(0.5, GradientStep.LearningRateAt(LearningRateSchedule.InverseSqrt, 1.0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientStep.LearningRateAt(LearningRateSchedule.Constant, 1.0, -1));
    }
}
