using System.Globalization;
using System.Text;
using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderFloat64Tests
{
    private const string Header = "age,sex,bmi,y\n1,2,3,4\n";

    [Fact]
    public async Task A_decimal_feature_is_the_nearest_double_not_a_widened_float()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y\n0.1,\" 123456.78901234567 \",0.1\n");

        CsvTestWideRow row = Assert.Single(await ReadAllAsFloat64Async(reader));

        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1), BitConverter.DoubleToInt64Bits(row.Features[0]));
        Assert.NotEqual((double)0.1f, row.Features[0]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(123456.78901234567), BitConverter.DoubleToInt64Bits(row.Features[1]));
        Assert.Equal(0.1, row.Label);
    }

    [Fact]
    public async Task Random_doubles_written_with_R_parse_back_exactly()
    {
        const int rowCount = 2_000;
        const int featureCount = 8;
        var random = new Random(20240612);
        double[,] expected = new double[rowCount, featureCount];
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, featureCount).Select(j => $"x{j}")) + ",y\n");
        for (int i = 0; i < rowCount; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                expected[i, j] = RandomFiniteDouble(random);
                csv.Append(expected[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(i).Append('\n');
        }

        using CsvDatasetReader reader = await OpenAsync(csv.ToString());
        List<CsvTestWideRow> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal(rowCount, rows.Count);
        for (int i = 0; i < rowCount; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i, j]), BitConverter.DoubleToInt64Bits(rows[i].Features[j]));
            }

            Assert.Equal(i, rows[i].Label);
        }
    }

    [Theory]
    [InlineData("1e39", 1e39)]
    [InlineData("-3.5e38", -3.5e38)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("4.9e-324", double.Epsilon)]
    public async Task A_feature_beyond_float32_is_accepted_as_float64(string cell, double value)
    {
        using CsvDatasetReader reader = await OpenAsync($"a,y\n{cell},1\n");

        CsvTestWideRow row = Assert.Single(await ReadAllAsFloat64Async(reader));

        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(row.Features[0]));
    }

    [Fact]
    public async Task The_same_feature_beyond_float32_is_refused_as_float32()
    {
        CsvFormatException error = await ReadExpectingErrorAsync($"{Header}5,1e39,7,8\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal("\"1e39\" is out of float32 range", error.Reason);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1.8e308")]
    public async Task A_feature_beyond_float64_is_refused_with_its_location(string cell)
    {
        CsvFormatException error = await ReadAsFloat64ExpectingErrorAsync($"{Header}5,{cell},7,8\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal($"data.csv: line 3, column 2 (\"sex\"): \"{cell}\" is out of float64 range", error.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("+infinity")]
    public async Task A_not_finite_feature_is_refused_with_its_location(string cell)
    {
        CsvFormatException error = await ReadAsFloat64ExpectingErrorAsync($"{Header}\n5,6,{cell},8\n", skipBlankLines: true);

        AssertLocation(error, line: 4, column: 3, columnName: "bmi");
        Assert.Equal($"\"{cell}\" is not a finite number", error.Reason);
    }

    [Theory]
    [InlineData("5,abc,7,8", "cannot parse \"abc\" as a number")]
    [InlineData("5,\"\",7,8", "empty cell")]
    [InlineData("5,0x10,7,8", "cannot parse \"0x10\" as a number")]
    public async Task A_bad_feature_cell_is_refused_with_its_location(string row, string reason)
    {
        CsvFormatException error = await ReadAsFloat64ExpectingErrorAsync($"{Header}{row}\n");

        AssertLocation(error, line: 3, column: 2, columnName: "sex");
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public async Task Labels_weights_and_field_counts_are_checked_as_in_float32()
    {
        CsvFormatException label = await ReadAsFloat64ExpectingErrorAsync($"{Header}5,6,7,-1e400\n");
        CsvFormatException weight = await ReadAsFloat64ExpectingErrorAsync("a,w,y\n1,-0.5,2\n", weightColumn: "w");
        CsvFormatException fields = await ReadAsFloat64ExpectingErrorAsync($"{Header}5,6\n");

        AssertLocation(label, line: 3, column: 4, columnName: "y");
        Assert.Equal("\"-1e400\" is out of float64 range", label.Reason);
        AssertLocation(weight, line: 2, column: 2, columnName: "w");
        Assert.Equal("weight must be a finite number >= 0, not -0.5", weight.Reason);
        AssertLocation(fields, line: 3, column: 3, columnName: "bmi");
        Assert.Equal("expected 4 fields, found 2", fields.Reason);
    }

    [Fact]
    public async Task Labels_weights_and_counters_follow_the_rows_as_in_float32()
    {
        using CsvDatasetReader reader = await OpenSkippingBlankLinesAsync("a,w,y,b\n1,0.1,2,3\n\n4,1e-300,5,6\n", weightColumn: "w");

        List<CsvTestWideRow> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal([[1.0, 3.0], [4.0, 6.0]], rows.Select(row => row.Features));
        Assert.Equal([2.0, 5.0], rows.Select(row => row.Label));
        Assert.Equal([0.1, 1e-300], rows.Select(row => row.Weight));
        Assert.Equal([2L, 4L], rows.Select(row => row.Line));
        Assert.Equal((2L, 4L), (reader.RowsRead, reader.LinesRead));
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Rows_are_the_same_wherever_a_buffer_boundary_falls()
    {
        const string row = "  \"0.1\" , -2e-3,\"1e39\"\r\n\n4,\"5\n\",6\n";
        string rows = string.Concat(Enumerable.Repeat(row, 3_000));
        using CsvDatasetReader reference = await OpenSkippingBlankLinesAsync("a,b,y\n" + rows);
        List<CsvTestWideRow> expected = await ReadAllAsFloat64Async(reference);

        for (int shift = 0; shift < row.Length; shift += 3)
        {
            string csv = "a,b,y" + new string(' ', shift) + "\n" + rows;
            using CsvDatasetReader reader = await CsvDatasetReader.OpenAsync(new ChunkedTextReader(csv, chunkLength: 4096 + shift), SourceName,
                new CsvIngestOptions { LabelColumn = "y", SkipBlankLines = true }, CancellationToken.None);
            List<CsvTestWideRow> actual = await ReadAllAsFloat64Async(reader);

            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected.Zip(actual), pair =>
            {
                Assert.Equal(pair.First.Features, pair.Second.Features);
                Assert.Equal(pair.First.Label, pair.Second.Label);
                Assert.Equal(pair.First.Line, pair.Second.Line);
            });
        }

        Assert.Equal([0.1, -2e-3], expected[0].Features);
        Assert.Equal(1e39, expected[0].Label);
    }

    [Fact]
    public async Task Reading_buffered_rows_allocates_nothing()
    {
        string rows = string.Concat(Enumerable.Repeat("0.1, \"-1.5e300\",7,2.5,\t11\r\n\n", 1_000));
        using CsvDatasetReader reader = await OpenSkippingBlankLinesAsync("a,b,y,w,d\n" + rows, weightColumn: "w");
        var features = new double[3];
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.Equal(0, await SteadyStateAllocation.LeastBytesPerRunAsync(999, () => reader.ReadRowAsync(features, CancellationToken.None)));
        Assert.Equal([0.1, -1.5e300, 11.0], features);
        Assert.Equal((7.0, 2.5), (reader.CurrentLabel, reader.CurrentWeight));
    }

    [Fact]
    public async Task A_feature_buffer_of_the_wrong_length_is_refused()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y\n1,2,3\n");

        await Assert.ThrowsAsync<ArgumentException>(async () => await reader.ReadRowAsync(new double[1], CancellationToken.None));
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n1,2\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadRowAsync(new double[1], new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task The_interface_reads_float64_rows_and_either_overload_takes_the_next_row()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n0.1,1\n0.1,2\n0.1,3\n");
        IRowReader rows = reader;
        var wide = new double[1];
        var narrow = new float[1];

        Assert.True(await rows.ReadRowAsync(wide, CancellationToken.None));
        Assert.Equal((0.1, 1.0, 1L), (wide[0], rows.CurrentLabel, rows.RowsRead));
        Assert.True(await rows.ReadRowAsync(narrow, CancellationToken.None));
        Assert.Equal((0.1f, 2.0, 2L), (narrow[0], rows.CurrentLabel, rows.RowsRead));
        Assert.True(await rows.ReadRowAsync(wide, CancellationToken.None));
        Assert.Equal((0.1, 3.0, 3L), (wide[0], rows.CurrentLabel, rows.RowsRead));
        Assert.False(await rows.ReadRowAsync(wide, CancellationToken.None));
    }

    private static double RandomFiniteDouble(Random random)
    {
        while (true)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63));
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }
}
