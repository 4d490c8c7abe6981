using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class SparseSoftmaxSgdTests
{
    [Theory]
    [InlineData(3, 1, 0.0, false)]
    [InlineData(3, 1, 0.01, true)]
    [InlineData(4, 4, 0.01, true)]
    [InlineData(2, 3, 0.001, false)]
    public void Steps_EqualPlainDenseSoftmaxSgdOnTheSameRows(int classes, int batch, double l2, bool weighted)
    {
        var (matrix, labels) = Problem(rows: 200, cols: 30, classes, seed: batch + classes);
        var sampleWeights = weighted ? Enumerable.Range(0, 200).Select(i => 0.5 + (i % 3)).ToArray() : [];
        var order = Enumerable.Range(0, 500).Select(i => (i * 37) % 200).ToArray();
        var start = Enumerable.Range(0, classes * 30).Select(j => 0.01 * (j % 5)).ToArray();
        var startIntercepts = Enumerable.Range(0, classes).Select(k => 0.1 * k).ToArray();

        var (expected, expectedIntercepts, expectedLoss) = DenseReference(matrix, labels, sampleWeights, order, batch, classes, 0.3, l2, start, startIntercepts);
        var weights = (double[])start.Clone();
        var intercepts = (double[])startIntercepts.Clone();
        var sums = SparseSoftmaxSgd.Run(matrix, labels, sampleWeights, order, batch, classes, 0.3, l2, fitIntercept: true, weights, intercepts);

        Assertions.NormwiseClose([.. expected, .. expectedIntercepts], [.. weights, .. intercepts], 1e-12);
        Assertions.RelativelyClose(expectedLoss, sums.Loss, 1e-12);
        Assert.Equal(order.Length, sums.Rows);
    }

    [Fact]
    public void Bad_labels_and_shapes_are_refused()
    {
        var matrix = new CsrMatrix(2, 3, new[] { 0, 1, 2 }, [0, 2], [1f, 1f]);
        var b = new double[3];
        var label = Assert.Throws<ArgumentException>(() => SparseSoftmaxSgd.Run(matrix, [0.0, 3.0], [], [1], 1, 3, 0.1, 0, true, new double[9], b));
        Assert.Contains("Row 1", label.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SparseSoftmaxSgd.Run(matrix, [0.0, 1.0], [], [1], 1, 3, 0.1, 0, true, new double[8], b));
        Assert.Throws<ArgumentException>(() => SparseSoftmaxSgd.Run(matrix, [0.0, 1.0], [], [1], 1, 3, 0.5, 2.0, true, new double[9], b));
    }

    // The definition on dense rows: the batch's mean softmax gradient at the current model, then
    // W ← (1 − rate·L2)·W − rate·Ḡ and b ← b − rate·ḡ_b.
    private static (double[] Weights, double[] Intercepts, double LossSum) DenseReference(
        CsrMatrix matrix, double[] labels, double[] sampleWeights, int[] order, int batch, int classes, double rate, double l2, double[] start, double[] startIntercepts)
    {
        var dense = matrix.ToDense();
        int cols = matrix.Cols;
        var w = (double[])start.Clone();
        var b = (double[])startIntercepts.Clone();
        double lossSum = 0;
        for (int first = 0; first < order.Length; first += batch)
        {
            var g = new double[classes * cols];
            var gb = new double[classes];
            double weightSum = 0;
            foreach (var row in order.Skip(first).Take(batch))
            {
                var z = new double[classes];
                for (int k = 0; k < classes; k++)
                {
                    z[k] = b[k];
                    for (int j = 0; j < cols; j++)
                    {
                        z[k] += dense[(row * cols) + j] * w[(k * cols) + j];
                    }
                }

                double max = z.Max();
                double sum = z.Sum(v => Math.Exp(v - max));
                double s = sampleWeights.Length == 0 ? 1.0 : sampleWeights[row];
                int y = (int)labels[row];
                lossSum += s * (Math.Log(sum) + max - z[y]);
                weightSum += s;
                for (int k = 0; k < classes; k++)
                {
                    double r = s * ((Math.Exp(z[k] - max) / sum) - (k == y ? 1 : 0));
                    gb[k] += r;
                    for (int j = 0; j < cols; j++)
                    {
                        g[(k * cols) + j] += r * dense[(row * cols) + j];
                    }
                }
            }

            for (int i = 0; i < w.Length; i++)
            {
                w[i] = ((1 - (rate * l2)) * w[i]) - (rate * g[i] / weightSum);
            }

            for (int k = 0; k < classes; k++)
            {
                b[k] -= rate * gb[k] / weightSum;
            }
        }

        return (w, b, lossSum);
    }

    private static (CsrMatrix Matrix, double[] Labels) Problem(int rows, int cols, int classes, int seed) =>
        SparseProblems.Random(rows, cols, density: 0.2, shift: 0.4, seed, random => random.Next(classes));
}
