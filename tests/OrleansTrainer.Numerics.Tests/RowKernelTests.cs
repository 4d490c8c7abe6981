using System.Runtime.Intrinsics;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// Each row kernel on its own (the public API only runs the one this CPU supports). The Vector256 kernel runs everywhere:
/// in AVX2 where the CPU has it, else in .NET's software Vector256 (its FMA and AVX conversions have plain fallbacks),
/// so its arithmetic is checked even where the public API runs the scalar kernel.
/// </summary>
public class RowKernelTests
{
    public static TheoryData<LossKind, int> LossesAndWidths()
    {
        var data = new TheoryData<LossKind, int>();
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic, LossKind.Huber, LossKind.Poisson, LossKind.SquaredHinge })
        {
            // Groups (ChunkGradient): 100 / 129 / 200 / 300 float32 features take 4 / 3 / 2 / 1 blocks with the next group
            // hinted into L1; as float64, 2 / 1 / 1 blocks hinted and, at 300 (2,400 bytes a row), the full 4 without hints.
            foreach (int cols in new[] { 1, 3, 4, 7, 8, 9, 17, 100, 129, 200, 300 })
            {
                data.Add(loss, cols);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void ScalarKernel_AgreesWithNaiveLoop(LossKind loss, int cols) =>
        AssertAgreesWithNaive<ScalarRowKernel>(loss, cols);

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void Vector256Kernel_AgreesWithNaiveLoop(LossKind loss, int cols) =>
        AssertAgreesWithNaive<Vector256RowKernel>(loss, cols);

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void ScalarKernel_BlockOfFourEqualsFourSingleRows(LossKind loss, int cols) =>
        AssertBlockEqualsSingles<ScalarRowKernel>(loss, cols);

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void Vector256Kernel_BlockOfFourEqualsFourSingleRows(LossKind loss, int cols) =>
        AssertBlockEqualsSingles<Vector256RowKernel>(loss, cols);

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void ScalarKernel_Float64RowsEqualFloat32Rows(LossKind loss, int cols) =>
        AssertFloat64EqualsFloat32<ScalarRowKernel>(loss, cols);

    [Theory]
    [MemberData(nameof(LossesAndWidths))]
    public void Vector256Kernel_Float64RowsEqualFloat32Rows(LossKind loss, int cols) =>
        AssertFloat64EqualsFloat32<Vector256RowKernel>(loss, cols);

    private static void AssertFloat64EqualsFloat32<TKernel>(LossKind loss, int cols)
        where TKernel : IRowKernel
    {
        var p = TestProblem.Random(loss, GradientKernel.ChunkRows + 7, cols, seed: cols);
        var wide = SampleWeightProblems.Widen(p.Features);
        var s = SampleWeightProblems.Random(p.Rows, seed: cols);
        var narrowGradient = new double[cols];
        var narrow = LossDispatch.Serial<TKernel, float>(loss, p.Features, p.Labels, s, cols, p.Weights, p.Intercept, narrowGradient);
        var wideGradient = new double[cols];
        var widened = LossDispatch.Serial<TKernel, double>(loss, wide, p.Labels, s, cols, p.Weights, p.Intercept, wideGradient);

        Assertions.BitIdentical(narrowGradient, wideGradient);
        Assert.Equal(narrow, widened);
    }

    private static void AssertAgreesWithNaive<TKernel>(LossKind loss, int cols)
        where TKernel : IRowKernel
    {
        var p = TestProblem.Random(loss, GradientKernel.ChunkRows + 7, cols, seed: cols);
        var expected = new double[cols];
        var expectedSums = NaiveGradient.Compute(loss, p.Features, p.Labels, p.Weights, p.Intercept, expected);

        var actual = new double[cols];
        var sums = LossDispatch.Serial<TKernel, float>(loss, p.Features, p.Labels, [], cols, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose([.. expected, expectedSums.InterceptGradient], [.. actual, sums.InterceptGradient], 1e-12);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
    }

    private static void AssertBlockEqualsSingles<TKernel>(LossKind loss, int cols)
        where TKernel : IRowKernel
    {
        var p = TestProblem.Random(loss, 4, cols, seed: 100 + cols);
        ReadOnlySpan<float> Row(int k) => p.Features.AsSpan(k * cols, cols);

        var z = TKernel.Dot4(Row(0), Row(1), Row(2), Row(3), p.Weights);
        var y = Vector256.Create(p.Labels);
        var values = LossDispatch.Evaluate4<TKernel>(loss, z, y, out var r);
        var blockGradient = Enumerable.Range(0, cols).Select(j => 0.5 * j).ToArray();
        TKernel.AddScaled4(blockGradient, Row(0), Row(1), Row(2), Row(3), r);

        var singleGradient = Enumerable.Range(0, cols).Select(j => 0.5 * j).ToArray();
        for (int k = 0; k < 4; k++)
        {
            Assertions.BitIdentical(TKernel.Dot(Row(k), p.Weights), z[k]);

            // A single row rides in lane 0 of an otherwise empty block, as the chunk tail does.
            var single = LossDispatch.Evaluate4<TKernel>(loss, Vector256.CreateScalar(z[k]), Vector256.CreateScalar(p.Labels[k]), out var singleR);
            Assertions.BitIdentical(values[k], single[0]);
            Assertions.BitIdentical(r[k], singleR[0]);
            TKernel.AddScaled(singleGradient, Row(k), r[k]);
        }

        Assertions.BitIdentical(singleGradient, blockGradient);
    }
}
