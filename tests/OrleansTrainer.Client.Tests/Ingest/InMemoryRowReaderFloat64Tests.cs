using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class InMemoryRowReaderFloat64Tests
{
    private static readonly string[] FeatureNames = ["a", "b"];
    private static readonly double[] Labels = [0.5, -1, 2];

    [Fact]
    public async Task Float64_features_are_read_back_exactly_with_labels_and_weights()
    {
        double[] features = [0.1, 1e39, double.Epsilon, -123456.78901234567, double.MaxValue, -0.0];
        double[] weights = [0.1, 0, 1e300];
        var reader = new InMemoryRowReader(FeatureNames, "y", features, Labels, weights, "w");

        List<(double[] Features, double Label, double Weight)> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal(features.Select(BitConverter.DoubleToInt64Bits), rows.SelectMany(row => row.Features).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Labels, rows.Select(row => row.Label));
        Assert.Equal(weights, rows.Select(row => row.Weight));
        Assert.Equal(3, reader.RowsRead);
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Float32_features_widen_exactly_when_read_as_float64()
    {
        float[] features = [0.1f, float.MaxValue, float.Epsilon, -3.3f, 7, -0f];
        var reader = new InMemoryRowReader(FeatureNames, "y", features, Labels);

        List<(double[] Features, double Label, double Weight)> rows = await ReadAllAsFloat64Async(reader);

        Assert.Equal(features.Select(f => BitConverter.DoubleToInt64Bits(f)), rows.SelectMany(row => row.Features).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal((double)0.1f, rows[0].Features[0]);
        Assert.Equal([1.0, 1.0, 1.0], rows.Select(row => row.Weight));
    }

    [Fact]
    public async Task Float64_features_round_to_float32_for_the_float32_reader()
    {
        double[] features = [0.1, 3.4028235e38, 1e-50, 16777217, 2, 3];
        var reader = new InMemoryRowReader(FeatureNames, "y", features, Labels);
        var row = new float[2];

        Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));
        Assert.Equal([0.1f, float.MaxValue], row);
        Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));
        Assert.Equal([0f, 16777216f], row);
        Assert.Equal((-1.0, 2L), (reader.CurrentLabel, reader.RowsRead));
    }

    [Fact]
    public async Task A_float64_feature_beyond_float32_fails_the_float32_reader_naming_its_row_and_column()
    {
        var reader = new InMemoryRowReader(FeatureNames, "y", new[] { 1, 2, 3, -1e39, 5, 6 }, Labels);
        var row = new float[2];
        Assert.True(await reader.ReadRowAsync(row, CancellationToken.None));

        var error = await Assert.ThrowsAsync<OverflowException>(async () => await reader.ReadRowAsync(row, CancellationToken.None));

        Assert.Equal("Row 1, feature \"b\" is -1E+39, beyond the float32 range; read the rows as float64.", error.Message);
        Assert.Equal(1, reader.RowsRead);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_not_finite_float64_feature_is_refused_naming_its_row_and_column(double value, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", new[] { 1, 2, 3, 4, value, 6 }, Labels));

        Assert.Equal($"Row 2, feature \"a\" is {shown}; values must be finite.", error.Message);
    }

    [Fact]
    public void Float64_features_must_form_the_rows_and_weights_are_checked()
    {
        var shape = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", new double[5], Labels));
        var weight = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", new double[6], Labels, new[] { 1, -1.0, 1 }, "w"));

        Assert.Equal("5 feature values do not form 3 rows of 2 features.", shape.Message);
        Assert.Equal("Row 1, weight \"w\" is -1; weights must be finite numbers >= 0.", weight.Message);
    }

    [Fact]
    public async Task Reading_float64_rows_allocates_nothing()
    {
        const int rows = 1_000;
        double[] features = [.. Enumerable.Range(0, rows * 2).Select(i => i * 0.1)];
        float[] narrowFeatures = [.. Enumerable.Range(0, rows * 2).Select(i => i * 0.1f)];
        double[] labels = new double[rows];
        var wide = new InMemoryRowReader(FeatureNames, "y", features, labels);
        var narrow = new InMemoryRowReader(FeatureNames, "y", narrowFeatures, labels);
        var row = new double[2];
        Assert.True(await wide.ReadRowAsync(row, CancellationToken.None));
        Assert.True(await narrow.ReadRowAsync(row, CancellationToken.None));

        Assert.Equal(0, await SteadyStateAllocation.LeastBytesPerRunAsync(rows - 1,
            async () => await wide.ReadRowAsync(row, CancellationToken.None) && await narrow.ReadRowAsync(row, CancellationToken.None)));
        Assert.Equal([narrowFeatures[^2], narrowFeatures[^1]], row);
    }

    private static async Task<List<(double[] Features, double Label, double Weight)>> ReadAllAsFloat64Async(IRowReader reader)
    {
        var rows = new List<(double[], double, double)>();
        var features = new double[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            rows.Add(([.. features], reader.CurrentLabel, reader.CurrentWeight));
        }

        return rows;
    }
}
