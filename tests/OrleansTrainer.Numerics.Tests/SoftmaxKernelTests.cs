using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class SoftmaxKernelTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int classes in new[] { 1, 2, 3, 10 })
        {
            foreach (int cols in new[] { 1, 3, 8, 17, 100 })
            {
                foreach (int rows in new[] { 1, 6, GradientKernel.ChunkRows + 5 })
                {
                    data.Add(rows, cols, classes);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulate_AgreesWithNaiveLoop(int rows, int cols, int classes)
    {
        var p = SoftmaxProblem.Random(rows, cols, classes, seed: rows + (7 * cols) + (1000 * classes));
        var s = SampleWeightProblems.Random(rows, seed: 2);
        foreach (var sampleWeights in new[] { Array.Empty<double>(), s })
        {
            var expected = new double[classes * cols];
            var expectedIntercepts = new double[classes];
            var expectedSums = NaiveSoftmax.Compute(p.Features, p.Labels, sampleWeights, classes, p.Weights, p.Intercepts, expected, expectedIntercepts);

            var actual = new double[classes * cols];
            var actualIntercepts = new double[classes];
            var sums = SoftmaxKernel.Accumulate(p.Features, p.Labels, sampleWeights, classes, p.Weights, p.Intercepts, actual, actualIntercepts);

            Assertions.NormwiseClose([.. expected, .. expectedIntercepts], [.. actual, .. actualIntercepts], 1e-12);
            Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
            Assertions.RelativelyClose(expectedSums.WeightSum, sums.WeightSum, 1e-14);
            Assert.Equal(rows, sums.Rows);
            Assert.Equal(0.0, sums.InterceptGradient);
        }
    }

    [Theory]
    [InlineData(17, 5, 300)]
    [InlineData(29, 9, 130)]
    [InlineData(4, 700, 101)]
    [InlineData(13, 3000, 37)]
    public void ManyClassesAndWideRows_AgreeWithNaiveLoop(int classes, int cols, int rows)
    {
        // Class blocks of 12, 8 and 4 in one pass; panels shorter than 64 rows for wide rows.
        var p = SoftmaxProblem.Random(rows, cols, classes, seed: classes + cols);
        var s = SampleWeightProblems.Random(rows, seed: 3);
        var expected = new double[classes * cols];
        var expectedIntercepts = new double[classes];
        var expectedSums = NaiveSoftmax.Compute(p.Features, p.Labels, s, classes, p.Weights, p.Intercepts, expected, expectedIntercepts);
        var actual = new double[classes * cols];
        var actualIntercepts = new double[classes];
        var sums = SoftmaxKernel.Accumulate(p.Features, p.Labels, s, classes, p.Weights, p.Intercepts, actual, actualIntercepts);

        Assertions.NormwiseClose([.. expected, .. expectedIntercepts], [.. actual, .. actualIntercepts], 1e-12);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        const int classes = 4;
        const int cols = 5;
        var p = SoftmaxProblem.Random(300, cols, classes, seed: 9);
        var s = SampleWeightProblems.Random(p.Rows, seed: 10);
        var gradient = new double[classes * cols];
        var interceptGradient = new double[classes];
        SoftmaxKernel.Accumulate(p.Features, p.Labels, s, classes, p.Weights, p.Intercepts, gradient, interceptGradient);

        const double h = 1e-5;
        for (int k = 0; k < p.Weights.Length; k++)
        {
            var plus = (double[])p.Weights.Clone();
            var minus = (double[])p.Weights.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Loss(p, s, plus, p.Intercepts) - Loss(p, s, minus, p.Intercepts)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[k]) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)), $"weight {k}: {numeric} vs {gradient[k]}");
        }

        for (int k = 0; k < classes; k++)
        {
            var plus = (double[])p.Intercepts.Clone();
            var minus = (double[])p.Intercepts.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Loss(p, s, p.Weights, plus) - Loss(p, s, p.Weights, minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - interceptGradient[k]) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)), $"intercept {k}");
        }
    }

    [Fact]
    public void NoColumns_FitsTheInterceptsAlone()
    {
        double[] intercepts = [0.5, -1.0, 2.0];
        var interceptGradient = new double[3];
        var sums = SoftmaxKernel.Accumulate([], [0, 2, 2], [], 3, [], intercepts, [], interceptGradient);

        double logSum = Math.Log(Math.Exp(0.5) + Math.Exp(-1.0) + Math.Exp(2.0));
        Assertions.RelativelyClose((logSum - 0.5) + (2 * (logSum - 2.0)), sums.Loss, 1e-15);
        for (int k = 0; k < 3; k++)
        {
            double expected = (3 * Math.Exp(intercepts[k] - logSum)) - (k == 0 ? 1 : k == 2 ? 2 : 0);
            Assert.Equal(expected, interceptGradient[k], 14);
        }
    }

    [Fact]
    public void HugeScores_StayFinite()
    {
        // Scores of ±1000 overflow a naive exp; the stable form gives loss = margin for the wrong class.
        var weights = new double[] { 1000, -1000 };
        var gradient = new double[2];
        var interceptGradient = new double[2];
        var sums = SoftmaxKernel.Accumulate(new float[] { 1f, 1f }, [0, 1], [], 2, weights, [0, 0], gradient, interceptGradient);
        Assert.Equal(2000.0, sums.Loss);
        Assert.Equal([1.0, -1.0], interceptGradient);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AccumulateParallel_IsBitIdenticalToAccumulate(int threads)
    {
        var p = SoftmaxProblem.Random((6 * GradientKernel.ChunkRows) + 3, 13, 5, seed: threads);
        var s = SampleWeightProblems.Random(p.Rows, seed: 1);
        var serial = new double[p.Weights.Length];
        var serialIntercepts = new double[5];
        var parallel = new double[p.Weights.Length];
        var parallelIntercepts = new double[5];
        var a = SoftmaxKernel.Accumulate(p.Features, p.Labels, s, 5, p.Weights, p.Intercepts, serial, serialIntercepts);
        var b = SoftmaxKernel.AccumulateParallel(p.Features, p.Labels, s, 5, p.Weights, p.Intercepts, parallel, parallelIntercepts, threads);

        Assertions.BitIdentical(serial, parallel);
        Assertions.BitIdentical(serialIntercepts, parallelIntercepts);
        Assert.Equal(a, b);
    }

    [Fact]
    public void AccumulateRows_EqualsAccumulateOnTheGatheredRows()
    {
        const int cols = 7;
        const int classes = 3;
        var p = SoftmaxProblem.Random(2500, cols, classes, seed: 21);
        var s = SampleWeightProblems.Random(p.Rows, seed: 22);
        var random = new Random(23);
        int[] batch = Enumerable.Range(0, 1500).Select(_ => random.Next(p.Rows)).ToArray();
        var gathered = batch.SelectMany(i => p.Features.AsSpan(i * cols, cols).ToArray()).ToArray();

        var expected = new double[classes * cols];
        var expectedIntercepts = new double[classes];
        var expectedSums = SoftmaxKernel.Accumulate(
            gathered, batch.Select(i => p.Labels[i]).ToArray(), batch.Select(i => s[i]).ToArray(), classes, p.Weights, p.Intercepts, expected, expectedIntercepts);
        var actual = new double[classes * cols];
        var actualIntercepts = new double[classes];
        var sums = SoftmaxKernel.AccumulateRows(p.Features, p.Labels, s, batch, classes, p.Weights, p.Intercepts, actual, actualIntercepts);

        Assertions.BitIdentical(expected, actual);
        Assertions.BitIdentical(expectedIntercepts, actualIntercepts);
        Assert.Equal(expectedSums, sums);
    }

    [Fact]
    public void TwoClasses_MatchTheLogisticLossOnTheScoreDifference()
    {
        // softmax over (z0, z1) with label 1 is logistic on z1 − z0 with label 1.
        var p = SoftmaxProblem.Random(500, 4, 2, seed: 30);
        var softmaxGradient = new double[8];
        var sums = SoftmaxKernel.Accumulate(p.Features, p.Labels, [], 2, p.Weights, p.Intercepts, softmaxGradient, new double[2]);

        var difference = Enumerable.Range(0, 4).Select(j => p.Weights[4 + j] - p.Weights[j]).ToArray();
        var logisticGradient = new double[4];
        var logistic = GradientKernel.Accumulate(LossKind.Logistic, p.Features, p.Labels, difference, p.Intercepts[1] - p.Intercepts[0], logisticGradient);

        Assertions.RelativelyClose(logistic.Loss, sums.Loss, 1e-12);
        Assertions.NormwiseClose(logisticGradient, softmaxGradient.AsSpan(4, 4), 1e-12);
    }

    [Fact]
    public void BadLabelsAndShapes_Throw()
    {
        var features = new float[6];
        var weights = new double[6];
        var intercepts = new double[2];
        var gradient = new double[6];
        var interceptGradient = new double[2];
        foreach (double bad in new[] { -1.0, 2.0, 0.5, double.NaN })
        {
            var e = Assert.Throws<ArgumentException>(
                () => SoftmaxKernel.Accumulate(features, [0.0, bad], [], 2, weights, intercepts, gradient, interceptGradient));
            Assert.Contains("Row 1", e.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [], 2, new double[5], intercepts, new double[5], interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [], 2, weights, new double[3], gradient, interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [], 2, weights, intercepts, new double[4], interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [], 2, weights, intercepts, gradient, new double[1]));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [1.0], 2, weights, intercepts, gradient, interceptGradient));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxKernel.Accumulate(features, [0, 1], [], 0, weights, intercepts, gradient, interceptGradient));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SoftmaxKernel.AccumulateRows(features, [0, 1], [], [2], 2, weights, intercepts, gradient, interceptGradient));
    }

    private static double Loss(SoftmaxProblem p, double[] s, double[] weights, double[] intercepts) =>
        NaiveSoftmax.Loss(p.Features, p.Labels, s, p.Classes, weights, intercepts);
}
