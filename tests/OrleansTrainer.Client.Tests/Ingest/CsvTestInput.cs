using OrleansTrainer.Client.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>Opens CSV text held in a string and reads it whole, for the reader tests.</summary>
internal static class CsvTestInput
{
    public const string SourceName = "data.csv";

    public static Task<CsvDatasetReader> OpenAsync(string csv, string labelColumn = "y", string? weightColumn = null) =>
        CsvDatasetReader.OpenAsync(new StringReader(csv), SourceName, labelColumn, weightColumn, CancellationToken.None);

    public static async Task<List<CsvTestRow>> ReadAllAsync(CsvDatasetReader reader)
    {
        var rows = new List<CsvTestRow>();
        var features = new float[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add(new CsvTestRow([.. features], reader.CurrentLabel, reader.CurrentLine, reader.CurrentWeight));
        }

        return rows;
    }

    /// <summary>Opens, reads every row and checks for rows, expecting a <see cref="CsvFormatException"/> on the way.</summary>
    public static Task<CsvFormatException> ReadExpectingErrorAsync(string csv, string labelColumn = "y", string? weightColumn = null) =>
        Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            using CsvDatasetReader reader = await OpenAsync(csv, labelColumn, weightColumn);
            await ReadAllAsync(reader);
            reader.EnsureHasRows();
        });

    public static void AssertLocation(CsvFormatException error, long line, int? column, string? columnName)
    {
        Assert.Equal(SourceName, error.SourceName);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(columnName, error.ColumnName);
    }
}
