using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class BlockUpdateTests
{
    private static readonly double[] Weights = [1, -2, 0.5];
    private static readonly double[] GradientSum = [4, 2, -6];
    private static readonly double[] L2Scale = [1, 0.25, 0];

    [Fact]
    public void StateArrays_CountsWhatEachRuleKeeps()
    {
        Assert.Equal(0, BlockUpdate.StateArrays(UpdateSettings.Default));
        Assert.Equal(1, BlockUpdate.StateArrays(UpdateSettings.Default with { Momentum = 0.9 }));
        Assert.Equal(1, BlockUpdate.StateArrays(UpdateSettings.Default with { Rule = UpdateRule.AdaGrad }));
        Assert.Equal(2, BlockUpdate.StateArrays(UpdateSettings.Default with { Rule = UpdateRule.Adam }));
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.9, false)]
    [InlineData(0.9, true)]
    public void Sgd_WithoutL1_IsGradientStep(double momentum, bool nesterov)
    {
        double[] expectedWeights = [.. Weights];
        double[] expectedVelocity = [1, 0, -1];
        var expected = GradientStep.Apply(expectedWeights, expectedVelocity, GradientSum, 2, L2Scale, 0.1, 0.5, momentum, nesterov);

        double[] weights = [.. Weights];
        double[] velocity = [1, 0, -1];
        var settings = UpdateSettings.Default with { Momentum = momentum, Nesterov = nesterov, L2 = 0.1 };
        var result = BlockUpdate.Apply(settings, 7, 0.5, weights, velocity, [], GradientSum, 2, L2Scale, []);

        Assertions.BitIdentical(expectedWeights, weights);
        Assertions.BitIdentical(expectedVelocity, velocity);
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Sgd_WithoutMomentumOrL1_ProximalGradientIsTheGradient()
    {
        // g = [2.1, 0.95, -3] (see GradientStepTests): |g|^2 = 14.3125, penalty 0.05 (1 + 1) = 0.1.
        double[] weights = [.. Weights];
        var result = BlockUpdate.Apply(UpdateSettings.Default with { L2 = 0.1 }, 0, 0.5, weights, [], [], GradientSum, 2, L2Scale, []);

        Assert.Equal(14.3125, result.GradientNormSquared, 12);
        Assert.Equal(0.1, result.PenaltyBeforeStep, 15);
        Assertions.BitIdentical(result.GradientNormSquared, result.ProximalGradientNormSquared);
    }

    [Fact]
    public void Sgd_WithL1_SoftThresholdsByRateTimesL1()
    {
        // lr 0.5, L1 0.4, threshold 0.2 for the weights, none for the intercept (last); g = [0.4, -0.2, 1.2, 0].
        // w0: 1 - 0.2 = 0.8 -> 0.6, (1 - 0.6) / 0.5 = 0.8 = g + L1.   w1: -2 + 0.1 = -1.9 -> -1.7, -0.6 = g - L1.
        // w2: 0.5 - 0.6 = -0.1 crosses zero within the threshold -> 0, 0.5 / 0.5 = 1.  b: 0.3 stays, 0.
        double[] weights = [1, -2, 0.5, 0.3];
        var settings = UpdateSettings.Default with { L1 = 0.4 };
        var result = BlockUpdate.Apply(settings, 0, 0.5, weights, [], [], [0.8, -0.4, 2.4, 0], 2, [], [1, 1, 1, 0]);

        Assertions.NormwiseClose([0.6, -1.7, 0.0, 0.3], weights, 1e-15);
        Assert.Equal(0.0, weights[2]);
        Assert.Equal(0.16 + 0.04 + 1.44, result.GradientNormSquared, 14);
        Assert.Equal(0.64 + 0.36 + 1.0, result.ProximalGradientNormSquared, 14);
        Assert.Equal(0.4 * 3.5, result.PenaltyBeforeStep, 14);
    }

    [Fact]
    public void AdaGrad_DividesByTheRootOfTheSummedSquares()
    {
        // g = [2.1, 0.95, -3]; G = [0, 3.0975, 7] + g^2 = [4.41, 4, 16]; steps 0.5 g / sqrt(G) = [0.5, 0.2375, -0.375].
        double[] weights = [.. Weights];
        double[] squares = [0, 3.0975, 7];
        var settings = UpdateSettings.Default with { Rule = UpdateRule.AdaGrad, L2 = 0.1 };
        var result = BlockUpdate.Apply(settings, 0, 0.5, weights, squares, [], GradientSum, 2, L2Scale, []);

        Assertions.NormwiseClose([4.41, 4, 16], squares, 1e-15);
        Assertions.NormwiseClose([0.5, -2.2375, 0.875], weights, 1e-8);
        Assert.Equal(14.3125, result.GradientNormSquared, 12);
        Assert.Equal(14.3125, result.ProximalGradientNormSquared, 12);
    }

    [Fact]
    public void AdaGrad_WithL1_ThresholdsByEachCoordinatesRate()
    {
        // lr 1, L1 1. w0: G = 12 + 4 = 16, rate 1/4, 3 - 0.5 = 2.5 -> 2.25, prox (3 - 2.25) * 4 = 3 = g + L1.
        // w1: G = 0.25, rate 2, 2.5 - 1 = 1.5 within the threshold 2 -> 0, prox 2.5 / 2 = 1.25.
        double[] weights = [3, 2.5];
        double[] squares = [12, 0];
        var settings = UpdateSettings.Default with { Rule = UpdateRule.AdaGrad, L1 = 1 };
        var result = BlockUpdate.Apply(settings, 0, 1, weights, squares, [], [2, 0.5], 1, [], [1, 1]);

        Assertions.NormwiseClose([2.25, 0], weights, 1e-8);
        Assert.Equal(0.0, weights[1]);
        Assert.Equal(9 + 1.5625, result.ProximalGradientNormSquared, 6);
        Assert.Equal(5.5, result.PenaltyBeforeStep, 15);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachWeightByTheRate()
    {
        // From zero moments the bias-corrected averages are g and g^2: each weight moves lr sign(g).
        double[] weights = [.. Weights];
        double[] first = new double[3];
        double[] second = new double[3];
        var settings = UpdateSettings.Default with { Rule = UpdateRule.Adam, L2 = 0.1 };
        BlockUpdate.Apply(settings, 0, 0.5, weights, first, second, GradientSum, 2, L2Scale, []);

        Assertions.NormwiseClose([0.5, -2.5, 1.0], weights, 1e-8);
        Assertions.NormwiseClose([0.21, 0.095, -0.3], first, 1e-15);
        Assertions.NormwiseClose([0.00441, 0.0009025, 0.009], second, 1e-12);
    }

    [Fact]
    public void Adam_LaterStep_CorrectsTheBiasOfBothAverages()
    {
        // beta1 0.5, beta2 0.75, step 1 (t = 2): corrections 1 - 0.25 = 0.75 and 1 - 0.5625 = 0.4375; g = [2, -1, 0].
        // m = 0.5 [1, -2, 0] + 0.5 g = [1.5, -1.5, 0] -> [2, -2, 0];  s = 0.75 [1, 9, 0] + 0.25 g^2 = [1.75, 7, 0] -> [4, 16, 0].
        // steps 0.5 [2 / 2, -2 / 4, 0] = [0.5, -0.25, 0].
        double[] weights = [.. Weights];
        double[] first = [1, -2, 0];
        double[] second = [1, 9, 0];
        var settings = UpdateSettings.Default with { Rule = UpdateRule.Adam, Beta1 = 0.5, Beta2 = 0.75 };
        var result = BlockUpdate.Apply(settings, 1, 0.5, weights, first, second, [2, -1, 0], 1, [], []);

        Assertions.BitIdentical([1.5, -1.5, 0], first);
        Assertions.BitIdentical([1.75, 7, 0], second);
        Assertions.NormwiseClose([0.5, -1.75, 0.5], weights, 1e-8);
        Assert.Equal(5.0, result.GradientNormSquared);
        Assert.Equal(8.0, result.ProximalGradientNormSquared, 12);
    }

    /// <summary>
    /// Least squares on the orthogonal columns of a 4 × 4 Hadamard matrix (X^T X / 4 = I) with the first column the
    /// unpenalized intercept: the gradient of (1/8) |X w − y|^2 is w − c with c = X^T y / 4, so the lasso solution is
    /// w_j = sign(c_j) max(|c_j| − L1, 0) and b = c_0. With c = [2, 1.5, −0.8, 0.2] and L1 = 0.5 it is [2, 1, −0.3, 0].
    /// </summary>
    [Fact]
    public void Ista_ConvergesToTheLassoSolution()
    {
        double[,] x = { { 1, 1, 1, 1 }, { 1, -1, 1, -1 }, { 1, 1, -1, -1 }, { 1, -1, -1, 1 } };
        double[] y = [2.9, -0.5, 4.1, 1.5];
        double[] l1Scale = [0, 1, 1, 1];
        const double l1 = 0.5;
        var settings = UpdateSettings.Default with { L1 = l1 };
        var weights = new double[4];
        var gradientSum = new double[4];
        StepResult result = default;
        for (int round = 0; round < 200; round++)
        {
            LeastSquaresGradientSum(x, y, weights, gradientSum);
            result = BlockUpdate.Apply(settings, round, 0.5, weights, [], [], gradientSum, 4, [], l1Scale);
        }

        Assertions.NormwiseClose([2, 1, -0.3, 0], weights, 1e-14);
        Assert.Equal(0.0, weights[3]);
        Assert.True(result.ProximalGradientNormSquared < 1e-28, $"{result.ProximalGradientNormSquared:E3}");

        // KKT: the intercept's gradient 0; g_j + L1 sign(w_j) = 0 off zero; |g_j| <= L1 at zero.
        LeastSquaresGradientSum(x, y, weights, gradientSum);
        Assert.True(Math.Abs(gradientSum[0] / 4) <= 1e-14);
        for (int j = 1; j < 4; j++)
        {
            double g = gradientSum[j] / 4;
            double violation = weights[j] != 0.0 ? Math.Abs(g + (l1 * Math.Sign(weights[j]))) : Math.Max(Math.Abs(g) - l1, 0.0);
            Assert.True(violation <= 1e-14, $"coordinate {j}: {violation:E3}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MomentumWithL1_ConvergesToTheLassoSolutionNotAWeakerOne(bool nesterov)
    {
        double[,] x = { { 1, 1, 1, 1 }, { 1, -1, 1, -1 }, { 1, 1, -1, -1 }, { 1, -1, -1, 1 } };
        double[] y = [2.9, -0.5, 4.1, 1.5];
        double[] l1Scale = [0, 1, 1, 1];
        var settings = UpdateSettings.Default with { L1 = 0.5, Momentum = 0.9, Nesterov = nesterov };
        var weights = new double[4];
        var displacement = new double[4];
        var gradientSum = new double[4];
        StepResult result = default;
        for (int round = 0; round < 2000; round++)
        {
            LeastSquaresGradientSum(x, y, weights, gradientSum);
            result = BlockUpdate.Apply(settings, round, 0.5, weights, displacement, [], gradientSum, 4, [], l1Scale);
        }

        // The same solution as plain ISTA: a velocity sum would have converged to the lasso of L1 · (1 − momentum).
        Assertions.NormwiseClose([2, 1, -0.3, 0], weights, 1e-12);
        Assert.Equal(0.0, weights[3]);
        Assert.True(result.ProximalGradientNormSquared < 1e-24, $"{result.ProximalGradientNormSquared:E3}");
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var adam = UpdateSettings.Default with { Rule = UpdateRule.Adam };
        Assert.Throws<ArgumentException>(() => BlockUpdate.Apply(adam, 0, 1, new double[3], new double[3], [], GradientSum, 1, [], []));
        Assert.Throws<ArgumentException>(() => BlockUpdate.Apply(UpdateSettings.Default with { L1 = 1 }, 0, 1, new double[3], [], [], GradientSum, 1, [], []));
        Assert.Throws<ArgumentException>(() => BlockUpdate.Apply(UpdateSettings.Default with { L2 = 1 }, 0, 1, new double[3], [], [], GradientSum, 1, [1], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockUpdate.Apply(UpdateSettings.Default, -1, 1, new double[3], [], [], GradientSum, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockUpdate.Apply(UpdateSettings.Default, 0, 0, new double[3], [], [], GradientSum, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockUpdate.Apply(UpdateSettings.Default, 0, 1, new double[3], [], [], GradientSum, 0, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockUpdate.Apply(adam with { Beta2 = 1 }, 0, 1, new double[3], new double[3], new double[3], GradientSum, 1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockUpdate.Apply(UpdateSettings.Default with { L1 = -1 }, 0, 1, new double[3], [], [], GradientSum, 1, [], [1, 1, 1]));
    }

    private static void LeastSquaresGradientSum(double[,] x, double[] y, double[] weights, double[] gradientSum)
    {
        Array.Clear(gradientSum);
        for (int i = 0; i < y.Length; i++)
        {
            double residual = -y[i];
            for (int j = 0; j < weights.Length; j++)
            {
                residual += x[i, j] * weights[j];
            }

            for (int j = 0; j < weights.Length; j++)
            {
                gradientSum[j] += residual * x[i, j];
            }
        }
    }
}
