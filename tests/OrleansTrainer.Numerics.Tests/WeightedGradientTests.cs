using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>Sample weights in the binary-loss kernel: loss, gradient and intercept gradient weighted row by row.</summary>
public class WeightedGradientTests
{
    private static readonly LossSpec[] AllLosses =
        [LossKind.SquaredError, LossKind.Logistic, new LossSpec(LossKind.Huber, 0.7), LossKind.Poisson];

    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        for (int loss = 0; loss < AllLosses.Length; loss++)
        {
            foreach (int cols in new[] { 1, 5, 17, 100 })
            {
                foreach (int rows in new[] { 3, GradientKernel.ChunkRows + 7 })
                {
                    data.Add(loss, rows, cols);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weighted_AgreesWithNaiveLoop(int lossIndex, int rows, int cols)
    {
        var loss = AllLosses[lossIndex];
        var p = TestProblem.Random(loss.Kind, rows, cols, seed: rows + (31 * cols));
        var s = SampleWeightProblems.Random(rows, seed: cols);
        var expected = new double[cols];
        var expectedSums = NaiveGradient.Compute(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, expected);

        var actual = new double[cols];
        var sums = GradientKernel.Accumulate(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose([.. expected, expectedSums.InterceptGradient], [.. actual, sums.InterceptGradient], 1e-12);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
        Assertions.RelativelyClose(expectedSums.WeightSum, sums.WeightSum, 1e-14);
        Assert.Equal(rows, sums.Rows);
    }

    [Fact]
    public void UnitWeights_AreBitIdenticalToNoWeights()
    {
        foreach (var loss in AllLosses)
        {
            var p = TestProblem.Random(loss.Kind, (3 * GradientKernel.ChunkRows) + 2, 13, seed: 8);
            var ones = Enumerable.Repeat(1.0, p.Rows).ToArray();
            var unweighted = new double[13];
            var weighted = new double[13];
            var a = GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, unweighted);
            var b = GradientKernel.Accumulate(loss, p.Features, p.Labels, ones, p.Weights, p.Intercept, weighted);

            Assertions.BitIdentical(unweighted, weighted);
            Assert.Equal(a, b);
            Assert.Equal(p.Rows, a.WeightSum);
        }
    }

    [Fact]
    public void IntegerWeights_EqualRepeatedRows()
    {
        const int cols = 6;
        var p = TestProblem.Random(LossKind.Logistic, 200, cols, seed: 3);
        var s = Enumerable.Range(0, p.Rows).Select(i => (double)(i % 3)).ToArray();
        var repeated = Enumerable.Range(0, p.Rows).SelectMany(i => Enumerable.Repeat(i, i % 3)).ToArray();

        var expected = new double[cols];
        var expectedSums = GradientKernel.AccumulateRows(LossKind.Logistic, p.Features, p.Labels, repeated, p.Weights, p.Intercept, expected);
        var actual = new double[cols];
        var sums = GradientKernel.Accumulate(LossKind.Logistic, p.Features, p.Labels, s, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose(expected, actual, 1e-13);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-13);
        Assert.Equal(repeated.Length, sums.WeightSum);
        Assert.Equal(p.Rows, sums.Rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void WeightedParallel_IsBitIdenticalToSerial(int threads)
    {
        foreach (var loss in AllLosses)
        {
            var p = TestProblem.Random(loss.Kind, (9 * GradientKernel.ChunkRows) + 5, 11, seed: threads);
            var s = SampleWeightProblems.Random(p.Rows, seed: 4);
            var serial = new double[11];
            var parallel = new double[11];
            var a = GradientKernel.Accumulate(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, serial);
            var b = GradientKernel.AccumulateParallel(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, parallel, threads);

            Assertions.BitIdentical(serial, parallel);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void WeightedRows_EqualAccumulateOnTheGatheredRows()
    {
        const int cols = 9;
        var p = TestProblem.Random(LossKind.Poisson, 3000, cols, seed: 12);
        var s = SampleWeightProblems.Random(p.Rows, seed: 13);
        var random = new Random(14);
        int[] batch = Enumerable.Range(0, 2100).Select(_ => random.Next(p.Rows)).ToArray();
        var gatheredFeatures = batch.SelectMany(i => p.Features.AsSpan(i * cols, cols).ToArray()).ToArray();

        var expected = new double[cols];
        var expectedSums = GradientKernel.Accumulate(
            LossKind.Poisson, gatheredFeatures, batch.Select(i => p.Labels[i]).ToArray(), batch.Select(i => s[i]).ToArray(), p.Weights, p.Intercept, expected);
        var actual = new double[cols];
        var sums = GradientKernel.AccumulateRows(LossKind.Poisson, p.Features, p.Labels, s, batch, p.Weights, p.Intercept, actual);

        Assertions.BitIdentical(expected, actual);
        Assert.Equal(expectedSums, sums);
    }

    [Fact]
    public void BadWeightsAndLabels_Throw()
    {
        var features = new float[6];
        var labels = new double[] { 1, 2 };
        var weights = new double[3];
        var gradient = new double[3];
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, features, labels, [1.0], weights, 0, gradient));
        var negative = Assert.Throws<ArgumentException>(
            () => GradientKernel.Accumulate(LossKind.SquaredError, features, labels, [1.0, -1.0], weights, 0, gradient));
        Assert.Contains("Row 1", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, features, labels, [double.NaN, 1.0], weights, 0, gradient));
        Assert.Throws<ArgumentException>(() => GradientKernel.AccumulateRows(LossKind.SquaredError, features, labels, [1.0, double.PositiveInfinity], [1], weights, 0, gradient));
        var poisson = Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.Poisson, features, [1.0, -0.5], weights, 0, gradient));
        Assert.Contains("Row 1", poisson.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(
            () => GradientKernel.AccumulateParallel(LossKind.Poisson, new float[6000], Enumerable.Repeat(-1.0, 2000).ToArray(), weights, 0, gradient, 2));
    }
}
