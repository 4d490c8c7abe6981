using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using ParquetSharp;
using static OrleansTrainer.Client.Tests.Ingest.Sources.ParquetTestFile;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

/// <summary>Parquet string columns as one-hot and hashed categories, on files written by Apache's C++ writer (ParquetSharp).</summary>
public sealed class ParquetCategoricalTests : IDisposable
{
    private readonly string _path = NewPath();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task A_dictionary_encoded_string_column_across_row_groups_is_one_hot_most_frequent_first_ties_by_first_appearance()
    {
        // Over the file: teal 3, red 3 (teal seen first), blue 2, green 1.
        WriteColors(["teal", "red", "blue", "red"], ["green", "teal", "blue", "red", "teal"]);

        Assert.Equal(2, Encodings(_path, 0).Count);
        Assert.All(Encodings(_path, 0), e => Assert.Contains(Encoding.RleDictionary, e));
        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"] });
        var rows = await ReadAllAsync(reader);

        Assert.Equal(["color=teal", "color=red", "color=blue", "color=green", "x"], reader.FeatureNames);
        Assert.Equal(
        [
            [1, 0, 0, 0, 0], [0, 1, 0, 0, 1], [0, 0, 1, 0, 2], [0, 1, 0, 0, 3],
            [0, 0, 0, 1, 4], [1, 0, 0, 0, 5], [0, 0, 1, 0, 6], [0, 1, 0, 0, 7], [1, 0, 0, 0, 8],
        ], rows);
        var color = reader.Encoding.Columns[0];
        Assert.Equal((ColumnEncodingKind.OneHot, false), (color.Kind, color.HasOtherBucket));
        Assert.Equal(ColumnEncodingKind.Numeric, reader.Encoding.Columns[1].Kind);
    }

    [Fact]
    public async Task A_cap_keeps_the_most_frequent_categories_and_the_rest_go_to_the_other_bucket_as_float32()
    {
        WriteColors(["teal", "red", "blue", "red"], ["green", "teal", "blue", "red", "teal"]);
        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"], MaxCategories = 2 });
        var features = new float[4];
        var rows = new List<float[]>();
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add([.. features]);
        }

        Assert.Equal(["color=teal", "color=red", "color=<other>", "x"], reader.FeatureNames);
        Assert.Equal([0, 0, 1, 2], rows[2]);
        Assert.Equal([0, 0, 1, 4], rows[4]);
        Assert.Equal([1, 0, 0, 5], rows[5]);
        Assert.True(reader.Encoding.Columns[0].HasOtherBucket);
    }

    [Fact]
    public async Task A_hashed_string_column_puts_the_hashers_sign_at_the_hashers_index_without_a_first_pass()
    {
        WriteColors(["teal", "red"], ["blue"]);
        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions
        {
            LabelColumn = "y", HashedColumns = new Dictionary<string, int> { ["color"] = 2 }, HashSeed = 5,
        });
        var rows = await ReadAllAsync(reader);

        Assert.Equal(["color#h0", "color#h1", "color#h2", "color#h3", "x"], reader.FeatureNames);
        string[] colors = ["teal", "red", "blue"];
        for (var i = 0; i < colors.Length; i++)
        {
            var (index, sign) = new FeatureHasher(2, 5).Hash("color", colors[i]);
            var expected = new double[5];
            expected[index] = sign;
            expected[4] = i;
            Assert.Equal(expected, rows[i]);
        }
    }

    [Fact]
    public async Task A_string_column_not_named_categorical_and_a_categorical_column_that_is_not_a_string_are_refused_naming_the_file_and_the_column()
    {
        WriteColors(["teal"], ["red"]);
        var file = Path.GetFileName(_path);

        var text = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" }));
        var number = await Assert.ThrowsAsync<DataSourceException>(() =>
            ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", CategoricalColumns = ["color", "x"] }));
        var typo = await Assert.ThrowsAsync<DataSourceException>(() =>
            ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", CategoricalColumns = ["colour"] }));
        var both = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions
        {
            LabelColumn = "y", CategoricalColumns = ["color"], HashedColumns = new Dictionary<string, int> { ["color"] = 3 },
        }));

        Assert.Equal($"{file}: column \"color\": a string column is read only as categories: name it categorical (otrain: --categorical color) or hashed "
            + "(--hash-categorical color:BITS), or leave it out (--ignore color)", text.Message);
        Assert.Equal($"{file}: column \"x\": Parquet type Double is not a string column: only string columns are read as categories", number.Message);
        Assert.Equal($"{file}: column \"colour\": no categorical column of that name; did you mean \"color\"?; the columns are color, x, y", typo.Message);
        Assert.Equal($"{file}: column \"color\": a column cannot be both one-hot (categorical) and hashed", both.Message);
    }

    [Fact]
    public async Task An_ignored_string_column_is_left_out_and_a_list_column_is_refused()
    {
        Write(_path, [new Column<string>("id"), new Column<int[]>("tags"), new Column<double>("x"), new Column<double>("y")],
            g => { Column(g, "a", "b"); Column(g, new[] { 1 }, [2, 3]); Column(g, 1.0, 2); Column(g, 0.0, 1); });

        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", IgnoreColumns = ["id", "tags"] });
        var list = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", IgnoreColumns = ["id"] }));
        var label = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", IgnoreColumns = ["y"] }));

        Assert.Equal(["x"], reader.FeatureNames);
        Assert.Equal([[1.0], [2.0]], await ReadAllAsync(reader));
        Assert.Equal($"{Path.GetFileName(_path)}: column \"tags\": a nested column (List) is not read", list.Message);
        Assert.Equal($"{Path.GetFileName(_path)}: column \"y\": the label or the weight column cannot be ignored", label.Message);
    }

    /// <summary>Writes color (string, dictionary-encoded), x = the row index and y = the row index, one row group per array.</summary>
    private void WriteColors(params string[][] groups)
    {
        var first = 0;
        Write(_path, [new Column<string>("color"), new Column<double>("x"), new Column<double>("y")], [.. groups.Select(colors =>
        {
            var start = first;
            first += colors.Length;
            return (Action<RowGroupWriter>)(g =>
            {
                var index = Enumerable.Range(start, colors.Length).Select(i => (double)i).ToArray();
                Column(g, colors);
                Column(g, index);
                Column(g, index);
            });
        })]);
    }

    private static async Task<List<double[]>> ReadAllAsync(ParquetRowReader reader)
    {
        var rows = new List<double[]>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add([.. features]);
        }

        reader.EnsureHasRows();
        return rows;
    }
}
