using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class GradientKernelTests
{
    private const double Agreement = 1e-12;

    public static TheoryData<LossKind, int, int> Shapes()
    {
        var data = new TheoryData<LossKind, int, int>();
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic, LossKind.Huber, LossKind.Poisson })
        {
            foreach (int cols in new[] { 1, 3, 7, 8, 9, 17, 100, 129 })
            {
                foreach (int rows in new[] { 1, 6, GradientKernel.ChunkRows - 1, GradientKernel.ChunkRows + 5, (2 * GradientKernel.ChunkRows) + 3 })
                {
                    data.Add(loss, rows, cols);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulate_AgreesWithNaiveLoop(LossKind loss, int rows, int cols)
    {
        var p = TestProblem.Random(loss, rows, cols, seed: (rows * 1000) + cols);
        var expected = new double[cols];
        var expectedSums = NaiveGradient.Compute(loss, p.Features, p.Labels, p.Weights, p.Intercept, expected);

        var actual = new double[cols];
        var sums = GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose([.. expected, expectedSums.InterceptGradient], [.. actual, sums.InterceptGradient], Agreement);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, Agreement);
        Assert.Equal(rows, sums.Rows);
        Assert.Equal(rows, sums.WeightSum);
    }

    [Fact]
    public void Accumulate_AddsToTheCallersGradient()
    {
        var p = TestProblem.Random(LossKind.SquaredError, 50, 9, seed: 1);
        var fresh = new double[9];
        GradientKernel.Accumulate(LossKind.SquaredError, p.Features, p.Labels, p.Weights, p.Intercept, fresh);

        var offset = Enumerable.Range(0, 9).Select(j => 1000.0 + j).ToArray();
        GradientKernel.Accumulate(LossKind.SquaredError, p.Features, p.Labels, p.Weights, p.Intercept, offset);

        for (int j = 0; j < 9; j++)
        {
            Assert.Equal(1000.0 + j + fresh[j], offset[j], 9);
        }
    }

    [Fact]
    public void Accumulate_OfNoRows_IsZero()
    {
        var gradient = new double[3];
        var sums = GradientKernel.Accumulate(LossKind.Logistic, [], [], new double[3], 1.0, gradient);
        Assert.Equal(default, sums);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void Accumulate_WithNoColumns_FitsTheInterceptAlone()
    {
        var sums = GradientKernel.Accumulate(LossKind.SquaredError, [], [1.0, 3.0], [], 0.5, []);
        Assert.Equal((0.5 - 1.0) + (0.5 - 3.0), sums.InterceptGradient);
        Assert.Equal((0.5 * 0.25) + (0.5 * 6.25), sums.Loss);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void AccumulateParallel_IsBitIdenticalToAccumulate(int threads)
    {
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic, LossKind.Huber, LossKind.Poisson })
        {
            foreach (int cols in new[] { 7, 100 })
            {
                var p = TestProblem.Random(loss, (10 * GradientKernel.ChunkRows) + 77, cols, seed: cols);
                AssertParallelMatchesSerial(loss, p, threads);
            }
        }
    }

    [Fact]
    public void AccumulateParallel_OverSeveralWaves_IsBitIdenticalToAccumulate()
    {
        var p = TestProblem.Random(LossKind.Logistic, (70 * GradientKernel.ChunkRows) + 11, 9, seed: 70);
        AssertParallelMatchesSerial(LossKind.Logistic, p, threads: 2);
    }

    [Fact]
    public void AccumulateRows_EqualsAccumulateOnTheGatheredRows()
    {
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic })
        {
            const int cols = 17;
            var p = TestProblem.Random(loss, 3000, cols, seed: 5);
            var random = new Random(6);
            int[] batch = Enumerable.Range(0, 2500).Select(_ => random.Next(p.Rows)).ToArray();
            var gatheredFeatures = batch.SelectMany(i => p.Features.AsSpan(i * cols, cols).ToArray()).ToArray();
            var gatheredLabels = batch.Select(i => p.Labels[i]).ToArray();

            var expected = new double[cols];
            var expectedSums = GradientKernel.Accumulate(loss, gatheredFeatures, gatheredLabels, p.Weights, p.Intercept, expected);
            var actual = new double[cols];
            var sums = GradientKernel.AccumulateRows(loss, p.Features, p.Labels, batch, p.Weights, p.Intercept, actual);

            Assertions.BitIdentical(expected, actual);
            Assertions.BitIdentical(expectedSums.Loss, sums.Loss);
            Assertions.BitIdentical(expectedSums.InterceptGradient, sums.InterceptGradient);
            Assert.Equal(batch.Length, sums.Rows);
        }
    }

    [Fact]
    public void Shapes_AreChecked()
    {
        var features = new float[6];
        var labels = new double[2];
        var weights = new double[3];
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, features, labels, new double[2], 0, new double[2]));
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, features, labels, weights, 0, new double[2]));
        Assert.Throws<ArgumentException>(() => GradientKernel.AccumulateParallel(LossKind.SquaredError, new float[5], labels, weights, 0, new double[3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientKernel.AccumulateParallel(LossKind.SquaredError, features, labels, weights, 0, new double[3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientKernel.AccumulateRows(LossKind.SquaredError, features, labels, [0, 2], weights, 0, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientKernel.AccumulateRows(LossKind.SquaredError, features, labels, [-1], weights, 0, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientKernel.Accumulate((LossKind)7, features, labels, weights, 0, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientKernel.Accumulate(new LossSpec(LossKind.Huber, 0.0), features, labels, weights, 0, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => GradientKernel.Accumulate(new LossSpec(LossKind.Huber, double.NaN), features, labels, weights, 0, new double[3]));
    }

    private static void AssertParallelMatchesSerial(LossKind loss, TestProblem p, int threads)
    {
        var serial = Enumerable.Range(0, p.Cols).Select(j => 0.1 * j).ToArray();
        var parallel = (double[])serial.Clone();
        var serialSums = GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, serial);
        var parallelSums = GradientKernel.AccumulateParallel(loss, p.Features, p.Labels, p.Weights, p.Intercept, parallel, threads);

        Assertions.BitIdentical(serial, parallel);
        Assertions.BitIdentical(serialSums.Loss, parallelSums.Loss);
        Assertions.BitIdentical(serialSums.InterceptGradient, parallelSums.InterceptGradient);
        Assert.Equal(serialSums.Rows, parallelSums.Rows);
        Assertions.BitIdentical(serialSums.WeightSum, parallelSums.WeightSum);
    }
}
