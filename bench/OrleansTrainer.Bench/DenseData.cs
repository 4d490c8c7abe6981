using OrleansTrainer.Ingest;

namespace OrleansTrainer.Bench;

/// <summary>A dense dataset loaded whole into memory, for the single-process baseline.</summary>
internal sealed record DenseData(float[] Features, double[] Labels, int Columns)
{
    public static async Task<DenseData> LoadAsync(string path)
    {
        using var reader = OtdsRowReader.Open(path);
        var cols = reader.FeatureNames.Count;
        var features = new List<float[]>();
        var labels = new List<double>();
        var row = new float[cols];
        while (await reader.ReadRowAsync(row, CancellationToken.None))
        {
            features.Add([.. row]);
            labels.Add(reader.CurrentLabel);
        }

        var flat = new float[features.Count * cols];
        for (var i = 0; i < features.Count; i++)
        {
            features[i].CopyTo(flat, i * cols);
        }

        return new DenseData(flat, [.. labels], cols);
    }
}
