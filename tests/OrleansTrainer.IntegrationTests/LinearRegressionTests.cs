using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Distributed least squares against the closed-form solution computed with MathNet.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class LinearRegressionTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Diabetes_gradient_descent_reaches_the_closed_form_solution()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var dataset = Training.UniqueName("diabetes");
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, TestData.BundledPath("diabetes"),
            new Ingest.CsvIngestOptions { LabelColumn = "progression", ShardCount = 4 });

        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("diabetes-gd"),
            Dataset = dataset,
            LearningRate = 0.2,
            Momentum = 0.9,
            Nesterov = true,
            MaxRounds = 5000,
            GradientTolerance = 1e-9,
            Tolerance = 0,
            WeightBlocks = 3,
        });

        Assert.Equal(JobStatus.Completed, status.Status);
        Assert.Contains("gradient norm", status.Reason);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-6,
            $"coefficients {string.Join(", ", Training.Coefficients(model))} vs {string.Join(", ", weights)}, {intercept}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task Synthetic_100k_by_50_reaches_the_same_optimum_for_any_shard_count(int shards)
    {
        var csv = TestData.SyntheticRegressionCsv(100_000, 50, seed: 7);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var dataset = Training.UniqueName($"synth{shards}");
        await Training.IngestAsync(fixture.Client, dataset, csv, "y", shards);

        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName($"synth{shards}-gd"),
            Dataset = dataset,
            LearningRate = 0.5,
            Momentum = 0.5,
            MaxRounds = 500,
            GradientTolerance = 1e-10,
            Tolerance = 0,
            WeightBlocks = 4,
        });

        Assert.Equal(JobStatus.Completed, status.Status);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-6);
    }

    [Fact]
    public async Task Ridge_without_standardization_reaches_the_closed_form_ridge_solution()
    {
        var csv = TestData.SyntheticRegressionCsv(5_000, 8, seed: 11);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var dataset = Training.UniqueName("ridge");
        await Training.IngestAsync(fixture.Client, dataset, csv, "y", 3);

        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("ridge-gd"),
            Dataset = dataset,
            Standardize = false,
            L2 = 0.3,
            LearningRate = 0.05,
            Momentum = 0.9,
            MaxRounds = 5000,
            GradientTolerance = 1e-10,
            Tolerance = 0,
            WeightBlocks = 2,
        });

        Assert.Equal(JobStatus.Completed, status.Status);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0.3);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-6);
    }

    [Fact]
    public async Task Standardized_ridge_has_the_same_optimum_as_unstandardized_ridge()
    {
        var csv = TestData.SyntheticRegressionCsv(3_000, 6, seed: 12);
        var local = await TestData.ReadAsync(new StringReader(csv), "y");
        var dataset = Training.UniqueName("ridge-std");
        await Training.IngestAsync(fixture.Client, dataset, csv, "y", 2);

        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("ridge-std-gd"),
            Dataset = dataset,
            L2 = 0.1,
            LearningRate = 0.1,
            Momentum = 0.9,
            MaxRounds = 5000,
            GradientTolerance = 1e-10,
            Tolerance = 0,
        });

        Assert.Equal(JobStatus.Completed, status.Status);
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0.1);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-6);
    }
}
