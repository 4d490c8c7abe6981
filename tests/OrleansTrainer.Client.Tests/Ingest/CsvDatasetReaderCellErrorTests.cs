using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderCellErrorTests
{
    private const string Header = "age,sex,bmi,y\n1,2,3,4\n";

    [Fact]
    public async Task Unparseable_cell_is_refused_with_its_location_and_text()
    {
        CsvFormatException error = await ReadExpectingErrorAsync(Header + "\n5,6,abc,8\n", skipBlankLines: true);

        AssertLocation(error, line: 4, column: 3, columnName: "bmi");
        Assert.Equal("data.csv: line 4, column 3 (\"bmi\"): cannot parse \"abc\" as a number", error.Message);
    }

    [Theory]
    [InlineData("1,2,3,1,5")]
    [InlineData("0x10")]
    [InlineData("inf")]
    [InlineData("1e")]
    public async Task Text_that_is_not_a_decimal_number_is_refused(string cell)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,\"{cell}\",7,8\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal($"cannot parse \"{cell}\" as a number", error.Reason);
    }

    [Theory]
    [InlineData("5,,7,8")]
    [InlineData("5,   ,7,8")]
    [InlineData("5,\"\",7,8")]
    [InlineData("5,\" \",7,8")]
    public async Task Empty_cell_is_refused(string row)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}{row}\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal("empty cell", error.Reason);
    }

    [Fact]
    public async Task Empty_label_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,6,7,\n");

        AssertLocation(error, line: 3, column: 4, columnName: "y");
        Assert.Equal("empty cell", error.Reason);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("-NaN")]
    [InlineData("Infinity")]
    [InlineData("-infinity")]
    [InlineData("+Infinity")]
    public async Task Not_finite_feature_is_refused(string cell)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,6,{cell},8\n");

        AssertLocation(error, line: 3, column: 3, columnName: "bmi");
        Assert.Equal($"\"{cell}\" is not a finite number", error.Reason);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public async Task Not_finite_label_is_refused(string cell)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,6,7,{cell}\n");

        AssertLocation(error, line: 3, column: 4, columnName: "y");
        Assert.Equal($"\"{cell}\" is not a finite number", error.Reason);
    }

    [Theory]
    [InlineData("3.5e38")]
    [InlineData("-1e39")]
    [InlineData("1e400")]
    public async Task Feature_beyond_float32_is_refused(string cell)
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,{cell},7,8\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal($"\"{cell}\" is out of float32 range", error.Reason);
    }

    [Fact]
    public async Task Largest_float32_is_accepted_and_label_may_exceed_float32()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n3.4028235e38,1e300\n");

        CsvTestRow row = Assert.Single(await ReadAllAsync(reader));

        Assert.Equal(float.MaxValue, row.Features[0]);
        Assert.Equal(1e300, row.Label);
    }

    [Fact]
    public async Task Label_beyond_float64_is_refused()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,6,7,-1e400\n");

        AssertLocation(error, line: 3, column: 4, columnName: "y");
        Assert.Equal("\"-1e400\" is out of float64 range", error.Reason);
    }

    [Fact]
    public async Task The_first_bad_cell_of_a_row_is_reported()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,x,NaN,z\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
    }

    [Fact]
    public async Task Long_cell_text_is_shortened_in_the_message()
    {
        string cell = new('x', 100);

        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,{cell},7,8\n");

        Assert.Equal($"cannot parse \"{new string('x', 40)}…\" as a number", error.Reason);
    }
}
