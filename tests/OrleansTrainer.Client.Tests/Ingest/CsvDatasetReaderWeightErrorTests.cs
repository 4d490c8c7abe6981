using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderWeightErrorTests
{
    private const string Header = "age,w,bmi,y\n1,2,3,4\n";

    [Fact]
    public async Task Missing_weight_column_is_refused_on_the_header_line_listing_the_columns()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("\nage,bmi,y\n1,2,3\n", weightColumn: "weight");

        AssertLocation(error, line: 2, column: null, columnName: "weight");
        Assert.Equal("data.csv: line 2: no weight column \"weight\"; the columns are \"age\", \"bmi\", \"y\"", error.Message);
    }

    [Fact]
    public async Task Weight_name_is_matched_exactly()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,W,y\n1,2,3\n", weightColumn: "w");

        AssertLocation(error, line: 1, column: null, columnName: "w");
    }

    [Fact]
    public async Task The_label_column_cannot_be_the_weight_column()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,y,b\n1,2,3\n", weightColumn: "y");

        AssertLocation(error, line: 1, column: 2, columnName: "y");
        Assert.Equal("data.csv: line 1, column 2 (\"y\"): the weight column cannot also be the label column", error.Message);
    }

    [Fact]
    public async Task A_missing_label_is_reported_before_the_weight()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,b\n1,2\n", labelColumn: "y", weightColumn: "w");

        AssertLocation(error, line: 1, column: null, columnName: "y");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-1e-300")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public async Task Negative_or_not_finite_weight_is_refused_with_its_location(string cell)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}\n5,{cell},7,8\n", weightColumn: "w", skipBlankLines: true);

        AssertLocation(error, line: 4, column: 2, columnName: "w");
        Assert.Equal($"data.csv: line 4, column 2 (\"w\"): weight must be a finite number >= 0, not {cell}", error.Message);
    }

    [Fact]
    public async Task Empty_weight_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5, ,7,8\n", weightColumn: "w");

        AssertLocation(error, line: 3, column: 2, columnName: "w");
        Assert.Equal("empty cell", error.Reason);
    }

    [Fact]
    public async Task Unparseable_weight_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,heavy,7,8\n", weightColumn: "w");

        AssertLocation(error, line: 3, column: 2, columnName: "w");
        Assert.Equal("cannot parse \"heavy\" as a number", error.Reason);
    }

    [Fact]
    public async Task A_weight_on_a_later_line_of_a_multiline_record_is_located_there()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,y,w\n\"1\n\",2,-3\n", weightColumn: "w");

        AssertLocation(error, line: 3, column: 3, columnName: "w");
    }

    [Fact]
    public async Task The_first_bad_cell_of_a_row_is_reported_whether_weight_or_not()
    {
        CsvFormatException weightFirst = await ReadExpectingErrorAsync($"{Header}5,-1,x,8\n", weightColumn: "w");
        CsvFormatException featureFirst = await ReadExpectingErrorAsync($"{Header}x,-1,7,8\n", weightColumn: "w");

        AssertLocation(weightFirst, line: 3, column: 2, columnName: "w");
        AssertLocation(featureFirst, line: 3, column: 1, columnName: "age");
    }

    [Fact]
    public async Task A_row_missing_its_weight_field_is_refused_as_short()
    {
        CsvFormatException error = await ReadExpectingErrorAsync("a,y,w\n1,2\n", weightColumn: "w");

        AssertLocation(error, line: 2, column: 3, columnName: "w");
        Assert.Equal("expected 3 fields, found 2", error.Reason);
    }
}
