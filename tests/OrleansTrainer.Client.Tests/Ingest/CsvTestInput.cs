using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>Opens CSV text held in a string and reads it whole, for the reader tests.</summary>
internal static class CsvTestInput
{
    public const string SourceName = "data.csv";

    public static Task<CsvDatasetReader> OpenAsync(string csv, string labelColumn = "y", string? weightColumn = null) =>
        CsvDatasetReader.OpenAsync(new StringReader(csv), SourceName, labelColumn, weightColumn, CancellationToken.None);

    /// <summary>Opens CSV text whose blank lines between rows are skipped (<see cref="CsvIngestOptions.SkipBlankLines"/>).</summary>
    public static Task<CsvDatasetReader> OpenSkippingBlankLinesAsync(string csv, string labelColumn = "y", string? weightColumn = null) =>
        CsvDatasetReader.OpenAsync(new StringReader(csv), SourceName,
            new CsvIngestOptions { LabelColumn = labelColumn, WeightColumn = weightColumn, SkipBlankLines = true }, CancellationToken.None);

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

    /// <summary>Reads every row with the float64 <c>ReadRowAsync</c>.</summary>
    public static async Task<List<CsvTestWideRow>> ReadAllAsFloat64Async(CsvDatasetReader reader)
    {
        var rows = new List<CsvTestWideRow>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add(new CsvTestWideRow([.. features], reader.CurrentLabel, reader.CurrentLine, reader.CurrentWeight));
        }

        return rows;
    }

    /// <summary>Opens, reads every row as float64 and checks for rows, expecting a <see cref="CsvFormatException"/> on the way.</summary>
    public static Task<CsvFormatException> ReadAsFloat64ExpectingErrorAsync(string csv, string labelColumn = "y", string? weightColumn = null, bool skipBlankLines = false) =>
        Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            using CsvDatasetReader reader = skipBlankLines ? await OpenSkippingBlankLinesAsync(csv, labelColumn, weightColumn) : await OpenAsync(csv, labelColumn, weightColumn);
            await ReadAllAsFloat64Async(reader);
            reader.EnsureHasRows();
        });

    /// <summary>Opens, reads every row and checks for rows, expecting a <see cref="CsvFormatException"/> on the way.</summary>
    public static Task<CsvFormatException> ReadExpectingErrorAsync(string csv, string labelColumn = "y", string? weightColumn = null, bool skipBlankLines = false) =>
        Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            using CsvDatasetReader reader = skipBlankLines ? await OpenSkippingBlankLinesAsync(csv, labelColumn, weightColumn) : await OpenAsync(csv, labelColumn, weightColumn);
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
