using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Redis loses writes it had acknowledged (its append-only file cut back, as after a crash with an unsynced file or a
/// failover to a replica that lagged) while the silos keep running with grains whose memory is ahead of Redis: the
/// loss is detected, recorded in the job's history, and the job carries on from what Redis holds within seconds, ending
/// with the weights of an uninterrupted run.
/// </summary>
public sealed class RedisWriteLossTests(ITestOutputHelper output)
{
    private const int Rounds = 150;
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(5_000, 8, seed: 91));

    [Theory]
    [InlineData(SolverKind.GradientDescent)]
    [InlineData(SolverKind.Lbfgs)]
    public async Task Writes_lost_by_redis_while_the_silos_run_are_detected_and_the_job_ends_as_if_uninterrupted(SolverKind solver)
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "loss", Csv.Value, "y", shards: 4);
        var (reference, _) = await Training.RunAsync(client, Spec("reference", solver));
        Assert.Equal(JobStatus.Completed, reference.Status);
        var expected = Training.Coefficients(await client.GetModelAsync("reference"));

        await client.StartJobAsync(Spec("rewound", solver));
        await JobProgress.WaitForRoundAsync(client, "rewound", 20);
        var mark = cluster.Redis.MarkAppendOnlyFile();
        await JobProgress.WaitForRoundAsync(client, "rewound", 40);
        var ahead = (await client.GetJobAsync("rewound")).Round;
        await cluster.Redis.RestartLosingWritesAfterAsync(mark);
        var restarted = Stopwatch.StartNew();

        var status = await client.GetJobAsync("rewound");
        while (status.Status == JobStatus.Running && restarted.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(100);
            status = await client.GetJobAsync("rewound");
        }

        output.WriteLine($"round {ahead} before the loss; {status.Status} at round {status.Round} {restarted.Elapsed.TotalSeconds:F1} s after Redis restarted");
        output.WriteLine(string.Join("\n", status.History.Select(e => $"{e.At:HH:mm:ss.fff} {e.Kind} r{e.Round} {e.Detail}")));
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(expected, Training.Coefficients(await client.GetModelAsync("rewound")));
        var rewound = Assert.Single(status.History, e => e.Kind == JobEventKind.StorageRewound);
        Assert.InRange(rewound.Round, 20, ahead - 1);
        Assert.Matches($@"^Redis lost acknowledged writes: it holds round {rewound.Round}, the trainer had committed round \d+; resuming from round {rewound.Round}$", rewound.Detail);
    }

    private static JobSpec Spec(string name, SolverKind solver) => solver == SolverKind.Lbfgs
        ? new JobSpec { Name = name, Dataset = "loss", Solver = solver, L2 = 1e-3, MaxRounds = Rounds, Tolerance = 0, GradientTolerance = 0, WeightBlocks = 2 }
        : new JobSpec { Name = name, Dataset = "loss", LearningRate = 0.05, Momentum = 0.5, MaxRounds = Rounds, Tolerance = 0, WeightBlocks = 3 };
}
