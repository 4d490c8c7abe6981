using System.Globalization;
using System.Text;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The linear SVM's objective written out naively for the tests — mean of max(0, 1 − t z)² with t = 2y − 1, plus
/// (L2/2)‖w‖² — independent of the kernels; and the standardized breast-cancer problem the scikit-learn reference uses.
/// </summary>
public static class LinearSvm
{
    /// <summary>The gradient of the objective: every weight, then the intercept when <paramref name="withIntercept"/>.</summary>
    public static double[] Gradient(LocalDataset data, ReadOnlySpan<double> w, double b, double l2, bool withIntercept)
    {
        var gradient = new double[data.Columns + (withIntercept ? 1 : 0)];
        for (var i = 0; i < data.Rows; i++)
        {
            var t = data.Labels[i] == 1 ? 1.0 : -1.0;
            var margin = 1 - t * Decision(data, i, w, b);
            if (margin <= 0)
            {
                continue;
            }

            for (var j = 0; j < data.Columns; j++)
            {
                gradient[j] += -2 * t * margin * data.Features[i, j];
            }

            if (withIntercept)
            {
                gradient[^1] += -2 * t * margin;
            }
        }

        for (var k = 0; k < gradient.Length; k++)
        {
            gradient[k] = gradient[k] / data.Rows + (k < data.Columns ? l2 * w[k] : 0);
        }

        return gradient;
    }

    /// <summary>The objective's value.</summary>
    public static double Objective(LocalDataset data, ReadOnlySpan<double> w, double b, double l2)
    {
        double loss = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            var t = data.Labels[i] == 1 ? 1.0 : -1.0;
            var margin = Math.Max(0, 1 - t * Decision(data, i, w, b));
            loss += margin * margin;
        }

        double norm = 0;
        foreach (var v in w)
        {
            norm += v * v;
        }

        return loss / data.Rows + l2 / 2 * norm;
    }

    /// <summary>The fraction of rows whose predicted class (z ≥ 0 means 1) is the label.</summary>
    public static double Accuracy(LocalDataset data, Client.LinearModel model) =>
        Enumerable.Range(0, data.Rows).Count(i =>
            model.Predict(Enumerable.Range(0, data.Columns).Select(j => data.Features[i, j]).ToArray()) == data.Labels[i]) / (double)data.Rows;

    /// <summary>
    /// samples/datasets/breast_cancer.csv with every feature standardized in float64 (mean 0, population standard
    /// deviation 1), as References/linear_svm_breast_cancer.py does; also as CSV text with round-trip doubles.
    /// </summary>
    public static (LocalDataset Data, string Csv) StandardizedBreastCancer()
    {
        var lines = File.ReadAllLines(TestData.BundledPath("breast_cancer"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var label = Array.IndexOf(header, "malignant");
        var columns = Enumerable.Range(0, header.Length).Where(c => c != label).ToArray();
        var features = new double[rows.Length, columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var mean = rows.Sum(r => r[columns[j]]) / rows.Length;
            var sd = Math.Sqrt(rows.Sum(r => (r[columns[j]] - mean) * (r[columns[j]] - mean)) / rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                features[i, j] = (rows[i][columns[j]] - mean) / sd;
            }
        }

        var names = columns.Select(c => header[c]).ToArray();
        var labels = rows.Select(r => r[label]).ToArray();
        var csv = new StringBuilder(string.Join(',', names)).Append(",malignant\n");
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                csv.Append(features[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(labels[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return (new LocalDataset(names, features, labels), csv.ToString());
    }

    /// <summary>scikit-learn's coefficients at <paramref name="l2"/> (References/linear_svm_breast_cancer.csv).</summary>
    public static double[] ReferenceCoefficients(double l2)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "References", "linear_svm_breast_cancer.csv"));
        var row = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).Single(r => r[0] == l2);
        return row[1..];
    }

    private static double Decision(LocalDataset data, int row, ReadOnlySpan<double> w, double b)
    {
        var z = b;
        for (var j = 0; j < data.Columns; j++)
        {
            z += w[j] * data.Features[row, j];
        }

        return z;
    }
}
