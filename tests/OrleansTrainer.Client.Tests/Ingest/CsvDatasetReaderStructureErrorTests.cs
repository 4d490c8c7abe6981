using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderStructureErrorTests
{
    private const string Header = "age,sex,bmi,y\n1,2,3,4\n";

    [Fact]
    public async Task Row_with_too_few_fields_is_refused_at_the_first_missing_field()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,6\n");

        AssertLocation(error, line: 3, column: 3, columnName: "bmi");
        Assert.Equal("data.csv: line 3, column 3 (\"bmi\"): expected 4 fields, found 2", error.Message);
    }

    [Fact]
    public async Task Row_with_too_many_fields_is_refused_at_the_first_extra_field()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,6,7,8,9,10\r\n");

        AssertLocation(error, line: 3, column: 5, columnName: null);
        Assert.Equal("data.csv: line 3, column 5: expected 4 fields, found 6", error.Message);
    }

    [Fact]
    public async Task Wrong_field_count_is_reported_before_a_bad_cell_of_the_same_row()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,abc,7\n");

        AssertLocation(error, line: 3, column: 4, columnName: "y");
        Assert.Equal("expected 4 fields, found 3", error.Reason);
    }

    [Fact]
    public async Task Unterminated_quote_is_refused_on_the_line_where_it_opens()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,6,\"7,8\n9,10,11,12\n");

        AssertLocation(error, line: 3, column: 3, columnName: "bmi");
        Assert.Equal("unterminated quoted field: the input ends before its closing quote", error.Reason);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,\"6\"x,7,8\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal("unexpected text after the closing quote", error.Reason);
    }

    [Fact]
    public async Task Errors_after_a_quoted_field_that_spans_lines_name_the_right_line()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "5,\"6\n\",7,bad\n");

        AssertLocation(error, line: 4, column: 4, columnName: "y");
    }

    [Theory]
    [InlineData("a,y\n")]
    [InlineData("a,y")]
    [InlineData("a,y\n\n  \n")]
    public async Task Header_without_rows_is_refused_by_EnsureHasRows_on_the_line_after_the_header(string csv)
    {
        CsvFormatException error = await ReadExpectingErrorAsync(csv);

        AssertLocation(error, line: 2, column: null, columnName: null);
        Assert.Equal("data.csv: line 2: no data rows after the header", error.Message);
    }

    [Fact]
    public async Task A_record_longer_than_the_limit_is_refused()
    {
        string csv = "a,y\n1,\"" + new string('9', 1 << 24);

        CsvFormatException error = await ReadExpectingErrorAsync(csv);

        AssertLocation(error, line: 2, column: null, columnName: null);
        Assert.Contains("is a quote left open?", error.Reason, StringComparison.Ordinal);
    }
}
