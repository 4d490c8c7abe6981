using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Encoders.EncodedCsv;

namespace OrleansTrainer.Client.Tests.Encoders;

public sealed class CategoricalEncodingTests
{
    private const string Colors = "color,x,y\nblue,1,0\nred,2,1\ngreen,3,0\nred,4,1\ngreen,5,0\nteal,6,1\n";

    [Fact]
    public async Task The_vocabulary_is_most_frequent_first_with_ties_by_first_appearance()
    {
        var (reader, rows, _) = await ReadAllAsync(Colors, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"] });

        Assert.Equal(["color=red", "color=green", "color=blue", "color=teal", "x"], reader.FeatureNames);
        Assert.Equal([0, 0, 1, 0, 1], rows[0]);
        Assert.Equal([1, 0, 0, 0, 2], rows[1]);
        Assert.Equal([0, 0, 0, 1, 6], rows[5]);
        var column = reader.Encoding.Columns[0];
        Assert.Equal(ColumnEncodingKind.OneHot, column.Kind);
        Assert.False(column.HasOtherBucket);
    }

    [Fact]
    public async Task A_cap_keeps_the_most_frequent_and_puts_the_rest_in_the_other_bucket()
    {
        var (reader, rows, _) = await ReadAllAsync(Colors, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"], MaxCategories = 2 });

        Assert.Equal(["color=red", "color=green", "color=<other>", "x"], reader.FeatureNames);
        Assert.Equal([0, 0, 1, 1], rows[0]);
        Assert.Equal([0, 0, 1, 6], rows[5]);
        Assert.Equal([1, 0, 0, 4], rows[3]);
    }

    [Fact]
    public async Task A_hashed_column_puts_the_hashers_sign_at_the_hashers_index()
    {
        var (reader, rows, _) = await ReadAllAsync(Colors, new CsvIngestOptions
        {
            LabelColumn = "y", HashedColumns = new Dictionary<string, int> { ["color"] = 3 }, HashSeed = 7,
        });

        Assert.Equal([.. Enumerable.Range(0, 8).Select(i => $"color#h{i}"), "x"], reader.FeatureNames);
        var (index, sign) = new FeatureHasher(3, 7).Hash("color", "red");
        var expected = new double[9];
        expected[index] = sign;
        expected[8] = 2;
        Assert.Equal(expected, rows[1]);
        Assert.Single(rows[1][..8], v => v != 0);
    }

    [Fact]
    public async Task A_missing_category_is_its_own_category_unless_refused()
    {
        const string csv = "color,y\nred,1\n,0\n\"\",1\nblue,0\n";

        var (reader, rows, _) = await ReadAllAsync(csv, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"], Missing = MissingValuePolicy.Constant });
        var refused = await ReadExpectingErrorAsync(csv, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"] });

        Assert.Equal(["color=<missing>", "color=red", "color=blue"], reader.FeatureNames);
        Assert.Equal([1, 0, 0], rows[1]);
        Assert.Equal("data.csv: line 3, column 1 (\"color\"): empty cell", refused.Message);
    }

    [Fact]
    public async Task A_categorical_column_that_is_not_there_is_named_with_a_suggestion()
    {
        var error = await ReadExpectingErrorAsync(Colors, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["colour"] });

        Assert.Equal("data.csv: line 1: no categorical column \"colour\"; did you mean \"color\"?; the columns are \"color\", \"x\", \"y\"", error.Message);
    }

    [Fact]
    public async Task A_model_encodes_raw_rows_as_ingestion_did_and_refuses_an_unseen_category_without_an_other_bucket()
    {
        var (reader, rows, _) = await ReadAllAsync(Colors, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"] });
        var model = new LinearModel(ModelKind.LinearRegression, reader.FeatureNames, [1, 2, 3, 4, 0.5], [0.25], encoding: reader.Encoding);

        var encoded = model.Encode(new Dictionary<string, string> { ["color"] = "green", ["x"] = "5", ["id"] = "ignored" });
        var unseen = Assert.Throws<FormatException>(() => model.Encode(new Dictionary<string, string> { ["color"] = "mauve", ["x"] = "1" }));
        var absent = Assert.Throws<FormatException>(() => model.Encode(new Dictionary<string, string> { ["colr"] = "red", ["x"] = "1" }));

        Assert.Equal(rows[4], encoded);
        Assert.Equal(0.25 + 2 + 2.5, model.Predict(new Dictionary<string, string> { ["color"] = "green", ["x"] = "5" }));
        Assert.Equal("column \"color\": unknown category \"mauve\": not seen in training, and the column has no <other> bucket", unseen.Message);
        Assert.Equal("the row has no column \"color\"; did you mean \"colr\"?", absent.Message);
    }

    [Fact]
    public async Task An_unseen_category_goes_to_the_other_bucket_and_the_encoding_survives_the_model_file()
    {
        var (reader, _, _) = await ReadAllAsync(Colors, new CsvIngestOptions { LabelColumn = "y", CategoricalColumns = ["color"], MaxCategories = 1 });
        var model = new LinearModel(ModelKind.LinearRegression, reader.FeatureNames, [1, 10, 0.5], [0], encoding: reader.Encoding);

        var reloaded = LinearModel.FromJson(model.ToJson());

        Assert.Equal([0, 1, 3], reloaded.Encode(new Dictionary<string, string> { ["color"] = "mauve", ["x"] = "3" }));
        Assert.Equal(reader.Encoding.Columns, reloaded.Encoding!.Columns, new ColumnEncodingComparer());
        Assert.Contains("\"encoding\"", model.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"encoding\"", new LinearModel(ModelKind.LinearRegression, ["a"], [1], [0]).ToJson(), StringComparison.Ordinal);
    }

    /// <summary>Compares encodings by value, the vocabulary included (records compare arrays by reference).</summary>
    private sealed class ColumnEncodingComparer : IEqualityComparer<ColumnEncoding>
    {
        public bool Equals(ColumnEncoding? x, ColumnEncoding? y) =>
            x is not null && y is not null && x.Categories.SequenceEqual(y.Categories) && x with { Categories = [] } == y with { Categories = [] };

        public int GetHashCode(ColumnEncoding obj) => obj.Column.GetHashCode(StringComparison.Ordinal);
    }
}
