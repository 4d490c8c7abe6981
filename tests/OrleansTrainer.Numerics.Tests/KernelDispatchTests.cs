using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// Which kernels the public entry points run: the Vector256 ones where 256-bit vectors are hardware accelerated, the
/// scalar ones elsewhere. Each kernel's result is told apart by its bits (the two kernels sum in different orders), so
/// these fail if the dispatch runs the other kernel. tests/run-tests.sh runs this project once on AVX2 and once with
/// AVX off (DOTNET_EnableAVX=0), and states which it expects, so both branches of every dispatch run in CI.
/// </summary>
public class KernelDispatchTests
{
    [Vector256ExpectationFact]
    public void Vector256Acceleration_IsWhatTheRunExpects()
    {
        bool expected = Vector256ExpectationFactAttribute.ExpectsAcceleration();

        Assert.Equal(expected, Vector256.IsHardwareAccelerated);
        Assert.Equal(expected, Vector256RowKernel.IsSupported);
        Assert.Equal(expected, Vector256GramTiles.IsSupported);
    }

    [Theory]
    [InlineData(LossKind.SquaredError)]
    [InlineData(LossKind.Logistic)]
    public void GradientKernel_RunsTheVector256RowKernelExactlyWhereVectorsAreAccelerated(LossKind loss)
    {
        const int cols = 37;
        var p = TestProblem.Random(loss, GradientKernel.ChunkRows + 7, cols, seed: 5);
        var vector = Direct<Vector256RowKernel>(loss, p, cols);
        var scalar = Direct<ScalarRowKernel>(loss, p, cols);
        Assert.False(SameBits(vector, scalar), "the problem does not tell the Vector256 kernel from the scalar one");

        var gradient = new double[cols];
        var sums = GradientKernel.Accumulate(loss, p.Features, p.Labels, p.Weights, p.Intercept, gradient);

        Assertions.BitIdentical(Vector256.IsHardwareAccelerated ? vector : scalar, [.. gradient, sums.Loss, sums.InterceptGradient]);
    }

    [Fact]
    public void GramKernel_RunsTheVector256TilesExactlyWhereVectorsAreAccelerated()
    {
        const int cols = 23;
        var (features, labels, s, center) = GramKernelTests.Problem(GramKernel.ChunkRows - 5, cols, weighted: true, centered: true, seed: 3);
        var scalar = Direct<ScalarGramTiles>(features, labels, s, center, cols);
        var actual = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, center, actual);

        if (Vector256.IsHardwareAccelerated)
        {
            // The AVX2 tiles issue FMA instructions, so they run only where the hardware has them.
            var vector = Direct<Vector256GramTiles>(features, labels, s, center, cols);
            Assert.False(SameBits(vector.XtX, scalar.XtX), "the problem does not tell the Vector256 tiles from the scalar ones");
            NaiveGram.AssertIdentical(vector, actual);
        }
        else
        {
            NaiveGram.AssertIdentical(scalar, actual);
        }
    }

    private static double[] Direct<TKernel>(LossKind loss, TestProblem p, int cols)
        where TKernel : IRowKernel
    {
        var gradient = new double[cols];
        var sums = LossDispatch.Serial<TKernel, float>(loss, p.Features, p.Labels, [], cols, p.Weights, p.Intercept, gradient);
        return [.. gradient, sums.Loss, sums.InterceptGradient];
    }

    private static GramSums Direct<TTiles>(float[] features, double[] labels, double[] s, double[] center, int cols)
        where TTiles : IGramTiles
    {
        var layout = new GramLayout(cols);
        var accumulator = new double[layout.Width * layout.Width];
        GramChunk.ComputeWithRentedScratch<TTiles, float>(layout, features, labels, s, center, 0, labels.Length, accumulator);
        var sums = new GramSums(cols);
        GramChunk.AddTo(layout, accumulator, labels.Length, sums);
        return sums;
    }

    private static bool SameBits(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(pair => BitConverter.DoubleToInt64Bits(pair.First) == BitConverter.DoubleToInt64Bits(pair.Second));
}
