using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using ParquetSharp;
using static OrleansTrainer.Client.Tests.Ingest.Sources.ParquetTestFile;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

/// <summary>
/// Nulls in nullable Parquet columns through the missing-value policy, on a file written by Apache's C++ writer
/// (ParquetSharp): two row groups, a nullable string column and a nullable double column. Expected rows are written out
/// by hand from the values below.
/// </summary>
public sealed class ParquetMissingValueTests : IDisposable
{
    private const string Refused = "NULL; missing values are refused: choose a missing-value policy (otrain: --missing mean or constant:VALUE)";

    // Row:       1      2     3       4      5        6       7      8
    // color:     red    null  blue    red    green    blue    red    null     → red 3, <missing> 2 (first row 2), blue 2 (row 3), green 1
    // x:         1      null  3       4      null     6       8      2        → mean 24 / 6 = 4
    private readonly string _path = NewPath();

    public ParquetMissingValueTests() =>
        Write(_path, [new Column<string>("color"), new Column<double?>("x"), new Column<double>("y")],
            g => { Column(g, "red", null, "blue", "red"); Column<double?>(g, 1, null, 3, 4); Column(g, 0.0, 1, 2, 3); },
            g => { Column(g, "green", "blue", "red", null); Column<double?>(g, null, 6, 8, 2); Column(g, 4.0, 5, 6, 7); });

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Refused_by_default_a_null_names_the_file_the_row_group_the_row_and_the_column()
    {
        var numeric = await ReadExpectingErrorAsync(new TableIngestOptions { LabelColumn = "y", FeatureColumns = ["x"] });
        var categorical = await ReadExpectingErrorAsync(new TableIngestOptions { LabelColumn = "y", FeatureColumns = ["color"], CategoricalColumns = ["color"] });

        Assert.Equal($"{Path.GetFileName(_path)}: row group 1, row 2, column \"x\": {Refused}", numeric.Message);
        Assert.Equal($"{Path.GetFileName(_path)}: row group 1, row 2, column \"color\": {Refused}", categorical.Message);
    }

    [Fact]
    public async Task Mean_imputation_takes_the_mean_from_a_first_pass_over_every_row_group_with_an_indicator_and_nulls_are_a_category()
    {
        var (names, encoding, rows) = await ReadAllAsync(new TableIngestOptions
        {
            LabelColumn = "y", CategoricalColumns = ["color"], Missing = MissingValuePolicy.Mean, MissingIndicator = true,
        });

        Assert.Equal(["color=red", "color=<missing>", "color=blue", "color=green", "x", "x=<missing>"], names);
        Assert.Equal(
        [
            [1, 0, 0, 0, 1, 0], [0, 1, 0, 0, 4, 1], [0, 0, 1, 0, 3, 0], [1, 0, 0, 0, 4, 0],
            [0, 0, 0, 1, 4, 1], [0, 0, 1, 0, 6, 0], [1, 0, 0, 0, 8, 0], [0, 1, 0, 0, 2, 0],
        ], rows);
        Assert.Equal(4, encoding.Columns[1].Fill);
    }

    [Fact]
    public async Task Constant_imputation_fills_numbers_without_an_indicator_and_a_hashed_null_hashes_the_missing_category()
    {
        var (names, encoding, rows) = await ReadAllAsync(new TableIngestOptions
        {
            LabelColumn = "y", HashedColumns = new Dictionary<string, int> { ["color"] = 1 }, Missing = MissingValuePolicy.Constant, MissingConstant = -1.5,
        });

        Assert.Equal(["color#h0", "color#h1", "x"], names);
        Assert.Equal([1, -1.5, 3, 4, -1.5, 6, 8, 2], rows.Select(r => r[2]));
        var (index, sign) = new FeatureHasher(1, 0).Hash("color", ColumnEncoding.MissingCategory);
        Assert.Equal(sign, rows[1][index]);
        Assert.Equal(0, rows[1][1 - index]);
        Assert.Equal(rows[1][..2], rows[7][..2]);
    }

    [Fact]
    public async Task A_model_encodes_a_raw_row_with_empty_cells_as_the_nulls_were_ingested()
    {
        var (names, encoding, rows) = await ReadAllAsync(new TableIngestOptions
        {
            LabelColumn = "y", CategoricalColumns = ["color"], Missing = MissingValuePolicy.Mean, MissingIndicator = true,
        });
        var model = new LinearModel(ModelKind.LinearRegression, names, [1, 2, 3, 4, 5, 6], [0], encoding: encoding);

        Assert.Equal(rows[1], model.Encode(new Dictionary<string, string> { ["color"] = "", ["x"] = "" }));
        Assert.Equal(rows[4], model.Encode(new Dictionary<string, string> { ["color"] = "green", ["x"] = "" }));
    }

    [Fact]
    public async Task A_mean_imputed_column_of_nulls_only_and_a_null_label_are_refused()
    {
        var nullsOnly = NewPath();
        try
        {
            Write(nullsOnly, [new Column<double?>("x"), new Column<double?>("y")], g => { Column<double?>(g, null, null); Column<double?>(g, 1, null); });
            var noMean = await Assert.ThrowsAsync<DataSourceException>(() =>
                ParquetRowReader.OpenAsync(nullsOnly, new TableIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Mean }));
            await using var reader = await ParquetRowReader.OpenAsync(nullsOnly, new TableIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Constant });
            Assert.True(await reader.ReadRowAsync(new double[1], CancellationToken.None));
            var label = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(new double[1], CancellationToken.None));

            Assert.Equal($"{Path.GetFileName(nullsOnly)}: column \"x\": no number in the column to take the mean of for its missing cells", noMean.Message);
            Assert.Equal($"{Path.GetFileName(nullsOnly)}: row group 1, row 2, column \"y\": NULL; a label is never imputed", label.Message);
        }
        finally
        {
            File.Delete(nullsOnly);
        }
    }

    /// <summary>Reads every row; the labels must be the row indexes 0 to 7, in order.</summary>
    private async Task<(IReadOnlyList<string> FeatureNames, DatasetEncoding Encoding, List<double[]> Rows)> ReadAllAsync(TableIngestOptions options)
    {
        await using var reader = await ParquetRowReader.OpenAsync(_path, options);
        var rows = new List<double[]>();
        var labels = new List<double>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add([.. features]);
            labels.Add(reader.CurrentLabel);
        }

        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7], labels);
        return (reader.FeatureNames, reader.Encoding, rows);
    }

    private async Task<DataSourceException> ReadExpectingErrorAsync(TableIngestOptions options)
    {
        await using var reader = await ParquetRowReader.OpenAsync(_path, options);
        var features = new double[reader.FeatureNames.Count];
        return await Assert.ThrowsAsync<DataSourceException>(async () =>
        {
            while (await reader.ReadRowAsync(features, CancellationToken.None))
            {
            }
        });
    }
}
