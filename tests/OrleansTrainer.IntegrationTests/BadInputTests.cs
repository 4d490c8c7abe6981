using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Bad files and bad specs are refused with a clear message and leave nothing behind.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class BadInputTests(TrainerClusterFixture fixture)
{
    public static TheoryData<string, string, long, int?> BadFiles => new()
    {
        // name, what the file has wrong (appended after 300 good rows), expected line, expected column
        { "cell", "1.5,abc,2\n", 302, 2 },
        { "columns", "1.5,2\n", 302, 3 },
        { "nan", "NaN,1,2\n", 302, 1 },
        { "inf", "1,2,Infinity\n", 302, 3 },
        { "float32", "1e39,1,2\n", 302, 1 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_row_after_many_stored_chunks_is_refused_with_its_line_and_column_and_nothing_is_left(string kind, string badRow, long line, int? column)
    {
        var csv = "a,b,y\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"{i},{i * 0.5},{i % 7}\n")) + badRow + "1,2,3\n";
        var dataset = Training.UniqueName("bad-" + kind);

        var error = await Assert.ThrowsAsync<CsvFormatException>(() => Training.IngestAsync(fixture.Client, dataset, csv, "y", 3, chunkBytes: 1024));

        Assert.Equal(dataset + ".csv", error.SourceName);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains($"line {line}", error.Message);
        await AssertNothingStoredAsync(dataset);
    }

    [Theory]
    [InlineData("a,b,y\n", "no data rows")]
    [InlineData("a,b,c\n1,2,3\n", "y")]
    public async Task Empty_data_and_a_missing_label_column_are_refused_before_anything_is_stored(string csv, string expected)
    {
        var dataset = Training.UniqueName("bad-head");
        var error = await Assert.ThrowsAsync<CsvFormatException>(() => Training.IngestAsync(fixture.Client, dataset, csv, "y", 2));
        Assert.Contains(expected, error.Message);
        await AssertNothingStoredAsync(dataset);
    }

    /// <summary>Instance weights that are all 0 are refused at ingestion, naming the column (every job on them used to fail, one as "diverged").</summary>
    [Fact]
    public async Task Instance_weights_that_are_all_zero_are_refused_and_nothing_is_left()
    {
        var dataset = Training.UniqueName("zero-weights");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.CreateDatasetFromCsvAsync(dataset,
            new StringReader("a,w,y\n1,0,2\n2,0,4.5\n3,0,7\n"), dataset + ".csv", new CsvIngestOptions { LabelColumn = "y", WeightColumn = "w", ShardCount = 2 }));

        Assert.Equal($"Dataset \"{dataset}\": every row's instance weight (column \"w\") is 0; at least one row needs a positive weight.", error.Message);
        await AssertNothingStoredAsync(dataset);
    }

    [Theory]
    [InlineData("bad/name")]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    public async Task Invalid_dataset_names_are_refused(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Training.IngestAsync(fixture.Client, name, "a,y\n1,2\n", "y", 1));
        Assert.Contains("dataset name", error.Message);
    }

    [Fact]
    public async Task Zero_shards_are_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Training.IngestAsync(fixture.Client, Training.UniqueName("zero"), "a,y\n1,2\n", "y", 0));
        Assert.Contains("shard count", error.Message);
    }

    [Fact]
    public async Task A_ready_dataset_is_not_overwritten()
    {
        var dataset = Training.UniqueName("twice");
        await Training.IngestAsync(fixture.Client, dataset, "a,y\n1,2\n3,4\n", "y", 1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Training.IngestAsync(fixture.Client, dataset, "a,y\n5,6\n", "y", 1));
        Assert.Contains("already exists", error.Message);
        Assert.Equal(2, (await fixture.Client.GetDatasetAsync(dataset)).TotalRows);
    }

    public static TheoryData<string, Func<JobSpec, JobSpec>> BadSpecs => new()
    {
        { "LearningRate must be a positive number", s => Copy(s, learningRate: 0) },
        { "LearningRate must be a positive number", s => Copy(s, learningRate: -0.1) },
        { "L2 must be zero or positive", s => Copy(s, l2: -1) },
        { "MaxRounds must be at least 1", s => Copy(s, maxRounds: 0) },
        { "does not exist", s => Copy(s, dataset: "no-such-dataset") },
        { "WeightBlocks (9) exceeds", s => Copy(s, blocks: 9) },
        { "needs labels in {0, 1}", s => Copy(s, model: ModelKind.LogisticRegression) },
        { "job name", s => Copy(s, name: "a/b") },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_job_specs_are_refused_with_a_clear_message(string expected, Func<JobSpec, JobSpec> spoil)
    {
        var dataset = await SmallDatasetAsync();
        var spec = spoil(new JobSpec { Name = Training.UniqueName("badspec"), Dataset = dataset });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.StartJobAsync(spec));
        Assert.Contains(expected, error.Message);
        if (spec.Name != "a/b")
        {
            Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(spec.Name)).Status);
        }
    }

    private static JobSpec Copy(JobSpec s, double? learningRate = null, double? l2 = null, int? maxRounds = null, string? dataset = null,
        int? blocks = null, ModelKind? model = null, string? name = null) => new()
    {
        Name = name ?? s.Name,
        Dataset = dataset ?? s.Dataset,
        Model = model ?? s.Model,
        LearningRate = learningRate ?? s.LearningRate,
        L2 = l2 ?? s.L2,
        MaxRounds = maxRounds ?? s.MaxRounds,
        WeightBlocks = blocks ?? s.WeightBlocks,
    };

    private async Task<string> SmallDatasetAsync()
    {
        var dataset = Training.UniqueName("small");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(50, 7, seed: 1), "y", 2);
        return dataset;
    }

    private async Task AssertNothingStoredAsync(string dataset)
    {
        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Empty(fixture.KeysContaining($"/rows/{dataset}/"));
        Assert.Empty(fixture.KeysContaining($"/{dataset}/"));
    }
}
