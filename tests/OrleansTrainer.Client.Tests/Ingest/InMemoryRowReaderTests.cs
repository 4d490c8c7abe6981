using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class InMemoryRowReaderTests
{
    private static readonly string[] FeatureNames = ["a", "b"];
    private static readonly float[] Features = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Labels = [0.5, -1, 2];

    [Fact]
    public async Task Rows_without_weights_each_weigh_one()
    {
        var reader = new InMemoryRowReader(FeatureNames, "y", Features, Labels);

        Assert.Null(reader.WeightName);
        Assert.Equal([1.0, 1.0, 1.0], await ReadWeightsAsync(reader));
    }

    [Fact]
    public async Task Weights_are_read_back_exactly_with_the_rows()
    {
        double[] weights = [0.1, 0, 1e300];
        var reader = new InMemoryRowReader(FeatureNames, "y", Features, Labels, weights, "w");
        var features = new float[2];

        Assert.Equal("w", reader.WeightName);
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal([1f, 2f], features);
        Assert.Equal((0.5, 0.1), (reader.CurrentLabel, reader.CurrentWeight));
        Assert.Equal([0.0, 1e300], await ReadWeightsAsync(reader));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Weights_must_number_the_rows(int count)
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", Features, Labels, new double[count], "w"));

        Assert.Equal($"{count} sample weights do not match 3 rows.", error.Message);
    }

    [Fact]
    public void No_weights_with_a_weight_name_do_not_number_the_rows()
    {
        Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", Features, Labels, weightName: "w"));
    }

    [Fact]
    public void Weights_without_a_weight_name_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", Features, Labels, new double[3]));

        Assert.Equal("3 sample weights come without a weight name.", error.Message);
    }

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void A_negative_or_not_finite_weight_is_refused_naming_its_row(double weight, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => new InMemoryRowReader(FeatureNames, "y", Features, Labels, new[] { 1, weight, 1 }, "w"));

        Assert.Equal($"Row 1, weight \"w\" is {shown}; weights must be finite numbers >= 0.", error.Message);
    }

    private static async Task<List<double>> ReadWeightsAsync(IRowReader reader)
    {
        var weights = new List<double>();
        var features = new float[reader.FeatureNames.Count];
        while (await reader.ReadRowAsync(features, CancellationToken.None))
        {
            weights.Add(reader.CurrentWeight);
        }

        return weights;
    }
}
