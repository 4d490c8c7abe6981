using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Encoders.EncodedCsv;

namespace OrleansTrainer.Client.Tests.Encoders;

public sealed class CsvDialectTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task Each_delimiter_separates_fields(char delimiter)
    {
        string csv = string.Join('\n', "a,b,y", "1.5, 2 ,3", "4,5,6").Replace(',', delimiter) + "\n";

        var (reader, rows, labels) = await ReadAllAsync(csv, new CsvIngestOptions { LabelColumn = "y", Dialect = new CsvDialect { Delimiter = delimiter } });

        Assert.Equal(["a", "b"], reader.FeatureNames);
        Assert.Equal([[1.5, 2], [4, 5]], rows);
        Assert.Equal([3.0, 6], labels);
    }

    [Theory]
    [InlineData(',', '"')]
    [InlineData(';', '\'')]
    public async Task Quoted_fields_hold_the_delimiter_and_doubled_quotes(char delimiter, char quote)
    {
        string q = quote.ToString();
        string d = delimiter.ToString();
        string csv = $"city{d}x{d}y\n{q}Paris{d} {q}{q}Ville{q}{q}{q}{d}1{d}0\n{q}Lyon{q}{d}2{d}1\n{q}Paris{d} {q}{q}Ville{q}{q}{q}{d}3{d}0\n";

        var (reader, rows, _) = await ReadAllAsync(csv, new CsvIngestOptions
        {
            LabelColumn = "y", CategoricalColumns = ["city"], Dialect = new CsvDialect { Delimiter = delimiter, Quote = quote },
        });

        Assert.Equal([$"city=Paris{d} {q}Ville{q}", "city=Lyon", "x"], reader.FeatureNames);
        Assert.Equal([[1, 0, 1], [0, 1, 2], [1, 0, 3]], rows);
    }

    [Fact]
    public async Task A_file_without_a_header_takes_the_given_names_and_its_first_line_is_data()
    {
        var (reader, rows, labels) = await ReadAllAsync("1,2,3\n4,5,6\n", new CsvIngestOptions { LabelColumn = "c", ColumnNames = ["a", "b", "c"] });
        var empty = await ReadExpectingErrorAsync("", new CsvIngestOptions { LabelColumn = "c", ColumnNames = ["a", "b", "c"] });

        Assert.Equal(["a", "b"], reader.FeatureNames);
        Assert.Equal([[1.0, 2], [4, 5]], rows);
        Assert.Equal([3.0, 6], labels);
        Assert.Equal("data.csv: line 1: no data rows after the header", empty.Message);
    }

    [Fact]
    public async Task Ignored_columns_are_neither_features_nor_read()
    {
        var (reader, rows, _) = await ReadAllAsync("id,name,x,y\n7,Ann,1,0\n8,,2,1\n", new CsvIngestOptions { LabelColumn = "y", IgnoreColumns = ["id", "name"] });
        var label = await ReadExpectingErrorAsync("id,y\n1,2\n", new CsvIngestOptions { LabelColumn = "y", IgnoreColumns = ["y"] });
        var unknown = await ReadExpectingErrorAsync("id,y\n1,2\n", new CsvIngestOptions { LabelColumn = "y", IgnoreColumns = ["idd"] });

        Assert.Equal(["x"], reader.FeatureNames);
        Assert.Equal([[1.0], [2]], rows);
        Assert.Equal("data.csv: line 1, column 2 (\"y\"): the label column cannot be ignored", label.Message);
        Assert.Equal("data.csv: line 1: no ignored column \"idd\"; did you mean \"id\"?; the columns are \"id\", \"y\"", unknown.Message);
    }

    [Fact]
    public async Task A_decimal_comma_is_refused_by_name_with_its_line_and_column()
    {
        var error = await ReadExpectingErrorAsync("a;x;y\n1;2;3\n\n4;3,5;6\n", new CsvIngestOptions { LabelColumn = "y", Dialect = new CsvDialect { Delimiter = ';' }, SkipBlankLines = true });

        Assert.Equal(4, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Equal("data.csv: line 4, column 2 (\"x\"): \"3,5\": decimal commas are not read; use '.'", error.Message);
    }

    [Fact]
    public async Task A_semicolon_file_read_with_commas_names_the_delimiter_and_a_wrong_label_gets_a_suggestion()
    {
        var semicolons = await ReadExpectingErrorAsync("a;b;y\n1;2;3\n", new CsvIngestOptions { LabelColumn = "y" });
        var typo = await ReadExpectingErrorAsync("age,price\n1,2\n", new CsvIngestOptions { LabelColumn = "pric" });

        Assert.Equal("data.csv: line 1: no label column \"y\"; the columns are \"a;b;y\" (one column holding ';': is the file separated by ';'? set the delimiter)",
            semicolons.Message);
        Assert.Equal("data.csv: line 1: no label column \"pric\"; did you mean \"price\"?; the columns are \"age\", \"price\"", typo.Message);
    }

    [Fact]
    public void A_delimiter_outside_the_four_and_a_quote_equal_to_it_are_refused()
    {
        var delimiter = Assert.Throws<ArgumentException>(() => new CsvDialect { Delimiter = ':' }.Validate());
        var quote = Assert.Throws<ArgumentException>(() => new CsvDialect { Delimiter = ';', Quote = ';' }.Validate());

        Assert.Equal("The delimiter must be ',', ';', '\\t' or '|', not ':'.", delimiter.Message);
        Assert.StartsWith("The quote character cannot be ';'", quote.Message, StringComparison.Ordinal);
    }
}
