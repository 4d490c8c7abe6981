using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class CsrSoftmaxTests
{
    public static TheoryData<int, int, int, double> Shapes()
    {
        var data = new TheoryData<int, int, int, double>();
        foreach (int classes in new[] { 2, 3, 7 })
        {
            data.Add(classes, 1, 5, 0.3);
            data.Add(classes, 6, 40, 0.3);
            data.Add(classes, 500, 17, 0.1);
            data.Add(classes, (2 * GradientKernel.ChunkRows) + 3, 100, 0.05);
            data.Add(classes, (2 * GradientKernel.ChunkRows) + 3, 2000, 0.01);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    [InlineData(65, 300, 50, 0.2)]
    [InlineData(200, 100, 30, 0.3)]
    public void AccumulateSparse_AgreesWithTheDenseKernel(int classes, int rows, int cols, double density)
    {
        var p = SoftmaxProblem.Random(rows, cols, classes, seed: classes + rows + cols);
        var matrix = CsrGradientTests.Sparsify(p.Features, rows, cols, density, seed: 5);
        var dense = matrix.ToDense();
        var start = Enumerable.Range(0, classes * cols).Select(j => 0.01 * j).ToArray();
        foreach (var sampleWeights in new[] { Array.Empty<double>(), SampleWeightProblems.Random(rows, seed: 6) })
        {
            var expected = (double[])start.Clone();
            var expectedIntercepts = Enumerable.Range(0, classes).Select(k => -0.5 * k).ToArray();
            var actual = (double[])expected.Clone();
            var actualIntercepts = (double[])expectedIntercepts.Clone();
            var expectedSums = SoftmaxKernel.Accumulate(dense, p.Labels, sampleWeights, classes, p.Weights, p.Intercepts, expected, expectedIntercepts);
            var sums = SoftmaxKernel.AccumulateSparse(matrix, p.Labels, sampleWeights, classes, p.Weights, p.Intercepts, actual, actualIntercepts);

            Assertions.NormwiseClose(expected, actual, 1e-12);
            Assertions.NormwiseClose(expectedIntercepts, actualIntercepts, 1e-12);
            Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
            Assertions.RelativelyClose(expectedSums.WeightSum, sums.WeightSum, 1e-14);
            Assert.Equal(rows, sums.Rows);
            Assert.Equal(0.0, sums.InterceptGradient);
        }
    }

    [Fact]
    public void AccumulateSparse_UnweightedWeightSumIsTheRowCount()
    {
        var p = SoftmaxProblem.Random(300, 20, 3, seed: 11);
        var matrix = CsrGradientTests.Sparsify(p.Features, 300, 20, 0.2, seed: 12);
        var sums = SoftmaxKernel.AccumulateSparse(matrix, p.Labels, [], 3, p.Weights, p.Intercepts, new double[60], new double[3]);
        Assert.Equal(300.0, sums.WeightSum);
    }

    [Fact]
    public void EmptyRows_CountWithTheirIntercepts()
    {
        double[] intercepts = [0.5, -1.0, 2.0];
        double[] labels = [0, 2, 2];
        double[] s = [1.0, 2.0, 0.0];
        var matrix = new CsrMatrix(3, 2, new long[] { 0, 0, 0, 0 }, [], []);
        double[] gradient = [1, 2, 3, 4, 5, 6];
        var interceptGradient = new double[3];
        var sums = SoftmaxKernel.AccumulateSparse(matrix, labels, s, 3, new double[6], intercepts, gradient, interceptGradient);

        double logSum = Math.Log(intercepts.Sum(Math.Exp));
        Assertions.RelativelyClose((logSum - 0.5) + (2 * (logSum - 2.0)), sums.Loss, 1e-15);
        Assert.Equal(3.0, sums.WeightSum);
        Assert.Equal(3, sums.Rows);
        for (int k = 0; k < 3; k++)
        {
            double expected = (3 * Math.Exp(intercepts[k] - logSum)) - (k == 0 ? 1 : k == 2 ? 2 : 0);
            Assert.Equal(expected, interceptGradient[k], 14);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], gradient);
    }

    [Fact]
    public void UntouchedColumns_StayAsTheyWere()
    {
        // Two rows over columns {1} and {1, 3} of 5, three classes: columns 0, 2, 4 of every class keep their exact bits (even −0).
        const int classes = 3;
        const int cols = 5;
        var matrix = new CsrMatrix(2, cols, new[] { 0, 1, 3 }, [1, 1, 3], [2f, -1f, 4f]);
        double[] labels = [1, 2];
        double[] weights = Enumerable.Range(0, classes * cols).Select(j => 0.1 * (j % 4)).ToArray();
        double[] intercepts = [0.0, 0.3, -0.2];
        double[] start = [.. Enumerable.Repeat<double[]>([-0.0, 7.0, 1e-300, 3.0, double.MaxValue], classes).SelectMany(r => r)];

        var gradient = (double[])start.Clone();
        SoftmaxKernel.AccumulateSparse(matrix, labels, [], classes, weights, intercepts, gradient, new double[classes]);
        var delta = new double[classes * cols];
        SoftmaxKernel.Accumulate(matrix.ToDense(), labels, [], classes, weights, intercepts, delta, new double[classes]);

        for (int k = 0; k < classes; k++)
        {
            foreach (int j in new[] { 0, 2, 4 })
            {
                Assertions.BitIdentical(start[(k * cols) + j], gradient[(k * cols) + j]);
            }

            foreach (int j in new[] { 1, 3 })
            {
                int at = (k * cols) + j;
                Assertions.RelativelyClose(start[at] + delta[at], gradient[at], 1e-14);
                Assert.NotEqual(start[at], gradient[at]);
            }
        }
    }

    [Fact]
    public void BadLabelsAndShapes_Throw()
    {
        var matrix = new CsrMatrix(2, 4, new[] { 0, 1, 2 }, [0, 3], [1f, 1f]);
        var weights = new double[12];
        var intercepts = new double[3];
        var gradient = new double[12];
        var interceptGradient = new double[3];
        foreach (double bad in new[] { 3.5, 3.0, -1.0, double.NaN })
        {
            var e = Assert.Throws<ArgumentException>(
                () => SoftmaxKernel.AccumulateSparse(matrix, [0.0, bad], [], 3, weights, intercepts, gradient, interceptGradient));
            Assert.Contains("Row 1", e.Message, StringComparison.Ordinal);
            Assert.Equal("labels", e.ParamName);
        }

        var negative = Assert.Throws<ArgumentException>(
            () => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [1.0, -1.0], 3, weights, intercepts, gradient, interceptGradient));
        Assert.Contains("Row 1", negative.Message, StringComparison.Ordinal);

        var length = Assert.Throws<ArgumentException>(
            () => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [], 3, new double[11], intercepts, new double[11], interceptGradient));
        Assert.Contains("12", length.Message, StringComparison.Ordinal);
        Assert.Contains("11", length.Message, StringComparison.Ordinal);
        Assert.Equal("weights", length.ParamName);

        Assert.Throws<ArgumentException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1, 2], [], 3, weights, intercepts, gradient, interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [1.0], 3, weights, intercepts, gradient, interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [], 3, weights, new double[2], gradient, interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [], 3, weights, intercepts, new double[8], interceptGradient));
        Assert.Throws<ArgumentException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [], 3, weights, intercepts, gradient, new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxKernel.AccumulateSparse(matrix, [0, 1], [], 0, weights, intercepts, gradient, interceptGradient));
        Assert.Throws<ArgumentNullException>(() => SoftmaxKernel.AccumulateSparse(null!, [0, 1], [], 3, weights, intercepts, gradient, interceptGradient));
    }
}
