using OrleansTrainer.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>SSP(k) and asynchronous consistency against BSP.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class ConsistencyModeTests(TrainerClusterFixture fixture)
{
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(4_000, 8, seed: 55));

    [Theory]
    [InlineData(SolverKind.GradientDescent)]
    [InlineData(SolverKind.MiniBatchSgd)]
    public async Task Ssp_with_staleness_zero_equals_bsp_bit_for_bit(SolverKind solver)
    {
        var dataset = await IngestAsync();
        var results = new List<double[]>();
        foreach (var mode in new[] { ConsistencyMode.Bsp, ConsistencyMode.Ssp })
        {
            var (status, model) = await Training.RunAsync(fixture.Client, Spec(Training.UniqueName($"ssp0-{mode}"), dataset, solver) with
            {
                Consistency = mode, Staleness = 0,
            });
            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            results.Add(Training.Coefficients(model));
        }

        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public async Task A_slow_shard_holds_the_others_back_by_no_more_than_the_staleness_bound()
    {
        const int staleness = 3;
        var dataset = await IngestAsync();
        var job = Training.UniqueName("ssp-slow");
        fixture.SlowShard(job, 0, 40);
        await fixture.Client.StartJobAsync(Spec(job, dataset, SolverKind.GradientDescent) with
        {
            Consistency = ConsistencyMode.Ssp, Staleness = staleness, MaxRounds = 40,
        });

        long widestGap = 0;
        JobStatusInfo status;
        do
        {
            status = await fixture.Client.GetJobAsync(job);
            if (status.ShardRounds.Length == 4)
            {
                var gap = status.ShardRounds.Max() - status.ShardRounds.Min();
                Assert.True(gap <= staleness + 1, $"shard rounds {string.Join(", ", status.ShardRounds)} exceed the bound {staleness}");
                widestGap = Math.Max(widestGap, gap);
            }

            await Task.Delay(10);
        }
        while (!status.IsFinished);

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        Assert.True(widestGap >= staleness, $"the fast shards never ran ahead (widest gap {widestGap})");
    }

    [Fact]
    public async Task Asynchronous_jobs_complete_and_lower_the_loss()
    {
        var dataset = await IngestAsync();
        var job = Training.UniqueName("async");
        fixture.SlowShard(job, 1, 5);
        var (status, _) = await Training.RunAsync(fixture.Client, Spec(job, dataset, SolverKind.MiniBatchSgd) with
        {
            Consistency = ConsistencyMode.Async, MaxRounds = 60,
        });
        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var metrics = new List<RoundMetrics>();
        await foreach (var m in fixture.Client.WatchAsync(job))
        {
            metrics.Add(m);
        }

        Assert.Equal(60, metrics.Count);
        Assert.True(metrics[^1].Loss < metrics[0].Loss / 5, $"loss {metrics[0].Loss} -> {metrics[^1].Loss}");
    }

    private async Task<string> IngestAsync()
    {
        var dataset = Training.UniqueName("consistency");
        await Training.IngestAsync(fixture.Client, dataset, Csv.Value, "y", 4);
        return dataset;
    }

    private static JobSpec Spec(string name, string dataset, SolverKind solver) => new()
    {
        Name = name, Dataset = dataset, Solver = solver, BatchSize = 400, LearningRate = 0.05, Momentum = 0.5, MaxRounds = 50,
        Tolerance = 0, WeightBlocks = 3, Seed = 9,
    };
}
