using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class BundledDatasetTests
{
    [Fact]
    public async Task Diabetes_has_442_rows_of_ten_raw_features_and_the_progression_label()
    {
        (CsvDatasetReader reader, List<CsvTestRow> rows) = await ReadAsync("diabetes.csv", "progression");
        using (reader)
        {
            Assert.Equal(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], reader.FeatureNames);
            Assert.Equal(442, rows.Count);
            Assert.Equal(443, reader.LinesRead);
            // diabetes_data_raw.csv.gz, first line: "59 2 32.1 101.0 157 93.2 38.0 4.0 4.8598 87"; diabetes_target.csv.gz: 1.51e+02.
            Assert.Equal([59f, 2f, 32.1f, 101f, 157f, 93.2f, 38f, 4f, 4.8598f, 87f], rows[0].Features);
            Assert.Equal(151.0, rows[0].Label);
            Assert.All(rows, row => Assert.InRange(row.Features[1], 1f, 2f));
        }
    }

    [Fact]
    public async Task Breast_cancer_has_569_rows_of_30_features_and_212_malignant()
    {
        (CsvDatasetReader reader, List<CsvTestRow> rows) = await ReadAsync("breast_cancer.csv", "malignant");
        using (reader)
        {
            Assert.Equal(30, reader.FeatureNames.Count);
            Assert.Equal("mean_radius", reader.FeatureNames[0]);
            Assert.Equal("worst_fractal_dimension", reader.FeatureNames[29]);
            Assert.Equal(569, rows.Count);
            Assert.All(rows, row => Assert.True(row.Label is 0.0 or 1.0));
            Assert.Equal(212, rows.Count(row => row.Label == 1.0));
            Assert.Equal(17.99f, rows[0].Features[0]);
            Assert.Equal(1.0, rows[0].Label);
        }
    }

    private static async Task<(CsvDatasetReader Reader, List<CsvTestRow> Rows)> ReadAsync(string fileName, string labelColumn)
    {
        string path = RepositoryFile.Find(Path.Combine("samples", "datasets", fileName));
        CsvDatasetReader reader = await CsvDatasetReader.OpenAsync(File.OpenText(path), fileName, labelColumn, CancellationToken.None);
        List<CsvTestRow> rows = await CsvTestInput.ReadAllAsync(reader);
        reader.EnsureHasRows();
        return (reader, rows);
    }
}
