using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>The README's main job, on real processes: a redis-server, two silo host processes, a client over the network.</summary>
public sealed class SiloProcessTests
{
    [Fact]
    public async Task Two_silo_processes_train_the_diabetes_data_to_the_closed_form_solution()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        var local = await TestData.ReadBundledAsync("diabetes", "progression");

        var info = await client.CreateDatasetFromCsvAsync("diabetes", TestData.BundledPath("diabetes"),
            new CsvIngestOptions { LabelColumn = "progression", ShardCount = 4 });
        Assert.Equal(442, info.TotalRows);

        var (status, model) = await Training.RunAsync(client, new JobSpec
        {
            Name = "diabetes-ols",
            Dataset = "diabetes",
            LearningRate = 0.2,
            Momentum = 0.9,
            Nesterov = true,
            MaxRounds = 5000,
            GradientTolerance = 1e-9,
            Tolerance = 0,
            WeightBlocks = 2,
        });

        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}\n{cluster.Silos[0].Tail()}\n{cluster.Silos[1].Tail()}");
        var (weights, intercept) = ClosedFormLeastSquares.Solve(local.Features, local.Labels, fitIntercept: true, l2: 0);
        Assert.True(TestData.RelativeError(Training.Coefficients(model), [.. weights, intercept]) < 1e-6);
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited));
    }
}
