using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderHeaderTests
{
    [Fact]
    public async Task Label_in_the_middle_is_taken_out_of_the_features()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y,c,d\n1,2,3,4,5\n");

        Assert.Equal(["a", "b", "c", "d"], reader.FeatureNames);
        Assert.Equal("y", reader.LabelName);
        Assert.Equal(SourceName, reader.SourceName);
        CsvTestRow row = Assert.Single(await ReadAllAsync(reader));
        Assert.Equal([1f, 2f, 4f, 5f], row.Features);
        Assert.Equal(3.0, row.Label);
    }

    [Fact]
    public async Task Label_first_or_last_works_too()
    {
        using CsvDatasetReader first = await OpenAsync("y,a\n1,2\n");
        using CsvDatasetReader last = await OpenAsync("a,y\n1,2\n");

        CsvTestRow firstRow = Assert.Single(await ReadAllAsync(first));
        CsvTestRow lastRow = Assert.Single(await ReadAllAsync(last));

        Assert.Equal([2f], firstRow.Features);
        Assert.Equal(2.0, lastRow.Label);
    }

    [Fact]
    public async Task Quoted_header_names_keep_commas_escaped_quotes_and_inner_spaces()
    {
        using CsvDatasetReader reader = await OpenAsync("\"a,b\", \"say \"\"hi\"\"\" ,\" padded \",y\n1,2,3,4\n");

        Assert.Equal(["a,b", "say \"hi\"", " padded "], reader.FeatureNames);
    }

    [Fact]
    public async Task Unquoted_header_names_are_trimmed()
    {
        using CsvDatasetReader reader = await OpenAsync("  a ,\tb\t, y \n1,2,3\n");

        Assert.Equal(["a", "b"], reader.FeatureNames);
        Assert.Equal("y", reader.LabelName);
    }

    [Fact]
    public async Task A_quoted_header_name_may_span_lines_and_the_lines_are_counted()
    {
        using CsvDatasetReader reader = await OpenAsync("\"two\nlines\",y\n1,oops\n");

        Assert.Equal(["two\nlines"], reader.FeatureNames);
        Assert.Equal(2, reader.LinesRead);
        CsvFormatException error = await Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync(reader));
        AssertLocation(error, line: 3, column: 2, columnName: "y");
    }

    [Fact]
    public async Task Blank_lines_and_a_byte_order_mark_before_the_header_are_skipped()
    {
        using CsvDatasetReader reader = await OpenAsync("\uFEFF\n  \r\na,y\n1,2\n");

        Assert.Equal(["a"], reader.FeatureNames);
        Assert.Equal(3, reader.LinesRead);
        Assert.Equal(4, Assert.Single(await ReadAllAsync(reader)).Line);
    }

    [Fact]
    public async Task Missing_label_column_is_refused_on_the_header_line_listing_the_columns()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("\nage,bmi,target\n1,2,3\n", labelColumn: "progression");

        AssertLocation(error, line: 2, column: null, columnName: "progression");
        Assert.Equal("data.csv: line 2: no label column \"progression\"; the columns are \"age\", \"bmi\", \"target\"", error.Message);
    }

    [Fact]
    public async Task Label_name_is_matched_exactly()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,Y\n1,2\n");

        AssertLocation(error, line: 1, column: null, columnName: "y");
    }

    [Fact]
    public async Task A_file_whose_lines_end_in_cr_alone_is_refused_saying_so_and_a_quoted_crlf_in_a_name_is_kept()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,b,y\r1,2,3\r4,5,6\r");

        AssertLocation(error, line: 1, column: 3, columnName: null);
        Assert.Equal("data.csv: line 1, column 3: the column name holds a carriage return that ends no line: the file's lines seem to end in CR alone (classic Mac OS); convert them to LF or CRLF", error.Message);
        using var quoted = await CsvTestInput.OpenAsync("a,\"b\r\nx\",y\r\n1,2,3\r\n");
        Assert.Equal(["a", "b\r\nx"], quoted.FeatureNames);
    }

    [Fact]
    public async Task Duplicate_column_names_are_refused_at_the_second_occurrence()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,b,\"a\",y\n1,2,3,4\n");

        AssertLocation(error, line: 1, column: 3, columnName: "a");
        Assert.Equal("data.csv: line 1, column 3 (\"a\"): duplicate column name (also column 1)", error.Message);
    }

    [Fact]
    public async Task Empty_column_name_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a, ,y\n1,2,3\n");

        AssertLocation(error, line: 1, column: 2, columnName: null);
        Assert.Equal("empty column name", error.Reason);
    }

    [Theory]
    [InlineData("y\n1\n2\n", null, 1)]
    [InlineData("\ny,w\n1,2\n", "w", 2)]
    public async Task A_header_with_no_feature_column_is_refused_with_its_file_and_line(string csv, string? weight, long line)
    {
        CsvFormatException error = await ReadExpectingErrorAsync(csv, weightColumn: weight);

        AssertLocation(error, line, column: null, columnName: null);
        Assert.StartsWith($"data.csv: line {line}: no feature column: the columns are only the label", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n  \n")]
    public async Task Input_without_a_header_is_refused(string csv)
    {
        CsvFormatException error = await ReadExpectingErrorAsync(csv);

        AssertLocation(error, line: csv.Count(c => c == '\n') + 1, column: null, columnName: null);
        Assert.Contains("no header row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unterminated_quote_in_the_header_is_refused_where_it_opens()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,\"b,y\n1,2,3\n");

        AssertLocation(error, line: 1, column: 2, columnName: null);
        Assert.Contains("unterminated quoted field", error.Reason, StringComparison.Ordinal);
    }
}
