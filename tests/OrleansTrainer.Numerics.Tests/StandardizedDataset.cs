using System.Globalization;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>A bundled CSV of samples/datasets with its columns standardized as the trainer does: (x − mean) / scale, population deviation.</summary>
internal sealed record StandardizedDataset(double[,] Features, double[] Labels, double[] Scale)
{
    public int Rows => Labels.Length;

    public int Cols => Scale.Length;

    /// <summary>The trainer's L2 multipliers on solver coordinates, 1 / scale_j^2, which put the penalty on the original-scale weights.</summary>
    public double[] OriginalScaleL2() => Scale.Select(s => 1.0 / (s * s)).ToArray();

    /// <summary>Loads samples/datasets/<paramref name="fileName"/> (header row, label last, plain numbers).</summary>
    public static StandardizedDataset Load(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "samples", "datasets", fileName))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(cell => double.Parse(cell, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        int rows = lines.Length;
        int cols = lines[0].Length - 1;
        var mean = new double[cols];
        var std = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            mean[j] = lines.Average(row => row[j]);
            std[j] = Math.Sqrt(lines.Average(row => (row[j] - mean[j]) * (row[j] - mean[j])));
        }

        var scale = Standardization.SafeScale(std);
        var features = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                features[i, j] = (lines[i][j] - mean[j]) / scale[j];
            }
        }

        return new StandardizedDataset(features, lines.Select(row => row[cols]).ToArray(), scale);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OrleansTrainer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds OrleansTrainer.sln.");
    }
}
