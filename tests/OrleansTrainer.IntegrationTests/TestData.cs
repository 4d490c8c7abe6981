using System.Globalization;
using System.Text;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>A dataset held in the test process: features as the cluster stores them (rounded to float32) and labels.</summary>
public sealed class LocalDataset(string[] featureNames, double[,] features, double[] labels)
{
    /// <summary>Feature names.</summary>
    public string[] FeatureNames { get; } = featureNames;

    /// <summary>Features, already rounded to float32 and widened back.</summary>
    public double[,] Features { get; } = features;

    /// <summary>Labels.</summary>
    public double[] Labels { get; } = labels;

    /// <summary>Rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>Columns.</summary>
    public int Columns => FeatureNames.Length;
}

/// <summary>The bundled datasets and seeded synthetic ones.</summary>
public static class TestData
{
    /// <summary>The path of a bundled dataset copied next to the tests.</summary>
    public static string BundledPath(string name) => Path.Combine(AppContext.BaseDirectory, "datasets", name + ".csv");

    /// <summary>Reads a CSV with the production reader into memory.</summary>
    public static async Task<LocalDataset> ReadAsync(TextReader text, string label)
    {
        using var reader = await CsvDatasetReader.OpenAsync(text, "test", label, CancellationToken.None);
        var rows = new List<float[]>();
        var labels = new List<double>();
        while (true)
        {
            var row = new float[reader.FeatureNames.Count];
            if (!await reader.ReadRowAsync(row, CancellationToken.None))
            {
                break;
            }

            rows.Add(row);
            labels.Add(reader.CurrentLabel);
        }

        var features = new double[rows.Count, reader.FeatureNames.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                features[i, j] = rows[i][j];
            }
        }

        return new LocalDataset([.. reader.FeatureNames], features, [.. labels]);
    }

    /// <summary>Reads a bundled dataset.</summary>
    public static Task<LocalDataset> ReadBundledAsync(string name, string label) => ReadAsync(File.OpenText(BundledPath(name)), label);

    /// <summary>
    /// CSV text of a seeded linear-regression problem: x ~ N(0,1) (column j scaled by 1 + j/10 and shifted by j/5),
    /// y = x·w* + b* + N(0, noise²).
    /// </summary>
    public static string SyntheticRegressionCsv(int rows, int cols, int seed, double noise = 0.5)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, cols).Select(_ => Gaussian(random)).ToArray();
        var intercept = Gaussian(random);
        var csv = new StringBuilder(rows * cols * 12);
        csv.AppendJoin(',', Enumerable.Range(0, cols).Select(j => $"x{j}")).Append(",y\n");
        var row = new float[cols];
        for (var i = 0; i < rows; i++)
        {
            var y = intercept + noise * Gaussian(random);
            for (var j = 0; j < cols; j++)
            {
                row[j] = (float)(Gaussian(random) * (1 + j / 10.0) + j / 5.0);
                y += truth[j] * row[j];
                csv.Append(row[j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(y.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Largest |a_i − b_i| / max(|b|∞, tiny): the relative distance used by the accuracy assertions.</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1e-300, diff = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
        }

        return diff / scale;
    }
}
