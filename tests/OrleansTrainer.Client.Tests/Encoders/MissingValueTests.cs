using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Encoders.EncodedCsv;

namespace OrleansTrainer.Client.Tests.Encoders;

public sealed class MissingValueTests
{
    private const string Ages = "age,y\n10,1\n,0\n20,1\n  ,0\n60,1\n";

    [Fact]
    public async Task An_empty_cell_is_refused_by_default()
    {
        var error = await ReadExpectingErrorAsync(Ages, new CsvIngestOptions { LabelColumn = "y" });

        Assert.Equal("data.csv: line 3, column 1 (\"age\"): empty cell", error.Message);
    }

    [Fact]
    public async Task Mean_imputation_takes_the_mean_of_the_non_empty_cells_with_an_indicator()
    {
        var (reader, rows, _) = await ReadAllAsync(Ages, new CsvIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Mean, MissingIndicator = true });

        Assert.Equal(["age", "age=<missing>"], reader.FeatureNames);
        Assert.Equal([[10, 0], [30, 1], [20, 0], [30, 1], [60, 0]], rows);
        Assert.Equal(30, reader.Encoding.Columns[0].Fill);
    }

    [Fact]
    public async Task Constant_imputation_takes_the_constant_without_an_indicator()
    {
        var (reader, rows, _) = await ReadAllAsync(Ages, new CsvIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Constant, MissingConstant = -1.5 });

        Assert.Equal(["age"], reader.FeatureNames);
        Assert.Equal([[10], [-1.5], [20], [-1.5], [60]], rows);
    }

    [Fact]
    public async Task A_model_imputes_an_empty_cell_as_ingestion_did()
    {
        var (reader, _, _) = await ReadAllAsync(Ages, new CsvIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Mean, MissingIndicator = true });
        var model = new LinearModel(ModelKind.LinearRegression, reader.FeatureNames, [2, 100], [1], encoding: reader.Encoding);

        Assert.Equal(1 + 60 + 100, model.Predict(new Dictionary<string, string> { ["age"] = "" }));
        Assert.Equal(1 + 20, model.Predict(new Dictionary<string, string> { ["age"] = "10" }));
    }

    [Fact]
    public async Task A_mean_imputed_column_without_numbers_is_refused_and_labels_are_never_imputed()
    {
        var noNumbers = await ReadExpectingErrorAsync("a,y\n,1\n,0\n", new CsvIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Mean });
        var emptyLabel = await ReadExpectingErrorAsync("a,y\n1,\n", new CsvIngestOptions { LabelColumn = "y", Missing = MissingValuePolicy.Mean });

        Assert.Equal("data.csv: line 1: no number in the column to take the mean of for its missing cells", noNumbers.Message);
        Assert.Equal("data.csv: line 2, column 2 (\"y\"): empty cell", emptyLabel.Message);
    }
}
