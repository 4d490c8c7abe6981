using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// The float64-feature overloads: fed the float32 values widened (exactly), they must give the same bits as the
/// float32 kernels, which makes the float32 checks against naive loops carry over.
/// </summary>
public class Float64FeaturesTests
{
    [Theory]
    [InlineData(LossKind.SquaredError, 1)]
    [InlineData(LossKind.Logistic, 9)]
    [InlineData(LossKind.Huber, 17)]
    [InlineData(LossKind.Poisson, 100)]
    public void BinaryKernels_AreBitIdenticalToFloat32(LossKind loss, int cols)
    {
        var p = TestProblem.Random(loss, (2 * GradientKernel.ChunkRows) + 3, cols, seed: cols);
        var wide = SampleWeightProblems.Widen(p.Features);
        var s = SampleWeightProblems.Random(p.Rows, seed: 3);
        int[] batch = Enumerable.Range(0, 1500).Select(i => (i * 7) % p.Rows).ToArray();

        AssertSame(
            g => GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, g),
            g => GradientKernel.Accumulate(loss, wide, p.Labels, p.Weights, p.Intercept, g),
            cols);
        AssertSame(
            g => GradientKernel.Accumulate(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, g),
            g => GradientKernel.Accumulate(loss, wide, p.Labels, s, p.Weights, p.Intercept, g),
            cols);
        AssertSame(
            g => GradientKernel.AccumulateRows(loss, p.Features, p.Labels, s, batch, p.Weights, p.Intercept, g),
            g => GradientKernel.AccumulateRows(loss, wide, p.Labels, s, batch, p.Weights, p.Intercept, g),
            cols);
        AssertSame(
            g => GradientKernel.AccumulateRows(loss, p.Features, p.Labels, batch, p.Weights, p.Intercept, g),
            g => GradientKernel.AccumulateRows(loss, wide, p.Labels, batch, p.Weights, p.Intercept, g),
            cols);
        AssertSame(
            g => GradientKernel.Accumulate(loss, p.Features, p.Labels, s, p.Weights, p.Intercept, g),
            g => GradientKernel.AccumulateParallel(loss, wide, p.Labels, s, p.Weights, p.Intercept, g, 2),
            cols);
        AssertSame(
            g => GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, g),
            g => GradientKernel.AccumulateParallel(loss, wide, p.Labels, p.Weights, p.Intercept, g, 3),
            cols);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(7, 3)]
    [InlineData(100, 10)]
    public void SoftmaxKernel_IsBitIdenticalToFloat32(int cols, int classes)
    {
        var p = SoftmaxProblem.Random(GradientKernel.ChunkRows + 6, cols, classes, seed: cols);
        var wide = SampleWeightProblems.Widen(p.Features);
        var s = SampleWeightProblems.Random(p.Rows, seed: 5);
        int[] batch = Enumerable.Range(0, 999).Select(i => (i * 13) % p.Rows).ToArray();
        int size = classes * (cols + 1);

        AssertSame(
            g => SoftmaxKernel.Accumulate(p.Features, p.Labels, s, classes, p.Weights, p.Intercepts, g.AsSpan(0, classes * cols), g.AsSpan(classes * cols)),
            g => SoftmaxKernel.Accumulate(wide, p.Labels, s, classes, p.Weights, p.Intercepts, g.AsSpan(0, classes * cols), g.AsSpan(classes * cols)),
            size);
        AssertSame(
            g => SoftmaxKernel.AccumulateRows(p.Features, p.Labels, s, batch, classes, p.Weights, p.Intercepts, g.AsSpan(0, classes * cols), g.AsSpan(classes * cols)),
            g => SoftmaxKernel.AccumulateRows(wide, p.Labels, s, batch, classes, p.Weights, p.Intercepts, g.AsSpan(0, classes * cols), g.AsSpan(classes * cols)),
            size);

        var serial = new double[classes * cols];
        var serialIntercepts = new double[classes];
        var parallel = new double[classes * cols];
        var parallelIntercepts = new double[classes];
        var a = SoftmaxKernel.Accumulate(p.Features, p.Labels, [], classes, p.Weights, p.Intercepts, serial, serialIntercepts);
        var b = SoftmaxKernel.AccumulateParallel(wide, p.Labels, null, classes, p.Weights, p.Intercepts, parallel, parallelIntercepts, 2);
        Assertions.BitIdentical(serial, parallel);
        Assertions.BitIdentical(serialIntercepts, parallelIntercepts);
        Assert.Equal(a, b);
    }

    private static void AssertSame(Func<double[], GradientSums> float32, Func<double[], GradientSums> float64, int size)
    {
        var expected = new double[size];
        var actual = new double[size];
        var a = float32(expected);
        var b = float64(actual);
        Assertions.BitIdentical(expected, actual);
        Assert.Equal(a, b);
    }
}
