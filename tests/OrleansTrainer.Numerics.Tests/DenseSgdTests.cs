using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>
/// Per-example SGD on dense rows, each kernel on its own, against the definition walked plainly in solver coordinates:
/// <see cref="BlockUpdate"/>'s SGD step on a batch of one row (L2, then the L1 proximal step, on the original-scale weights).
/// </summary>
public class DenseSgdTests
{
    private const int Rows = 120;

    /// <summary>The settings each loss runs under: the row width, float64 rows, standardization, L2, L1, intercept, sample weights.</summary>
    private static readonly Path[] Paths =
    [
        new(Cols: 7, Float64: false, Standardize: false, L2: 0.05, L1: 0.0, FitIntercept: true, Weighted: false),
        new(Cols: 13, Float64: true, Standardize: true, L2: 0.02, L1: 0.01, FitIntercept: true, Weighted: true),
        new(Cols: 100, Float64: false, Standardize: true, L2: 0.0, L1: 0.02, FitIntercept: false, Weighted: true),
        new(Cols: 1, Float64: true, Standardize: false, L2: 0.0, L1: 0.0, FitIntercept: false, Weighted: false),
        new(Cols: 9, Float64: false, Standardize: true, L2: 0.1, L1: 0.0, FitIntercept: true, Weighted: false),
    ];

