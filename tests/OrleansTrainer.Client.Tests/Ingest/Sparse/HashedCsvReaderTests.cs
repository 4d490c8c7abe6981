using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.Sparse.SparseTestRows;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

public sealed class HashedCsvReaderTests
{
    private const string SourceName = "data.csv";

    [Fact]
    public async Task Columns_become_hashed_features_and_empty_cells_are_absent()
    {
        const string csv = "y,w,country,age,price,device\n1,2,FR,30,,mobile\n\n0,0.5,,1.5,2,\n";
        var options = new HashedCsvOptions { LabelColumn = "y", WeightColumn = "w", NumericColumns = ["age", "price"], SkipBlankLines = true };
        using HashedCsvReader reader = await OpenAsync(new StringReader(csv), options);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        // Golden hashes at 20 bits, seed 0 (see FeatureHasherTests): country=FR (235844, -1), age (323729, +1),
        // price (33904, +1), device=mobile (918273, +1).
        Assert.Equal(
            [Row(1, (235844, -1), (323729, 30), (918273, 1)) with { Weight = 2 }, Row(0, (33904, 2), (323729, 1.5f)) with { Weight = 0.5 }],
            rows);
        Assert.Equal(1 << 20, reader.Dimension);
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Colliding_entries_are_summed_and_cancelling_ones_dropped()
    {
        var hasher = new FeatureHasher(1, 0);
        string[] names = [.. Enumerable.Range(0, 64).Select(i => $"n{i}")];
        string same = names.Skip(1).First(n => hasher.Hash(n) == hasher.Hash(names[0]));
        string opposite = names.First(n => hasher.Hash(n).Index == hasher.Hash(names[0]).Index && hasher.Hash(n).Sign != hasher.Hash(names[0]).Sign);
        var options = new HashedCsvOptions { LabelColumn = "y", NumericColumns = [names[0], same, opposite], Bits = 1 };
        string csv = $"y,{names[0]},{same},{opposite}\n1,3,4,0\n2,3,0,3\n3,3,4,7\n";
        using HashedCsvReader reader = await OpenAsync(new StringReader(csv), options);
        (int index, float sign) = hasher.Hash(names[0]);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([Row(1, (index, 7 * sign)), Row(2), Row(3)], rows);
    }

    [Fact]
    public async Task Categorical_collisions_sum_their_signs_in_sorted_order()
    {
        const string csv = "a,b,c,d,e,y\nred,blue,green,\"say \"\"hi\"\"\",x,1\n";
        var options = new HashedCsvOptions { LabelColumn = "y", Bits = 2, Seed = 5 };
        using HashedCsvReader reader = await OpenAsync(new StringReader(csv), options);
        var hasher = new FeatureHasher(2, 5);
        var expected = new SortedDictionary<int, float>();
        foreach ((string column, string value) in new[] { ("a", "red"), ("b", "blue"), ("c", "green"), ("d", "say \"hi\""), ("e", "x") })
        {
            (int index, float sign) = hasher.Hash(column, value);
            expected[index] = expected.GetValueOrDefault(index) + sign;
        }

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([Row(1, [.. expected.Where(e => e.Value != 0).Select(e => (e.Key, e.Value))])], rows);
    }

    [Fact]
    public async Task Rows_read_the_same_from_a_stream_that_arrives_in_pieces()
    {
        string csv = "y,c,n\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},\"v{i % 7}\",{i * 0.25}\n"));
        var options = new HashedCsvOptions { LabelColumn = "y", NumericColumns = ["n"], Bits = 8 };
        using HashedCsvReader whole = await OpenAsync(new StringReader(csv), options);
        using HashedCsvReader pieces = await OpenAsync(new ChunkedTextReader(csv, 3), options);

