using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderRowTests
{
    [Fact]
    public async Task Crlf_line_ends_are_accepted_after_plain_and_quoted_fields()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y\r\n1,2,3\r\n\"4\",\"5\",\"6\"\r\n7,8,9");

        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([[1f, 2f], [4f, 5f], [7f, 8f]], rows.Select(row => row.Features));
        Assert.Equal([3.0, 6.0, 9.0], rows.Select(row => row.Label));
        Assert.Equal(4, reader.LinesRead);
    }

    [Fact]
    public async Task Blank_lines_between_rows_are_skipped_when_asked_counted_and_kept_in_line_numbers()
    {
        using CsvDatasetReader reader = await OpenSkippingBlankLinesAsync("\na,y\n\n1,2\n   \n\r\n3,4\n\n");

        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([4L, 7L], rows.Select(row => row.Line));
        Assert.Equal(2, reader.RowsRead);
        Assert.Equal(8, reader.LinesRead);
        Assert.Equal(3, reader.SkippedBlankLines);
    }

    [Theory]
    [InlineData("a,y\n1,2\n\n3,4\n", 3)]
    [InlineData("a,y\n\n1,2\n3,4\n", 2)]
    [InlineData("a,y\n1,2\n \t\r\n\n3,4\n", 3)]
    public async Task A_blank_line_between_records_is_refused_with_its_line(string csv, long line)
    {
        CsvFormatException error = await ReadExpectingErrorAsync(csv);

        AssertLocation(error, line, column: null, columnName: null);
        Assert.Contains("blank line between records", error.Message, StringComparison.Ordinal);
        Assert.Contains("--skip-blank-lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_lines_before_the_header_and_after_the_last_row_are_allowed_and_not_counted()
    {
        using CsvDatasetReader reader = await OpenAsync("\n \na,y\n1,2\n3,4\n\n  \r\n\n");

        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([4L, 5L], rows.Select(row => row.Line));
        Assert.Equal(0, reader.SkippedBlankLines);
        reader.EnsureHasRows();
    }

    [Theory]
    [InlineData("a,b,y\n1,2,3\n4,2\0,6\n", 3, 2, "b")]
    [InlineData("a,b,y\n1,2,3\n4,\"2\0\",6\n", 3, 2, "b")]
    [InlineData("a,b,y\n1,2,3\n\0,5,6\n", 3, 1, "a")]
    [InlineData("a,b,y\n1,2,3\n4,5,6\0\n", 3, 3, "y")]
    public async Task A_cell_holding_a_nul_character_is_refused_with_its_line_and_column(string csv, long line, int column, string columnName)
    {
        CsvFormatException error = await ReadExpectingErrorAsync(csv);

        AssertLocation(error, line, column, columnName);
        Assert.Contains("NUL character", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whitespace_around_cells_and_quoted_numbers_are_accepted()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y\n  1.5 ,\t\"-2e-3\"  , \" 7 \"\n");

        CsvTestRow row = Assert.Single(await ReadAllAsync(reader));

        Assert.Equal([1.5f, -2e-3f], row.Features);
        Assert.Equal(7.0, row.Label);
    }

    [Fact]
    public async Task Features_round_to_float32_and_labels_keep_float64()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n0.1,0.1\n");

        CsvTestRow row = Assert.Single(await ReadAllAsync(reader));

        Assert.Equal(0.1f, row.Features[0]);
        Assert.Equal(0.1, row.Label);
    }

    [Fact]
    public async Task Counters_follow_the_rows()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n1,2\n3,4\n");
        var features = new float[1];

        Assert.Equal(1, reader.LinesRead);
        Assert.Equal(0, reader.RowsRead);
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal((2L, 1L, 2L), (reader.LinesRead, reader.RowsRead, reader.CurrentLine));
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.False(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal((3L, 2L, 3L), (reader.LinesRead, reader.RowsRead, reader.CurrentLine));
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Reading_buffered_rows_allocates_nothing()
    {
        string rows = string.Concat(Enumerable.Repeat("0.25, \"-1.5e3\",7,2.5,\t11\r\n\n", 1_000));
        using CsvDatasetReader reader = await OpenSkippingBlankLinesAsync("a,b,y,c,d\n" + rows);
        var features = new float[4];
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.Equal(0, await SteadyStateAllocation.LeastBytesPerRunAsync(999, () => reader.ReadRowAsync(features, CancellationToken.None)));
        Assert.Equal([0.25f, -1500f, 2.5f, 11f], features);
        Assert.Equal(7.0, reader.CurrentLabel);
    }

    [Fact]
    public async Task A_feature_buffer_of_the_wrong_length_is_refused()
    {
        using CsvDatasetReader reader = await OpenAsync("a,b,y\n1,2,3\n");

        await Assert.ThrowsAsync<ArgumentException>(async () => await reader.ReadRowAsync(new float[3], CancellationToken.None));
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y\n1,2\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadRowAsync(new float[1], new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task The_reader_owns_its_text_reader()
    {
        var text = new ChunkedTextReader("a,y\n1,2\n", chunkLength: 3);
        CsvDatasetReader reader = await CsvDatasetReader.OpenAsync(text, SourceName, "y", CancellationToken.None);

        Assert.False(text.IsDisposed);
        reader.Dispose();
        Assert.True(text.IsDisposed);
    }

    [Fact]
    public async Task A_failed_open_disposes_the_text_reader()
    {
        var text = new ChunkedTextReader("a,b\n1,2\n", chunkLength: 3);

        await Assert.ThrowsAsync<CsvFormatException>(() => CsvDatasetReader.OpenAsync(text, SourceName, "y", CancellationToken.None));
        Assert.True(text.IsDisposed);
    }
}
