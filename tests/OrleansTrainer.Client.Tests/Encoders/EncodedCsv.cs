using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Encoders;

/// <summary>Reads CSV text held in a string with ingest options (a first pass included), for the encoding and dialect tests.</summary>
internal static class EncodedCsv
{
    public static Task<CsvDatasetReader> OpenAsync(string csv, CsvIngestOptions options) =>
        CsvDatasetReader.OpenAsync(() => new StringReader(csv), "data.csv", options, CancellationToken.None);

    public static async Task<(CsvDatasetReader Reader, List<double[]> Rows, List<double> Labels)> ReadAllAsync(string csv, CsvIngestOptions options)
    {
        var reader = await OpenAsync(csv, options);
        var rows = new List<double[]>();
        var labels = new List<double>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add([.. features]);
            labels.Add(reader.CurrentLabel);
        }

        reader.EnsureHasRows();
        return (reader, rows, labels);
    }

    public static Task<CsvFormatException> ReadExpectingErrorAsync(string csv, CsvIngestOptions options) =>
        Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync(csv, options));
}
