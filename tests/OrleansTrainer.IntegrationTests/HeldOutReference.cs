using MathNet.Numerics.LinearAlgebra;
using OrleansTrainer.Client;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The mathematics a validated job must agree with, computed in the test process: which rows a seeded split holds out
/// (global row i = the i-th row of the file), ridge fitted in closed form on the other rows, and the metrics of a model on
/// chosen rows computed row by row.
/// </summary>
public static class HeldOutReference
{
    /// <summary>Whether each row is held out by a fraction split (<paramref name="folds"/> 0) or is in fold <paramref name="fold"/>.</summary>
    public static bool[] HeldOut(int rows, ulong seed, double fraction, int folds = 0, int fold = 0) =>
        Enumerable.Range(0, rows).Select(i => new RowSplit(seed, fraction, folds, fold).IsHeldOut(i)).ToArray();

    /// <summary>
    /// Ridge on the rows where <paramref name="use"/> is true, in closed form (MathNet, double precision): the minimizer of
    /// mean ½(x·w + b − y)² + (l2/2)‖w‖², the intercept unpenalized. Returns w followed by b.
    /// </summary>
    public static double[] Ridge(LocalDataset data, bool[] use, double l2)
    {
        var rows = Enumerable.Range(0, data.Rows).Where(i => use[i]).ToArray();
        var d = data.Columns;
        var mean = Vector<double>.Build.Dense(d, j => rows.Average(i => data.Features[i, j]));
        var yMean = rows.Average(i => data.Labels[i]);
        var x = Matrix<double>.Build.Dense(rows.Length, d, (r, j) => data.Features[rows[r], j] - mean[j]);
        var y = Vector<double>.Build.Dense(rows.Length, r => data.Labels[rows[r]] - yMean);
        var gram = x.TransposeThisAndMultiply(x) / rows.Length + Matrix<double>.Build.DenseIdentity(d) * l2;
        var w = gram.Solve(x.TransposeThisAndMultiply(y) / rows.Length);
        return [.. w, yMean - mean.DotProduct(w)];
    }

    /// <summary>Root mean squared error of <paramref name="model"/>'s predictions on the rows where <paramref name="use"/> is true.</summary>
    public static double Rmse(LinearModel model, LocalDataset data, bool[] use) =>
        Math.Sqrt(Rows(data, use).Average(i => Math.Pow(model.Predict(Row(data, i)) - data.Labels[i], 2)));

    /// <summary>Mean absolute error on the chosen rows.</summary>
    public static double Mae(LinearModel model, LocalDataset data, bool[] use) =>
        Rows(data, use).Average(i => Math.Abs(model.Predict(Row(data, i)) - data.Labels[i]));

    /// <summary>Mean logistic loss log(1 + e^z) − y·z on the chosen rows, computed stably.</summary>
    public static double LogLoss(LinearModel model, LocalDataset data, bool[] use) =>
        Rows(data, use).Average(i =>
        {
            var z = model.Margin(Row(data, i));
            return Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - data.Labels[i] * z;
        });

    /// <summary>Row <paramref name="i"/>'s features.</summary>
    public static double[] Row(LocalDataset data, int i) => Enumerable.Range(0, data.Columns).Select(j => data.Features[i, j]).ToArray();

    /// <summary>The CSV text of the rows of a bundled file where <paramref name="keep"/> holds (header kept).</summary>
    public static string Subset(string name, Func<int, bool> keep)
    {
        var lines = File.ReadAllLines(TestData.BundledPath(name));
        return string.Join('\n', [lines[0], .. lines.Skip(1).Where((_, i) => keep(i))]) + "\n";
    }

    private static IEnumerable<int> Rows(LocalDataset data, bool[] use) => Enumerable.Range(0, data.Rows).Where(i => use[i]);
}
