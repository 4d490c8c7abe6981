using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class SparseSgdTests
{
    [Theory]
    [InlineData(LossKind.Logistic, 1, 0.0, false)]
    [InlineData(LossKind.Logistic, 1, 0.01, true)]
    [InlineData(LossKind.Logistic, 5, 0.01, true)]
    [InlineData(LossKind.SquaredError, 3, 0.001, false)]
    [InlineData(LossKind.SquaredError, 1, 0.0, true)]
    [InlineData(LossKind.SquaredHinge, 1, 0.01, false)]
    [InlineData(LossKind.SquaredHinge, 4, 0.01, true)]
    public void Steps_EqualPlainDenseSgdOnTheSameRows(LossKind loss, int batch, double l2, bool weighted)
    {
        var (matrix, labels) = Problem(rows: 300, cols: 50, loss, seed: batch);
        var sampleWeights = weighted ? Enumerable.Range(0, 300).Select(i => 0.5 + (i % 3)).ToArray() : [];
        var order = Order(300, count: 700, seed: 9);
        var start = Enumerable.Range(0, 50).Select(j => 0.01 * (j % 7)).ToArray();

        var (expected, expectedIntercept, expectedLoss) = DenseReference(loss, matrix, labels, sampleWeights, order, batch, 0.3, l2, start, 0.2);
        var actual = (double[])start.Clone();
        var intercept = 0.2;
        var sums = SparseSgd.Run(loss, matrix, labels, sampleWeights, order, batch, 0.3, l2, fitIntercept: true, actual, ref intercept);

        Assertions.NormwiseClose([.. expected, expectedIntercept], [.. actual, intercept], 1e-12);
        Assertions.RelativelyClose(expectedLoss, sums.Loss, 1e-12);
        Assert.Equal(order.Length, sums.Rows);
        Assert.Equal(weighted ? order.Sum(i => sampleWeights[i]) : order.Length, sums.WeightSum, 9);
    }

    [Fact]
    public void A_strong_shrink_folds_the_scale_and_stays_exact()
    {
        // rate × L2 = 0.5 halves every weight each step: the scale factor passes 1e-9 after 30 steps and is folded.
        var (matrix, labels) = Problem(rows: 40, cols: 8, LossKind.Logistic, seed: 3);
        var order = Order(40, count: 200, seed: 4);
        var start = Enumerable.Repeat(1.0, 8).ToArray();
        var (expected, expectedIntercept, _) = DenseReference(LossKind.Logistic, matrix, labels, [], order, 1, 0.5, 1.0, start, 0.0);
        var actual = (double[])start.Clone();
        var intercept = 0.0;
        SparseSgd.Run(LossKind.Logistic, matrix, labels, [], order, 1, 0.5, 1.0, fitIntercept: true, actual, ref intercept);
        Assertions.NormwiseClose([.. expected, expectedIntercept], [.. actual, intercept], 1e-12);
    }

    [Fact]
    public void Without_an_intercept_it_keeps_its_value_and_untouched_weights_only_shrink()
    {
        var matrix = new CsrMatrix(2, 4, new[] { 0, 1, 2 }, [1, 3], [1f, 2f]);
        double[] weights = [1.0, 0.0, 3.0, 0.0];
        var intercept = 0.7;
        SparseSgd.Run(LossKind.SquaredError, matrix, [1.0, 1.0], [], [0, 1], 1, 0.1, 0.5, fitIntercept: false, weights, ref intercept);
        Assert.Equal(0.7, intercept);
        Assertions.RelativelyClose(1.0 * 0.95 * 0.95, weights[0], 1e-15);
        Assertions.RelativelyClose(3.0 * 0.95 * 0.95, weights[2], 1e-15);
    }

    [Fact]
    public void Bad_settings_and_rows_are_refused()
    {
        var matrix = new CsrMatrix(2, 3, new[] { 0, 1, 2 }, [0, 2], [1f, 1f]);
        var w = new double[3];
        var b = 0.0;
        Assert.Throws<ArgumentException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [], [0], 1, 0.5, 2.0, true, w, ref b));
        Assert.Throws<ArgumentException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [], [0], 1, 0.0, 0.0, true, w, ref b));
        Assert.Throws<ArgumentException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [], [0], 1, 0.1, 0.0, true, new double[2], ref b));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [], [2], 1, 0.1, 0.0, true, w, ref b));
        Assert.Throws<ArgumentOutOfRangeException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [], [0], 0, 0.1, 0.0, true, w, ref b));
        var label = Assert.Throws<ArgumentException>(() => SparseSgd.Run(LossKind.Poisson, matrix, [0.0, -3.0], [], [1], 1, 0.1, 0.0, true, w, ref b));
        Assert.Contains("Row 1", label.Message, StringComparison.Ordinal);
        var weight = Assert.Throws<ArgumentException>(() => SparseSgd.Run(LossKind.Logistic, matrix, [0.0, 1.0], [1.0, -1.0], [1], 1, 0.1, 0.0, true, w, ref b));
        Assert.Contains("Row 1", weight.Message, StringComparison.Ordinal);
    }

    // The definition, step by step on dense rows: the batch's mean gradient at the current model, then
    // w ← (1 − rate·L2)·w − rate·ḡ and b ← b − rate·ḡ_b.
    private static (double[] Weights, double Intercept, double LossSum) DenseReference(
        LossKind loss, CsrMatrix matrix, double[] labels, double[] sampleWeights, int[] order, int batch, double rate, double l2, double[] start, double intercept)
    {
        var dense = matrix.ToDense();
        int cols = matrix.Cols;
        var w = (double[])start.Clone();
        double lossSum = 0;
        for (int first = 0; first < order.Length; first += batch)
        {
            var g = new double[cols];
            double gb = 0, weightSum = 0;
            foreach (var row in order.Skip(first).Take(batch))
            {
                double z = intercept;
                for (int j = 0; j < cols; j++)
                {
                    z += dense[(row * cols) + j] * w[j];
                }

                double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[row];
                double y = labels[row];
                double margin = Math.Max(0, 1 - (((2 * y) - 1) * z));
                (double value, double r) = loss switch
                {
                    LossKind.Logistic => (Math.Log(1 + Math.Exp(z)) - (y * z), (1 / (1 + Math.Exp(-z))) - y),
                    LossKind.SquaredHinge => (margin * margin, -2 * ((2 * y) - 1) * margin),
                    _ => (0.5 * (z - y) * (z - y), z - y),
                };
                lossSum += s * value;
                weightSum += s;
                gb += s * r;
                for (int j = 0; j < cols; j++)
                {
                    g[j] += s * r * dense[(row * cols) + j];
                }
            }

            for (int j = 0; j < cols; j++)
            {
                w[j] = ((1 - (rate * l2)) * w[j]) - (rate * g[j] / weightSum);
            }

            intercept -= rate * gb / weightSum;
        }

        return (w, intercept, lossSum);
    }

    private static (CsrMatrix Matrix, double[] Labels) Problem(int rows, int cols, LossKind loss, int seed) =>
        SparseProblems.Random(rows, cols, density: 0.15, shift: 0.3, seed, random => loss is LossKind.Logistic or LossKind.SquaredHinge ? random.Next(2) : random.NextDouble() * 2);

    private static int[] Order(int rows, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(rows)).ToArray();
    }
}
