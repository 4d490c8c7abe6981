using OrleansTrainer.Ingest;

namespace OrleansTrainer.MainJob;

/// <summary>The dataset read into memory with the same reader (and float32 rounding) the cluster ingests with.</summary>
internal sealed record LocalData(double[,] Features, double[] Labels)
{
    public static async Task<LocalData> ReadAsync(string path, string label)
    {
        using var reader = await CsvDatasetReader.OpenAsync(File.OpenText(path), Path.GetFileName(path), label, CancellationToken.None);
        var rows = new List<float[]>();
        var labels = new List<double>();
        var row = new float[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(row, CancellationToken.None))
        {
            rows.Add([.. row]);
            labels.Add(reader.CurrentLabel);
        }

        var features = new double[rows.Count, row.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < row.Length; j++)
            {
                features[i, j] = rows[i][j];
            }
        }

        return new LocalData(features, [.. labels]);
    }
}