        Assert.Equal(await ReadAllAsync(whole), await ReadAllAsync(pieces));
    }

    [Theory]
    [InlineData("y,age,c\n1,2,x\n1,abc,x\n", 3, 2, "age", "cannot parse \"abc\" as a number")]
    [InlineData("y,age,c\n1,NaN,x\n", 2, 2, "age", "\"NaN\" is not a finite number")]
    [InlineData("y,age,c\n1,1e39,x\n", 2, 2, "age", "\"1e39\" is out of float32 range")]
    [InlineData("y,age,c\n,1,x\n", 2, 1, "y", "empty cell")]
    [InlineData("y,age,c\n1,1\n", 2, 3, "c", "expected 3 fields, found 2")]
    [InlineData("y,age,c\n1,1,x,4\n", 2, 4, null, "expected 3 fields, found 4")]
    [InlineData("y,age,c\n1,1,\"x\"z\n", 2, 3, "c", "unexpected text after the closing quote")]
    public async Task Bad_cells_are_refused_with_line_and_column(string csv, long line, int column, string? columnName, string reason)
    {
        var options = new HashedCsvOptions { LabelColumn = "y", NumericColumns = ["age"] };

        CsvFormatException error = await Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            using HashedCsvReader reader = await OpenAsync(new StringReader(csv), options);
            await ReadAllAsync(reader);
        });

        Assert.Equal((SourceName, line, column, columnName, reason), (error.SourceName, error.Line, error.Column, error.ColumnName, error.Reason));
    }

    [Fact]
    public async Task Weights_must_be_finite_and_not_negative()
    {
        var options = new HashedCsvOptions { LabelColumn = "y", WeightColumn = "w" };

        CsvFormatException error = await Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            using HashedCsvReader reader = await OpenAsync(new StringReader("c,w,y\nx,-1,0\n"), options);
            await ReadAllAsync(reader);
        });

        Assert.Equal((2L, 2), (error.Line, error.Column));
        Assert.Contains("weight must be a finite number >= 0", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("age", null, "no numeric column \"age\" in the header")]
    [InlineData("y", 2, "the label or weight column cannot also be a numeric feature")]
    public async Task Numeric_columns_must_be_features_of_the_header(string numeric, int? column, string reason)
    {
        var options = new HashedCsvOptions { LabelColumn = "y", NumericColumns = [numeric] };

        CsvFormatException error = await Assert.ThrowsAsync<CsvFormatException>(() => OpenAsync(new StringReader("c,y\nx,1\n"), options));

        Assert.Equal((1L, column, numeric, reason), (error.Line, error.Column, error.ColumnName, error.Reason));
    }

    [Fact]
    public async Task A_header_without_rows_is_refused_after_the_end()
    {
        using HashedCsvReader reader = await OpenAsync(new StringReader("c,y\n\n"), new HashedCsvOptions { LabelColumn = "y" });
        await ReadAllAsync(reader);

        CsvFormatException error = Assert.Throws<CsvFormatException>(reader.EnsureHasRows);

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task A_file_opens_by_path_and_is_named_by_its_file_name()
    {
        string directory = Directory.CreateTempSubdirectory("hashedcsv").FullName;
        try
        {
            string path = Path.Combine(directory, "clicks.csv");
            await File.WriteAllTextAsync(path, "y,n\n1,x\n");
            using HashedCsvReader reader = await HashedCsvReader.OpenAsync(path, new HashedCsvOptions { LabelColumn = "y", NumericColumns = ["n"] });

            CsvFormatException error = await Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync(reader));

            Assert.Equal("clicks.csv: line 2, column 2 (\"n\"): cannot parse \"x\" as a number", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_options_are_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => OpenAsync(new StringReader("y\n"), new HashedCsvOptions()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => OpenAsync(new StringReader("y\n"), new HashedCsvOptions { LabelColumn = "y", Bits = 31 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => OpenAsync(new StringReader("y\n"), new HashedCsvOptions { LabelColumn = "y", WeightColumn = "" }));
    }

    private static Task<HashedCsvReader> OpenAsync(TextReader text, HashedCsvOptions options) =>
        HashedCsvReader.OpenAsync(text, SourceName, options, CancellationToken.None);
}
