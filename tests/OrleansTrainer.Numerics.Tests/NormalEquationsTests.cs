using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class NormalEquationsTests
{
    private const double Agreement = 1e-9;

    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.3)]
    [InlineData(false, 0.05)]
    public void Solution_EqualsClosedFormQr(bool fitIntercept, double l2)
    {
        var (features, labels, cols) = Regression(3000, 12, seed: 1, offset: 0.5);
        var sums = new GramSums(cols);
        GramKernel.Accumulate(features, labels, [], [], sums);
        var result = NormalEquations.Solve(sums, [], fitIntercept, l2, []);

        var (w, b) = ClosedFormLeastSquares.Solve(ToMatrix(features, cols), labels, fitIntercept, l2);
        AssertSameModel(w, b, result);
        Assert.Equal("cholesky", result.Method);
        Assert.InRange(result.ConditionEstimate, 1.0, 1e6);
    }

    [Theory]
    [InlineData(true, 0.0)]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.2)]
    [InlineData(false, 0.1)]
    public void SampleWeights_EqualWeightedQr(bool fitIntercept, double l2)
    {
        var (features, labels, cols) = Regression(2500, 9, seed: 2, offset: -1.0);
        var s = SampleWeightProblems.Random(labels.Length, seed: 3);
        double[] scale = Enumerable.Range(0, cols).Select(j => j % 3 == 0 ? 0.0 : 0.5 + j).ToArray();
        var sums = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, [], sums);
        var result = NormalEquations.Solve(sums, [], fitIntercept, l2, scale);

        var (w, b) = WeightedLeastSquares.Solve(features, labels, s, scale, cols, fitIntercept, l2);
        AssertSameModel(w, b, result);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnyCenter_GivesTheSameSolution(bool fitIntercept)
    {
        var (features, labels, cols) = Regression(2000, 6, seed: 4, offset: 2.0);
        var s = SampleWeightProblems.Random(labels.Length, seed: 5);
        double[] center = Enumerable.Range(0, cols).Select(j => 2.0 + (0.3 * j)).ToArray();
        var centered = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, center, centered);
        var result = NormalEquations.Solve(centered, center, fitIntercept, 0.01, []);

        var (w, b) = WeightedLeastSquares.Solve(features, labels, s, [], cols, fitIntercept, 0.01);
        AssertSameModel(w, b, result);
    }

    [Fact]
    public void CenterFarFromZero_StaysAccurate()
    {
        // Means about 1e4, spread about 1: without centering XᵀX would lose ~8 of its 16 digits to the mean.
        const int cols = 5;
        const int rows = 4000;
        var random = new Random(6);
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)(1e4 + (100 * (k % cols)) + GramKernelTests.Gaussian(random));
        }

        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = 3.0 + (0.1 * GramKernelTests.Gaussian(random));
            for (int j = 0; j < cols; j++)
            {
                labels[i] += (j + 1) * (features[(i * cols) + j] - 1e4 - (100 * j));
            }
        }

        // The center need only be near the mean: the normal equations correct for the rest exactly.
        double[] center = Enumerable.Range(0, cols).Select(j => 1e4 + (100 * j) + 0.37).ToArray();
        var sums = new GramSums(cols);
        GramKernel.AccumulateParallel(features, labels, null, center, sums, 2);
        var result = NormalEquations.Solve(sums, center, fitIntercept: true, l2: 0, []);

        var (w, b) = ClosedFormLeastSquares.Solve(ToMatrix(features, cols), labels, fitIntercept: true, l2: 0);
        AssertSameModel(w, b, result);
        Assert.Equal("cholesky", result.Method);
    }

    [Fact]
    public void CollinearColumn_FallsBackToTheSvdWithTheLeastSquaresFit()
    {
        const int cols = 4;
        var (independent, labels, _) = Regression(1500, 3, seed: 8, offset: 0.0);

        // Column 3 is exactly twice column 0 (exact in float32).
        var features = new float[labels.Length * cols];
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                features[(i * cols) + j] = independent[(i * 3) + j];
            }

            features[(i * cols) + 3] = 2f * independent[i * 3];
        }

        var sums = new GramSums(cols);
        GramKernel.Accumulate(features, labels, [], [], sums);
        var result = NormalEquations.Solve(sums, [], fitIntercept: true, l2: 0, []);
        Assert.Equal("svd", result.Method);
        Assert.True(result.ConditionEstimate > NormalEquations.ConditionLimit, $"condition {result.ConditionEstimate:E3}");

        // Any least-squares solution predicts the same: compare the fitted values with the rank-3 fit.
        var (w, b) = ClosedFormLeastSquares.Solve(ToMatrix(independent, 3), labels, fitIntercept: true, l2: 0);
        for (int i = 0; i < labels.Length; i++)
        {
            double expected = b + (w[0] * independent[i * 3]) + (w[1] * independent[(i * 3) + 1]) + (w[2] * independent[(i * 3) + 2]);
            double actual = result.Intercept;
            for (int j = 0; j < cols; j++)
            {
                actual += result.Weights[j] * features[(i * cols) + j];
            }

            Assert.True(Math.Abs(actual - expected) <= 1e-8 * (1.0 + Math.Abs(expected)), $"row {i}: {actual} vs {expected}");
        }

        // The minimum-norm split of the shared direction: w3 = 2 w0 in equilibrated coordinates means equal scaled weights.
        Assert.True(Math.Abs(result.Weights[0]) > 0.0 && Math.Abs(result.Weights[3]) > 0.0);
    }

    [Fact]
    public void Solution_ZeroesTheWeightedGradient()
    {
        var (features, labels, cols) = Regression(3000, 7, seed: 9, offset: 1.0);
        var s = SampleWeightProblems.Random(labels.Length, seed: 10);
        double[] scale = Enumerable.Range(0, cols).Select(j => 1.0 + j).ToArray();
        const double l2 = 0.05;
        var sums = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, [], sums);
        var result = NormalEquations.Solve(sums, [], fitIntercept: true, l2, scale);

        var gradient = new double[cols];
        var gradientSums = GradientKernel.Accumulate(LossKind.SquaredError, features, labels, s, result.Weights, result.Intercept, gradient);
        for (int j = 0; j < cols; j++)
        {
            double g = (gradient[j] / gradientSums.WeightSum) + (l2 * scale[j] * result.Weights[j]);
            Assert.True(Math.Abs(g) <= 1e-10, $"weight {j}: {g:E3}");
        }

        Assert.True(Math.Abs(gradientSums.InterceptGradient / gradientSums.WeightSum) <= 1e-10);
    }

    [Fact]
    public void NoFeatures_FitsTheWeightedMean()
    {
        var sums = new GramSums(0);
        GramKernel.Accumulate([], [1.0, 3.0, 8.0], [1.0, 1.0, 2.0], [], sums);
        var result = NormalEquations.Solve(sums, [], fitIntercept: true, l2: 0, []);
        Assert.Empty(result.Weights);
        Assert.Equal(5.0, result.Intercept, 14);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var sums = new GramSums(2);
        Assert.Throws<ArgumentException>(() => NormalEquations.Solve(sums, [], true, 0, []));
        GramKernel.Accumulate(new float[] { 1, 2, 3, 5, 4, 4 }, [1.0, 2.0, 3.0], [], [], sums);
        Assert.Throws<ArgumentException>(() => NormalEquations.Solve(sums, [1.0], true, 0, []));
        Assert.Throws<ArgumentException>(() => NormalEquations.Solve(sums, [], true, 0, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalEquations.Solve(sums, [], true, -1, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalEquations.Solve(sums, [], true, 1, [1.0, -1.0]));
    }

    private static void AssertSameModel(double[] weights, double intercept, NormalEquationsResult result) =>
        Assertions.NormwiseClose([.. weights, intercept], [.. result.Weights, result.Intercept], Agreement);

    // Features uniform in [offset, offset + 3) plus a column index, labels linear plus noise.
    private static (float[] Features, double[] Labels, int Cols) Regression(int rows, int cols, int seed, double offset)
    {
        var random = new Random(seed);
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)(offset + (random.NextDouble() * 3.0) + (0.1 * (k % cols)));
        }

        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = 0.7 + GramKernelTests.Gaussian(random);
            for (int j = 0; j < cols; j++)
            {
                labels[i] += ((j % 5) - 2) * features[(i * cols) + j];
            }
        }

        return (features, labels, cols);
    }

    private static double[,] ToMatrix(float[] features, int cols)
    {
        int rows = features.Length / cols;
        var matrix = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                matrix[i, j] = features[(i * cols) + j];
            }
        }

        return matrix;
    }
}
