using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderWeightTests
{
    [Theory]
    [InlineData("w,a,y,b\n0.1,1,2,3\n1e-300,4,5,6\n")]
    [InlineData("a,w,y,b\n1,0.1,2,3\n4,1e-300,5,6\n")]
    [InlineData("a,y,w,b\n1,2,0.1,3\n4,5,1e-300,6\n")]
    [InlineData("a,y,b,w\n1,2,3,0.1\n4,5,6,1e-300\n")]
    public async Task The_weight_column_is_neither_feature_nor_label_wherever_it_is(string csv)
    {
        using CsvDatasetReader reader = await OpenAsync(csv, weightColumn: "w");

        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(["a", "b"], reader.FeatureNames);
        Assert.Equal("y", reader.LabelName);
        Assert.Equal("w", reader.WeightName);
        Assert.Equal([[1f, 3f], [4f, 6f]], rows.Select(row => row.Features));
        Assert.Equal([2.0, 5.0], rows.Select(row => row.Label));
        Assert.Equal([0.1, 1e-300], rows.Select(row => row.Weight));
    }

    [Fact]
    public async Task Weights_are_read_back_exactly_as_float64()
    {
        double[] expected = [0.1, 0, 123456.78901234567, 1e300, double.Epsilon, 2.5];
        string rows = string.Concat(expected.Select(w => $"1,2,{w:R}\n"));
        using CsvDatasetReader reader = await OpenAsync("a,y,\"sample weight\"\n" + rows, weightColumn: "sample weight");

        List<CsvTestRow> read = await ReadAllAsync(reader);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), read.Select(row => BitConverter.DoubleToInt64Bits(row.Weight)));
    }

    [Fact]
    public async Task Whitespace_and_quotes_around_a_weight_are_accepted()
    {
        using CsvDatasetReader reader = await OpenAsync("a,w,y\n1,  \" 0.75 \"\t,2\n", weightColumn: "w");

        Assert.Equal(0.75, Assert.Single(await ReadAllAsync(reader)).Weight);
    }

    [Fact]
    public async Task Without_a_weight_column_every_row_weighs_one_and_a_column_named_w_is_a_feature()
    {
        using CsvDatasetReader reader = await OpenAsync("a,w,y\n1,0.5,2\n3,0,4\n");

        Assert.Null(reader.WeightName);
        Assert.Equal(1.0, reader.CurrentWeight);
        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(["a", "w"], reader.FeatureNames);
        Assert.Equal([[1f, 0.5f], [3f, 0f]], rows.Select(row => row.Features));
        Assert.Equal([1.0, 1.0], rows.Select(row => row.Weight));
    }

    [Fact]
    public async Task The_interface_reports_the_weight()
    {
        using CsvDatasetReader reader = await OpenAsync("a,y,w\n1,2,3\n", weightColumn: "w");
        IRowReader rows = reader;

        Assert.True(await rows.ReadRowAsync(new float[1], CancellationToken.None));
        Assert.Equal(("w", 3.0), (rows.WeightName, rows.CurrentWeight));
    }

    [Fact]
    public async Task Reading_weighted_buffered_rows_allocates_nothing()
    {
        string rows = string.Concat(Enumerable.Repeat("0.25, \"-1.5e3\",7,2.5,\t11\r\n\n", 1_000));
        using CsvDatasetReader reader = await OpenSkippingBlankLinesAsync("a,b,y,w,d\n" + rows, weightColumn: "w");
        var features = new float[3];
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.Equal(0, await SteadyStateAllocation.LeastBytesPerRunAsync(999, () => reader.ReadRowAsync(features, CancellationToken.None)));
        Assert.Equal([0.25f, -1500f, 11f], features);
        Assert.Equal((7.0, 2.5), (reader.CurrentLabel, reader.CurrentWeight));
    }

    [Fact]
    public async Task An_empty_weight_column_name_is_refused_before_reading()
    {
        var text = new ChunkedTextReader("a,y\n1,2\n", chunkLength: 3);

        await Assert.ThrowsAsync<ArgumentException>(() => CsvDatasetReader.OpenAsync(text, SourceName, "y", "", CancellationToken.None));
    }
}
