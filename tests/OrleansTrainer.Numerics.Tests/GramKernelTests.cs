using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class GramKernelTests
{
    public static TheoryData<int, int, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, bool, bool>();
        foreach (int cols in new[] { 0, 1, 3, 5, 6, 8, 17, 100 })
        {
            foreach (int rows in new[] { 1, 5, GramKernel.PanelRows + 3, GramKernel.ChunkRows + 130 })
            {
                data.Add(rows, cols, false, false);
                data.Add(rows, cols, true, true);
            }

            data.Add(GramKernel.PanelRows - 1, cols, true, false);
            data.Add(GramKernel.PanelRows - 1, cols, false, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulate_AgreesWithNaiveLoop(int rows, int cols, bool weighted, bool centered)
    {
        var (features, labels, s, center) = Problem(rows, cols, weighted, centered, seed: rows + cols);
        var expected = NaiveGram.Compute(features, labels, s, center, cols);
        var actual = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, center, actual);

        NaiveGram.AssertClose(expected, actual, 1e-13);
        AssertSymmetric(actual);
    }

    [Theory]
    [InlineData(3, false, false)]
    [InlineData(17, true, true)]
    [InlineData(100, true, false)]
    public void ScalarTiles_AgreeWithNaiveLoop(int cols, bool weighted, bool centered)
    {
        var (features, labels, s, center) = Problem(GramKernel.ChunkRows - 3, cols, weighted, centered, seed: cols);
        var expected = NaiveGram.Compute(features, labels, s, center, cols);
        var layout = new GramLayout(cols);
        var accumulator = new double[layout.Width * layout.Width];
        GramChunk.ComputeWithRentedScratch<ScalarGramTiles, float>(layout, features, labels, s, center, 0, labels.Length, accumulator);
        var actual = new GramSums(cols);
        GramChunk.AddTo(layout, accumulator, labels.Length, actual);

        NaiveGram.AssertClose(expected, actual, 1e-13);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void AccumulateParallel_IsBitIdenticalToAccumulate(int threads)
    {
        foreach (int cols in new[] { 5, 33 })
        {
            var (features, labels, s, center) = Problem((9 * GramKernel.ChunkRows) + 77, cols, weighted: true, centered: true, seed: threads);
            var serial = Seeded(cols);
            var parallel = Seeded(cols);
            GramKernel.Accumulate(features, labels, s, center, serial);
            GramKernel.AccumulateParallel(features, labels, s, center, parallel, threads);
            NaiveGram.AssertIdentical(serial, parallel);

            var plainSerial = new GramSums(cols);
            var plainParallel = new GramSums(cols);
            GramKernel.Accumulate(features, labels, [], [], plainSerial);
            GramKernel.AccumulateParallel(features, labels, null, null, plainParallel, threads);
            NaiveGram.AssertIdentical(plainSerial, plainParallel);
        }
    }

    [Fact]
    public void Float64Features_AreBitIdenticalToFloat32()
    {
        const int cols = 19;
        var (features, labels, s, center) = Problem((2 * GramKernel.ChunkRows) + 9, cols, weighted: true, centered: true, seed: 4);
        var wide = SampleWeightProblems.Widen(features);
        var narrow = new GramSums(cols);
        var widened = new GramSums(cols);
        var widenedParallel = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, center, narrow);
        GramKernel.Accumulate(wide, labels, s, center, widened);
        GramKernel.AccumulateParallel(wide, labels, s, center, widenedParallel, 2);

        NaiveGram.AssertIdentical(narrow, widened);
        NaiveGram.AssertIdentical(narrow, widenedParallel);
    }

    [Fact]
    public void UnitWeights_AreBitIdenticalToNoWeights()
    {
        const int cols = 10;
        var (features, labels, _, center) = Problem(GramKernel.ChunkRows + 1, cols, weighted: false, centered: true, seed: 5);
        var ones = Enumerable.Repeat(1.0, labels.Length).ToArray();
        var plain = new GramSums(cols);
        var weighted = new GramSums(cols);
        GramKernel.Accumulate(features, labels, [], center, plain);
        GramKernel.Accumulate(features, labels, ones, center, weighted);

        NaiveGram.AssertIdentical(plain, weighted);
        Assert.Equal(labels.Length, plain.WeightSum);
    }

    [Fact]
    public void Accumulate_IsAdditiveOverChunkAlignedBlocks()
    {
        const int cols = 12;
        var (features, labels, s, center) = Problem((3 * GramKernel.ChunkRows) + 50, cols, weighted: true, centered: true, seed: 6);
        var whole = new GramSums(cols);
        GramKernel.Accumulate(features, labels, s, center, whole);

        int split = 2 * GramKernel.ChunkRows;
        var parts = new GramSums(cols);
        GramKernel.Accumulate(features.AsSpan(0, split * cols), labels.AsSpan(0, split), s.AsSpan(0, split), center, parts);
        GramKernel.Accumulate(features.AsSpan(split * cols), labels.AsSpan(split), s.AsSpan(split), center, parts);
        NaiveGram.AssertIdentical(whole, parts);

        var first = new GramSums(cols);
        var second = new GramSums(cols);
        GramKernel.Accumulate(features.AsSpan(0, split * cols), labels.AsSpan(0, split), s.AsSpan(0, split), center, first);
        GramKernel.Accumulate(features.AsSpan(split * cols), labels.AsSpan(split), s.AsSpan(split), center, second);
        first.Add(second);
        NaiveGram.AssertClose(whole, first, 1e-15);
        AssertSymmetric(first);
    }

    [Fact]
    public void Centering_KeepsPrecisionFarFromTheOrigin()
    {
        // Features 1e4 + N(0, 1): uncentered sums lose about 8 digits to cancellation when re-centered; centered
        // sums of (x - c) with c near the mean are as accurate as for data near zero.
        const int cols = 4;
        var random = new Random(7);
        int rows = 5000;
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)(1e4 + (k % cols) + Gaussian(random));
        }

        var labels = Enumerable.Range(0, rows).Select(i => (double)features[i * cols] - 1e4).ToArray();
        double[] center = [1e4, 1e4 + 1, 1e4 + 2, 1e4 + 3];
        var expected = NaiveGram.Compute(features, labels, [], center, cols);
        var actual = new GramSums(cols);
        GramKernel.Accumulate(features, labels, [], center, actual);
        NaiveGram.AssertClose(expected, actual, 1e-13);
    }

    [Fact]
    public void BadShapes_Throw()
    {
        var sums = new GramSums(3);
        Assert.Throws<ArgumentException>(() => GramKernel.Accumulate(new float[5], [1, 2], [], [], sums));
        Assert.Throws<ArgumentException>(() => GramKernel.Accumulate(new float[6], [1, 2], [1.0], [], sums));
        Assert.Throws<ArgumentException>(() => GramKernel.Accumulate(new float[6], [1, 2], [1.0, -2.0], [], sums));
        Assert.Throws<ArgumentException>(() => GramKernel.Accumulate(new float[6], [1, 2], [], [1.0, 2.0], sums));
        Assert.Throws<ArgumentOutOfRangeException>(() => GramKernel.AccumulateParallel(new float[6], [1, 2], null, null, sums, 0));
        Assert.Throws<ArgumentException>(() => sums.Add(new GramSums(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GramSums(-1));
    }

    internal static (float[] Features, double[] Labels, double[] SampleWeights, double[] Center) Problem(
        int rows, int cols, bool weighted, bool centered, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)((random.NextDouble() * 3.0) - 1.0 + (k % Math.Max(1, cols)));
        }

        var labels = Enumerable.Range(0, rows).Select(_ => (random.NextDouble() * 4.0) - 2.0).ToArray();
        var s = weighted ? SampleWeightProblems.Random(rows, seed) : [];
        var center = centered ? Enumerable.Range(0, cols).Select(j => j + 0.25).ToArray() : [];
        return (features, labels, s, center);
    }

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static GramSums Seeded(int cols)
    {
        var sums = new GramSums(cols);
        for (int j = 0; j < cols; j++)
        {
            sums.Xty[j] = 0.5 * j;
            sums.XtX[(j * cols) + j] = 1.0 + j;
        }

        sums.YSum = 3.0;
        return sums;
    }

    private static void AssertSymmetric(GramSums sums)
    {
        int cols = sums.Cols;
        for (int j = 0; j < cols; j++)
        {
            for (int k = 0; k < j; k++)
            {
                Assertions.BitIdentical(sums.XtX[(j * cols) + k], sums.XtX[(k * cols) + j]);
            }
        }
    }
}