    public static TheoryData<LossKind, int> LossesAndPaths()
    {
        var data = new TheoryData<LossKind, int>();
        foreach (var loss in new[] { LossKind.SquaredError, LossKind.Logistic, LossKind.Huber, LossKind.Poisson, LossKind.SquaredHinge })
        {
            for (int path = 0; path < Paths.Length; path++)
            {
                data.Add(loss, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LossesAndPaths))]
    public void ScalarKernel_AgreesWithNaivePerRowLoop(LossKind loss, int path) => AssertAgreesWithNaive<ScalarRowKernel>(loss, Paths[path]);

    [Theory]
    [MemberData(nameof(LossesAndPaths))]
    public void Vector256Kernel_AgreesWithNaivePerRowLoop(LossKind loss, int path) => AssertAgreesWithNaive<Vector256RowKernel>(loss, Paths[path]);

    [Theory]
    [MemberData(nameof(LossesAndPaths))]
    public void Float64RowsEqualFloat32Rows(LossKind loss, int index)
    {
        var path = Paths[index];
        var p = Problem(loss, path.Cols);
        var settings = Settings(loss, p, path);
        var order = Order(count: 300, seed: 3);
        var narrow = (double[])p.Weights.Clone();
        var narrowIntercept = p.Intercept;
        var narrowSums = DenseSgd.Run(loss, p.Features, p.Labels, [], order, settings, narrow, ref narrowIntercept);
        var wide = (double[])p.Weights.Clone();
        var wideIntercept = p.Intercept;
        var wideSums = DenseSgd.Run(loss, SampleWeightProblems.Widen(p.Features), p.Labels, [], order, settings, wide, ref wideIntercept);

        Assertions.BitIdentical(narrow, wide);
        Assertions.BitIdentical(narrowIntercept, wideIntercept);
        Assert.Equal(narrowSums, wideSums);
    }

    [Fact]
    public void Equals_sparse_per_example_sgd_on_the_same_rows()
    {
        var p = TestProblem.Random(LossKind.Logistic, Rows, 20, seed: 8);
        var order = Order(count: 400, seed: 5);
        var dense = (double[])p.Weights.Clone();
        var denseIntercept = p.Intercept;
        var denseSums = DenseSgd.Run(LossKind.Logistic, p.Features, p.Labels, [], order, new DenseSgdSettings(0.05, 0.01, 0.0, true), dense, ref denseIntercept);

        var indices = Enumerable.Range(0, Rows).SelectMany(_ => Enumerable.Range(0, 20)).ToArray();
        var matrix = new CsrMatrix(Rows, 20, Enumerable.Range(0, Rows + 1).Select(i => i * 20).ToArray(), indices, p.Features);
        var sparse = (double[])p.Weights.Clone();
        var sparseIntercept = p.Intercept;
        var sparseSums = SparseSgd.Run(LossKind.Logistic, matrix, p.Labels, [], order, 1, 0.05, 0.01, fitIntercept: true, sparse, ref sparseIntercept);

        Assertions.NormwiseClose([.. sparse, sparseIntercept], [.. dense, denseIntercept], 1e-12);
        Assertions.RelativelyClose(sparseSums.Loss, denseSums.Loss, 1e-12);
    }

    [Fact]
    public void A_row_of_weight_zero_counts_its_rows_and_takes_no_step()
    {
        double[] weights = [0.5, -0.5];
        var intercept = 0.1;
        var sums = DenseSgd.Run(LossKind.SquaredError, new float[] { 1f, 2f }, [3.0], [0.0], [0, 0], new DenseSgdSettings(0.1, 0.5, 0.5, true), weights, ref intercept);
        Assert.Equal([0.5, -0.5], weights);
        Assert.Equal(0.1, intercept);
        Assert.Equal(2, sums.Rows);
        Assert.Equal(0.0, sums.WeightSum);
    }

    [Fact]
    public void Bad_settings_and_rows_are_refused()
    {
        var x = new float[] { 1f, 0f, 0f, 1f };
        var w = new double[2];
        var b = 0.0;
        var plain = new DenseSgdSettings(0.1, 0.0, 0.0, true);
        Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [0], plain with { LearningRate = 0 }, w, ref b));
        Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [0], plain with { L1 = -1 }, w, ref b));
        Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [0], plain with { Mean = [0.0, 0.0] }, w, ref b));
        Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [0], plain with { Mean = [0.0, 0.0], Scale = [1.0, 0.0] }, w, ref b));
        Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [0], plain, new double[3], ref b));
        Assert.Throws<ArgumentOutOfRangeException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [], [2], plain, w, ref b));
        var label = Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Poisson, x, [0.0, -3.0], [], [1], plain, w, ref b));
        Assert.Contains("Row 1", label.Message, StringComparison.Ordinal);
        var weight = Assert.Throws<ArgumentException>(() => DenseSgd.Run(LossKind.Logistic, x, [0.0, 1.0], [1.0, -1.0], [1], plain, w, ref b));
        Assert.Contains("Row 1", weight.Message, StringComparison.Ordinal);
    }

    private static void AssertAgreesWithNaive<TKernel>(LossKind loss, Path path)
        where TKernel : IRowKernel
    {
        var p = Problem(loss, path.Cols);
        var sampleWeights = path.Weighted ? SampleWeightProblems.Random(Rows, seed: path.Cols) : [];
        var settings = Settings(loss, p, path);
        var order = Order(count: 300, seed: path.Cols + 1);
        var (expected, expectedIntercept, expectedLoss) = Naive(loss, p, sampleWeights, order, settings);

        var actual = (double[])p.Weights.Clone();
        var intercept = p.Intercept;
        var sums = path.Float64
            ? DenseSgd.Run<TKernel, double>(loss, SampleWeightProblems.Widen(p.Features), p.Labels, sampleWeights, order, settings, actual, ref intercept)
            : DenseSgd.Run<TKernel, float>(loss, p.Features, p.Labels, sampleWeights, order, settings, actual, ref intercept);

        Assertions.NormwiseClose([.. expected, expectedIntercept], [.. actual, intercept], 1e-11);
        Assertions.RelativelyClose(expectedLoss, sums.Loss, 1e-11);
        Assert.Equal(order.Length, sums.Rows);
        Assert.Equal(path.Weighted ? order.Sum(i => sampleWeights[i]) : order.Length, sums.WeightSum, 9);
        if (!path.FitIntercept)
        {
            Assert.Equal(p.Intercept, intercept);
        }
    }

    // The definition, row by row in solver coordinates u_j = (x_j − mean_j) / scale_j: the loss derivative g at the
    // current model, then v_j ← prox(v_j − rate·(g·u_j + L2·v_j / scale_j²)) with threshold rate·L1 / scale_j, c ← c − rate·g.
    private static (double[] Weights, double Intercept, double LossSum) Naive(
        LossKind loss, TestProblem p, double[] sampleWeights, int[] order, DenseSgdSettings settings)
    {
        int cols = p.Cols;
        var v = (double[])p.Weights.Clone();
        double c = p.Intercept, lossSum = 0, rate = settings.LearningRate;
        foreach (int row in order)
        {
            var u = new double[cols];
            double z = c;
            for (int j = 0; j < cols; j++)
            {
                double x = p.Features[(row * cols) + j];
                u[j] = settings.Mean is null ? x : (x - settings.Mean[j]) / settings.Scale![j];
                z += v[j] * u[j];
            }

            double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[row];
            double g = Losses.Derivative(loss, z, p.Labels[row]);
            lossSum += s * Losses.Value(loss, z, p.Labels[row]);
            if (s == 0)
            {
                continue;
            }

            for (int j = 0; j < cols; j++)
            {
                double scale = settings.Scale?[j] ?? 1.0;
                double moved = v[j] - (rate * ((g * u[j]) + (settings.L2 * v[j] / (scale * scale))));
                double threshold = rate * settings.L1 / scale;
                v[j] = Math.Sign(moved) * Math.Max(Math.Abs(moved) - threshold, 0.0);
            }

            if (settings.FitIntercept)
            {
                c -= rate * g;
            }
        }

        return (v, c, lossSum);
    }

    private static DenseSgdSettings Settings(LossKind loss, TestProblem p, Path path)
    {
        double rate = loss == LossKind.Poisson ? 0.002 : 0.02;
        if (!path.Standardize)
        {
            return new DenseSgdSettings(rate, path.L2, path.L1, path.FitIntercept);
        }

        // The columns' own means and standard deviations, so the solver coordinates are really standardized.
        var mean = new double[p.Cols];
        var scale = new double[p.Cols];
        for (int j = 0; j < p.Cols; j++)
        {
            var column = Enumerable.Range(0, p.Rows).Select(i => (double)p.Features[(i * p.Cols) + j]).ToArray();
            mean[j] = column.Average();
            scale[j] = Math.Sqrt(column.Average(x => (x - mean[j]) * (x - mean[j])));
        }

        return new DenseSgdSettings(rate, path.L2, path.L1, path.FitIntercept, mean, scale);
    }

    // The Poisson loss's e^z grows fast: smaller weights and steps keep its walk on 100 columns from diverging.
    private static TestProblem Problem(LossKind loss, int cols)
    {
        var p = TestProblem.Random(loss, Rows, cols, seed: cols);
        return loss == LossKind.Poisson ? p with { Weights = p.Weights.Select(w => 0.1 * w).ToArray() } : p;
    }

    private static int[] Order(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(Rows)).ToArray();
    }

    /// <summary>One configuration of the walk.</summary>
    private sealed record Path(int Cols, bool Float64, bool Standardize, double L2, double L1, bool FitIntercept, bool Weighted);
}
