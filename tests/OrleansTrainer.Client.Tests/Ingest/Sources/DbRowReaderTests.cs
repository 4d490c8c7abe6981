using Microsoft.Data.Sqlite;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

/// <summary>The ADO.NET source against a real embedded database (SQLite, in memory).</summary>
public sealed class DbRowReaderTests : IDisposable
{
    private readonly SqliteConnection _db = new("Data Source=:memory:");

    public DbRowReaderTests()
    {
        _db.Open();
        Execute("CREATE TABLE t (id INTEGER, age INTEGER, bmi REAL, smoker BOOLEAN, note TEXT, y REAL, w REAL)");
        Execute("INSERT INTO t VALUES (1, 40, 22.5, 1, 'a', 3.25, 2), (2, 51, 31.0, 0, 'b', -1.5, 0.5)");
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Integer_real_and_boolean_columns_are_read_by_name_in_the_order_asked()
    {
        await using var reader = await OpenAsync("SELECT * FROM t", new() { LabelColumn = "y", WeightColumn = "w", FeatureColumns = ["bmi", "age", "smoker"] });
        var features = new double[3];

        Assert.Equal(["bmi", "age", "smoker"], reader.FeatureNames);
        Assert.Equal(("y", "w"), (reader.LabelName, reader.WeightName));
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal([22.5, 40, 1], features);
        Assert.Equal((3.25, 2.0), (reader.CurrentLabel, reader.CurrentWeight));
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal([31.0, 51, 0], features);
        Assert.Equal((-1.5, 0.5), (reader.CurrentLabel, reader.CurrentWeight));
        Assert.False(await reader.ReadRowAsync(features, CancellationToken.None));
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Without_feature_columns_every_column_but_the_label_and_the_weight_is_a_feature()
    {
        await using var reader = await OpenAsync("SELECT age, bmi, y FROM t", new() { LabelColumn = "y" });

        Assert.Equal(["age", "bmi"], reader.FeatureNames);
        Assert.Null(reader.WeightName);
    }

    [Fact]
    public async Task A_null_is_refused_naming_the_query_the_row_and_the_column()
    {
        Execute("UPDATE t SET bmi = NULL WHERE id = 2");
        await using var reader = await OpenAsync("SELECT age, bmi, y FROM t ORDER BY id", new() { LabelColumn = "y" });
        var features = new float[2];
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.Equal("test query: row 2, column \"bmi\": NULL; missing values are refused: choose a missing-value policy (otrain: --missing mean or constant:VALUE)", error.Message);
        Assert.Equal((2L, "bmi"), (error.Row, error.ColumnName));
    }

    [Fact]
    public async Task Nulls_take_the_constant_with_an_indicator_and_a_hashed_text_column_hashes_its_categories_and_nulls()
    {
        Execute("INSERT INTO t VALUES (3, NULL, NULL, 1, NULL, 7, 1)");
        await using var reader = await OpenAsync("SELECT age, bmi, note, y FROM t ORDER BY id", new()
        {
            LabelColumn = "y", HashedColumns = new Dictionary<string, int> { ["note"] = 1 }, HashSeed = 3,
            Missing = MissingValuePolicy.Constant, MissingConstant = -1, MissingIndicator = true,
        });
        var features = new double[6];
        var rows = new List<double[]>();
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add([.. features]);
        }

        Assert.Equal(["age", "age=<missing>", "bmi", "bmi=<missing>", "note#h0", "note#h1"], reader.FeatureNames);
        Assert.Equal([[40, 0, 22.5, 0], [51, 0, 31.0, 0], [-1, 1, -1, 1]], rows.Select(r => r[..4]));
        string[] notes = ["a", "b", ColumnEncoding.MissingCategory];
        for (var i = 0; i < notes.Length; i++)
        {
            var (index, sign) = new FeatureHasher(1, 3).Hash("note", notes[i]);
            Assert.Equal(sign, rows[i][4 + index]);
            Assert.Equal(0, rows[i][5 - index]);
        }

        Assert.Equal(ColumnEncodingKind.Hashed, reader.Encoding.Columns[2].Kind);
    }

    [Fact]
    public async Task Mean_imputation_and_one_hot_columns_need_a_first_pass_and_are_refused_for_a_query()
    {
        var mean = await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync("SELECT age, y FROM t", new() { LabelColumn = "y", Missing = MissingValuePolicy.Mean }));
        var oneHot = await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync("SELECT note, y FROM t", new() { LabelColumn = "y", CategoricalColumns = ["note"] }));

        Assert.StartsWith("One-hot (categorical) columns and mean imputation need a first pass over the rows, and a query's result is read once", mean.Message);
        Assert.Equal(mean.Message, oneHot.Message);
    }

    [Fact]
    public async Task A_null_label_is_never_imputed_and_ignored_columns_are_left_out()
    {
        Execute("UPDATE t SET y = NULL WHERE id = 2");
        await using var reader = await OpenAsync("SELECT * FROM t ORDER BY id", new()
        {
            LabelColumn = "y", WeightColumn = "w", IgnoreColumns = ["id", "note"], Missing = MissingValuePolicy.Constant,
        });
        Assert.True(await reader.ReadRowAsync(new double[3], CancellationToken.None));

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(new double[3], CancellationToken.None));

        Assert.Equal(["age", "bmi", "smoker"], reader.FeatureNames);
        Assert.Equal("test query: row 2, column \"y\": NULL; a label is never imputed", error.Message);
    }

    [Fact]
    public async Task A_text_column_is_refused_naming_the_column_and_its_sql_type()
    {
        await using var reader = await OpenAsync("SELECT age, note, y FROM t", new() { LabelColumn = "y" });

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(new double[2], CancellationToken.None));

        Assert.Equal("test query: row 1, column \"note\": SQL type TEXT (String) is not numeric or boolean", error.Message);
    }

    [Fact]
    public async Task A_negative_weight_and_a_missing_column_are_refused()
    {
        Execute("UPDATE t SET w = -1 WHERE id = 1");
        await using var reader = await OpenAsync("SELECT age, y, w FROM t ORDER BY id", new() { LabelColumn = "y", WeightColumn = "w" });

        var weight = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(new double[1], CancellationToken.None));
        var missing = await Assert.ThrowsAsync<DataSourceException>(() => OpenAsync("SELECT age, y FROM t", new() { LabelColumn = "label" }));

        Assert.Equal("test query: row 1, column \"w\": weight must be a finite number >= 0, not -1", weight.Message);
        Assert.Equal("test query: column \"label\": no label column of that name; the columns are age, y", missing.Message);
    }

    [Fact]
    public async Task An_empty_result_is_refused_after_the_last_row()
    {
        await using var reader = await OpenAsync("SELECT age, y FROM t WHERE id > 9", new() { LabelColumn = "y" });

        Assert.False(await reader.ReadRowAsync(new double[1], CancellationToken.None));
        Assert.Equal("test query: the query returned no rows", Assert.Throws<DataSourceException>(reader.EnsureHasRows).Message);
    }

    private async Task<DbRowReader> OpenAsync(string query, TableIngestOptions options)
    {
        var command = _db.CreateCommand();
        command.CommandText = query;
        return DbRowReader.Open(await command.ExecuteReaderAsync(), "test query", options, ownsReader: true);
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
