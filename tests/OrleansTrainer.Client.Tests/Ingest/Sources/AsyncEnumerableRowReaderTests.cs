using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

public sealed class AsyncEnumerableRowReaderTests
{
    private sealed record Patient(int Age, double Bmi, double Progression, double Weight);

    [Fact]
    public async Task Mapped_features_come_in_the_order_they_were_added_with_the_label_and_the_weight()
    {
        var mapping = new RowMapping<Patient>("progression", p => p.Progression, "w", p => p.Weight) { { "bmi", p => p.Bmi }, { "age", p => p.Age } };
        await using var reader = new AsyncEnumerableRowReader<Patient>(Rows(new Patient(40, 22.5, 151, 1), new Patient(51, 31, 75, 3)), mapping);
        var features = new float[2];

        Assert.Equal(["bmi", "age"], reader.FeatureNames);
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal([31f, 51f], features);
        Assert.Equal((75.0, 3.0), (reader.CurrentLabel, reader.CurrentWeight));
        Assert.False(await reader.ReadRowAsync(features, CancellationToken.None));
    }

    [Fact]
    public async Task A_value_that_is_not_finite_is_refused_naming_the_row_type_the_row_and_the_feature()
    {
        var mapping = new RowMapping<Patient>("progression", p => p.Progression) { { "bmi", p => p.Bmi } };
        await using var reader = new AsyncEnumerableRowReader<Patient>(Rows(new Patient(40, 22.5, 151, 1), new Patient(51, double.NaN, 75, 1)), mapping);
        Assert.True(await reader.ReadRowAsync(new double[1], CancellationToken.None));

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(new double[1], CancellationToken.None));

        Assert.Equal("rows of Patient: row 2, column \"bmi\": NaN is not a finite number", error.Message);
    }

    [Fact]
    public async Task A_null_feature_is_refused_by_default_and_takes_the_constant_with_an_indicator_when_asked()
    {
        var mapping = new RowMapping<Patient>("progression", p => p.Progression) { { "age", p => p.Age }, { "bmi", p => p.Bmi > 0 ? p.Bmi : null } };
        Patient[] patients = [new(40, 22.5, 151, 1), new(51, -1, 75, 1)];
        await using var refusing = new AsyncEnumerableRowReader<Patient>(Rows(patients), mapping);
        await using var imputing = new AsyncEnumerableRowReader<Patient>(Rows(patients), mapping,
            new MissingValueIngestOptions { Missing = MissingValuePolicy.Constant, MissingConstant = 25, MissingIndicator = true });
        Assert.True(await refusing.ReadRowAsync(new double[2], CancellationToken.None));
        var features = new double[4];
        Assert.True(await imputing.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal([40, 0, 22.5, 0], features);
        Assert.True(await imputing.ReadRowAsync(features, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await refusing.ReadRowAsync(new double[2], CancellationToken.None));

        Assert.Equal([51, 0, 25, 1], features);
        Assert.Equal(["age", "age=<missing>", "bmi", "bmi=<missing>"], imputing.FeatureNames);
        Assert.Equal("rows of Patient: row 2, column \"bmi\": NULL; missing values are refused: choose a missing-value policy (otrain: --missing mean or constant:VALUE)", error.Message);
    }

    [Fact]
    public void Mean_imputation_is_refused_for_rows_enumerated_once()
    {
        var mapping = new RowMapping<Patient>("progression", p => p.Progression) { { "bmi", p => p.Bmi } };

        var error = Assert.Throws<ArgumentException>(() => new AsyncEnumerableRowReader<Patient>(Rows(), mapping, new MissingValueIngestOptions { Missing = MissingValuePolicy.Mean }));

        Assert.StartsWith("Mean imputation needs a first pass over the rows, and typed rows are read once", error.Message);
    }

    [Fact]
    public void A_mapping_without_features_a_weight_without_a_name_or_a_repeated_name_is_refused()
    {
        var empty = new RowMapping<Patient>("progression", p => p.Progression);

        Assert.Throws<ArgumentException>(() => new AsyncEnumerableRowReader<Patient>(Rows(), empty));
        Assert.Throws<ArgumentException>(() => new RowMapping<Patient>("progression", p => p.Progression, weight: p => p.Weight));
        Assert.Throws<ArgumentException>(() => empty.Add("progression", p => p.Age));
    }

    private static async IAsyncEnumerable<Patient> Rows(params Patient[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
