using System.Globalization;
using OrleansTrainer.Client.Tests.Ingest;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>A bundled sample dataset (samples/datasets) read whole: feature names, rows as float64, labels.</summary>
internal sealed record BundledDataset(string[] FeatureNames, double[][] Rows, double[] Labels)
{
    public static BundledDataset Diabetes { get; } = Load("diabetes.csv");

    public static BundledDataset BreastCancer { get; } = Load("breast_cancer.csv");

    public static BundledDataset Digits { get; } = Load("digits.csv");

    public int Columns => FeatureNames.Length;

    /// <summary>Reads the CSV; the label is its last column.</summary>
    private static BundledDataset Load(string fileName)
    {
        var lines = File.ReadAllLines(RepositoryFile.Find(Path.Combine("samples", "datasets", fileName)));
        var header = lines[0].Split(',');
        var cells = lines.Skip(1).Select(l => l.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return new BundledDataset(header[..^1], [.. cells.Select(r => r[..^1])], [.. cells.Select(r => r[^1])]);
    }
}
