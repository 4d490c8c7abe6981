using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class CsrGradientTests
{
    public static TheoryData<LossKind, int, int> Shapes()
    {
        var data = new TheoryData<LossKind, int, int>();
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic, LossKind.Huber, LossKind.Poisson })
        {
            foreach (int cols in new[] { 1, 7, 100, 5000 })
            {
                foreach (int rows in new[] { 1, 6, (2 * GradientKernel.ChunkRows) + 3 })
                {
                    data.Add(loss, rows, cols);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulate_AgreesWithTheDenseKernel(LossKind loss, int rows, int cols)
    {
        var p = TestProblem.Random(loss, rows, cols, seed: rows + cols);
        var matrix = Sparsify(p.Features, rows, cols, density: cols > 1000 ? 0.01 : 0.3, seed: 3);
        var dense = matrix.ToDense();
        var s = SampleWeightProblems.Random(rows, seed: 4);

        var expected = Enumerable.Range(0, cols).Select(j => 0.01 * j).ToArray();
        var actual = (double[])expected.Clone();
        var expectedSums = GradientKernel.Accumulate(loss, dense, p.Labels, s, p.Weights, p.Intercept, expected);
        var sums = GradientKernel.Accumulate(loss, matrix, p.Labels, s, p.Weights, p.Intercept, actual);

        Assertions.NormwiseClose([.. expected, expectedSums.InterceptGradient], [.. actual, sums.InterceptGradient], 1e-12);
        Assertions.RelativelyClose(expectedSums.Loss, sums.Loss, 1e-12);
        Assert.Equal(expectedSums.WeightSum, sums.WeightSum);
        Assert.Equal(rows, sums.Rows);
    }

    [Fact]
    public void UntouchedColumns_StayAsTheyWere()
    {
        // Two rows over columns {1} and {1, 3} of 5: columns 0, 2, 4 keep their exact bits (even −0).
        var matrix = new CsrMatrix(2, 5, new[] { 0, 1, 3 }, [1, 1, 3], [2f, -1f, 4f]);
        double[] gradient = [-0.0, 7.0, 1e-300, 3.0, double.MaxValue];
        var sums = GradientKernel.Accumulate(LossKind.SquaredError, matrix, [1.0, 0.0], [], [0.0, 0.5, 0.0, 0.25, 0.0], 0.0, gradient);

        // z = [1, -0.5 + 1] = [1, 0.5]; r = [0, 0.5].
        Assertions.BitIdentical([-0.0, 7.0 + (0.5 * -1.0), 1e-300, 3.0 + (0.5 * 4.0), double.MaxValue], gradient);
        Assert.Equal(0.5 * 0.25, sums.Loss);
    }

    [Fact]
    public void EmptyRows_CountWithTheirIntercept()
    {
        var matrix = new CsrMatrix(3, 2, new long[] { 0, 0, 0, 0 }, [], []);
        var gradient = new double[2];
        var sums = GradientKernel.Accumulate(LossKind.SquaredError, matrix, [1.0, 2.0, 3.0], [1.0, 2.0, 0.0], [5.0, 6.0], 0.5, gradient);
        Assert.Equal((0.5 - 1.0) + (2.0 * (0.5 - 2.0)), sums.InterceptGradient);
        Assert.Equal(3.0, sums.WeightSum);
        Assert.Equal([0.0, 0.0], gradient);
    }

    [Fact]
    public void InvalidMatrices_Throw()
    {
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 3, new[] { 0, 1 }, [0], [1f]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, new[] { 1, 1 }, [0], [1f]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, new[] { 0, 2 }, [0], [1f]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, new[] { 0, 2 }, [0, 1], [1f]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 3, new[] { 0, 2, 1 }, [0], [1f]));
        var outside = Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 3, new[] { 0, 1, 2 }, [0, 3], [1f, 1f]));
        Assert.Contains("Row 1", outside.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, new[] { 0, 2 }, [1, 1], [1f, 1f]));
        Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 3, new[] { 0, 2 }, [2, 1], [1f, 1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsrMatrix(-1, 3, new[] { 0 }, [], []));

        var matrix = new CsrMatrix(2, 3, new[] { 0, 1, 2 }, [0, 2], [1f, 1f]);
        Assert.Equal(2, matrix.NonZeros);
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f], matrix.ToDense());
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, matrix, [1.0], [], new double[3], 0, new double[3]));
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, matrix, [1.0, 2.0], [], new double[2], 0, new double[2]));
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.SquaredError, matrix, [1.0, 2.0], [], new double[3], 0, new double[2]));
        Assert.Throws<ArgumentException>(() => GradientKernel.Accumulate(LossKind.Poisson, matrix, [1.0, -2.0], [], new double[3], 0, new double[3]));
    }

    // Keeps each entry of the dense features with probability `density` (every row's entries in column order).
    internal static CsrMatrix Sparsify(float[] features, int rows, int cols, double density, int seed)
    {
        var random = new Random(seed);
        var pointers = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                if (random.NextDouble() < density)
                {
                    indices.Add(j);
                    values.Add(features[(i * cols) + j]);
                }
            }

            pointers.Add(indices.Count);
        }

        return new CsrMatrix(rows, cols, pointers.ToArray(), indices.ToArray(), values.ToArray());
    }
}
