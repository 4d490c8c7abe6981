using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Grains;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Jobs survive the loss of silo processes (SIGKILL, including the trainer's own silo), a whole-cluster restart and a
/// Redis restart, with no client action, and end with weights bit-identical to an uninterrupted run.
/// </summary>
public sealed class FaultToleranceTests
{
    private const int Rounds = 120;
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(20_000, 10, seed: 77));

    [Theory]
    [InlineData(true, 5)]
    [InlineData(true, 40)]
    [InlineData(false, 20)]
    [InlineData(false, 70)]
    [InlineData(true, 100, ParallelismMode.DataParallel, false, 100)]
    [InlineData(false, 30, ParallelismMode.BlockCoordinate)]
    [InlineData(false, 25, ParallelismMode.DataParallel, true)]
    public async Task Killing_a_silo_mid_job_changes_nothing_in_the_result(
        bool trainerSilo, int killAtRound, ParallelismMode parallelism = ParallelismMode.DataParallel, bool perRowLocalSgd = false,
        int slowShardMilliseconds = 0)
    {
        // A kill 20 rounds before the end must land while the job still runs: its shard 0 is slowed (the crash job's
        // only; the reference runs at full speed), or on a quiet machine the job can finish before the signal does.
        var slow = new Dictionary<string, string>();
        if (slowShardMilliseconds > 0)
        {
            slow["OrleansTrainer:FaultInjection:SlowShards:crash:Shard"] = "0";
            slow["OrleansTrainer:FaultInjection:SlowShards:crash:Milliseconds"] = slowShardMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3, slow);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 6);
        JobSpec Job(string name) => perRowLocalSgd ? PerRowLocalSgd(name) : Spec(name) with { Parallelism = parallelism };
        var (uninterrupted, model) = await Training.RunAsync(client, Job("reference"));
        Assert.Equal(JobStatus.Completed, uninterrupted.Status);
        var reference = Training.Coefficients(model);

        await client.StartJobAsync(Job("crash"));
        await JobProgress.WaitForRoundAsync(client, "crash", killAtRound);
        var trainerAddress = await JobProgress.TrainerSiloAsync(client, "crash");
        var victim = cluster.Silos.First(s => (s.SiloPort == trainerAddress.Endpoint.Port) == trainerSilo && !s.HasExited);
        Assert.False((await client.GetJobAsync("crash")).IsFinished, "the job ended before the kill; slow it down");
        await victim.KillAsync();

        var status = await JobProgress.WaitForCompletionAsync(client, "crash");
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(Rounds, status.Round);
        Assert.Equal(reference, Training.Coefficients(await client.GetModelAsync("crash")));
        if (trainerSilo)
        {
            Assert.NotEqual(trainerAddress, await JobProgress.TrainerSiloAsync(client, "crash"));
            Assert.Contains(status.History, e => e.Kind == JobEventKind.Recovered && e.Round >= killAtRound);
        }

        var retried = status.History.Select((e, i) => (e, i)).Where(x => x.e.Kind == JobEventKind.RoundRetried).Select(x => x.i).ToArray();
        Assert.All(retried, i => Assert.Contains(status.History.Skip(i + 1), e => e.Kind == JobEventKind.RoundsResumed));
    }

    /// <summary>
    /// A trainer-side solver loses a silo in the middle of an evaluation: L-BFGS (the trainer holds the iterate and the
    /// line search; shards evaluate, blocks sum) with shard 0 slowed by 40 ms, so that the kill of shard 0's silo lands
    /// after the other shards have pushed (the case that once stalled an L-BFGS job: the retried round's weights were
    /// refused while pushes were pending), or the trainer's silo is killed. Same evaluations, same bits.
    /// </summary>
    [Theory]
    [InlineData(false, 8)]
    [InlineData(true, 14)]
    public async Task Killing_a_silo_mid_evaluation_of_an_lbfgs_job_changes_nothing_in_the_result(bool trainerSilo, int killAtRound)
    {
        var slowShard = new Dictionary<string, string>
        {
            ["OrleansTrainer:FaultInjection:SlowShards:lbfgs-crash:Shard"] = "0",
            ["OrleansTrainer:FaultInjection:SlowShards:lbfgs-crash:Milliseconds"] = "40",
        };
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3, slowShard);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 6);
        var (reference, model) = await Training.RunAsync(client, Lbfgs("lbfgs-reference"));
        Assert.True(reference.Round > killAtRound + 5, $"the reference ended at round {reference.Round}: {reference.Reason}");

        await client.StartJobAsync(Lbfgs("lbfgs-crash"));
        await JobProgress.WaitForRoundAsync(client, "lbfgs-crash", killAtRound);
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        var trainer = await JobProgress.TrainerSiloAsync(client, "lbfgs-crash");
        var shard0 = await management.GetActivationAddress(client.Cluster.DataShard("faults", 0));
        var victimPort = trainerSilo ? trainer.Endpoint.Port
            : shard0 is not null && !shard0.Equals(trainer) ? shard0.Endpoint.Port
            : cluster.Silos.First(p => !p.HasExited && p.SiloPort != trainer.Endpoint.Port).SiloPort;
        var victim = cluster.Silos.First(p => !p.HasExited && p.SiloPort == victimPort);
        Assert.False((await client.GetJobAsync("lbfgs-crash")).IsFinished);
        await victim.KillAsync();

        var status = await JobProgress.WaitForCompletionAsync(client, "lbfgs-crash");
        Assert.True(status.Status == reference.Status, $"{status.Status}: {status.Reason}");
        Assert.Equal(reference.Round, status.Round);
        Assert.Equal(Training.Coefficients(model), Training.Coefficients(await client.GetModelAsync("lbfgs-crash")));
    }

    /// <summary>
    /// Redis holds every write back for 3 s (<c>CLIENT PAUSE WRITE</c>), so the trainer of an L-BFGS job is waiting for
    /// the write of an accepted point or of its record of a round, and its silo is killed inside that window. The job
    /// redoes the round its record lacks on another silo and ends with the same rounds and bits.
    /// </summary>
    [Fact]
    public async Task Killing_the_trainers_silo_while_redis_holds_its_writes_back_changes_nothing_in_the_result()
    {
        // Shard 0 is slowed by 100 ms a round so that the job still runs when Redis pauses (it changes no number).
        var slowShard = new Dictionary<string, string>
        {
            [$"{SlowShardOptions.Section}:SlowShards:lbfgs-paused:Shard"] = "0",
            [$"{SlowShardOptions.Section}:SlowShards:lbfgs-paused:Milliseconds"] = "100",
        };
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 3, slowShard);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 6);
        var (reference, model) = await Training.RunAsync(client, Lbfgs("lbfgs-reference"));
        Assert.True(reference.Round > 20, $"the reference ended at round {reference.Round}: {reference.Reason}");

        // Connected before the job starts, so that the pause follows the awaited round by as little as possible.
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString + ",allowAdmin=true");
        await client.StartJobAsync(Lbfgs("lbfgs-paused"));
        await JobProgress.WaitForRoundAsync(client, "lbfgs-paused", 10);
        var trainer = await JobProgress.TrainerSiloAsync(client, "lbfgs-paused");
        var victim = cluster.Silos.First(p => !p.HasExited && p.SiloPort == trainer.Endpoint.Port);
        Assert.False((await client.GetJobAsync("lbfgs-paused")).IsFinished, "the job ended before Redis paused; slow it down");
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "WRITE");

        await Task.Delay(500);
        await victim.KillAsync();

        var status = await JobProgress.WaitForCompletionAsync(client, "lbfgs-paused");
        var history = string.Join("; ", status.History.Select(e => $"{e.Kind} r{e.Round} {e.Detail}"));
        Assert.True(status.Status == reference.Status, $"{status.Status}: {status.Reason}; {history}");
        Assert.Equal(reference.Round, status.Round);
        Assert.Equal(Training.Coefficients(model), Training.Coefficients(await client.GetModelAsync("lbfgs-paused")));
        Assert.True(status.History.Any(e => e.Kind == JobEventKind.Recovered && e.Round >= 10), history);
    }

    [Fact]
    public async Task Adding_a_silo_mid_job_spreads_shards_and_blocks_onto_it_and_changes_nothing()
    {
        // The slow shard only slows rounds down (so the job outlasts the new silo's arrival); it changes no number.
        var slowShard = new Dictionary<string, string>
        {
            [$"{SlowShardOptions.Section}:SlowShards:elastic:Shard"] = "0",
            [$"{SlowShardOptions.Section}:SlowShards:elastic:Milliseconds"] = "5",
        };
        await using var cluster = await LocalTrainerCluster.StartAsync(2, slowShard);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 6);

        await client.StartJobAsync(Spec("elastic") with { MaxRounds = 1_000_000 });
        await JobProgress.WaitForRoundAsync(client, "elastic", 20);
        var added = await cluster.AddSiloAsync();

        // Where each activation lives, as the new silo's own catalog lists it (the directory cache can lag behind a move).
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        var keys = Enumerable.Range(0, 6).Select(s => $"faults/{s}").Concat(Enumerable.Range(0, 3).Select(b => $"elastic/{b}")).ToHashSet();
        var onNewSilo = 0;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (onNewSilo < 3 && !timeout.IsCancellationRequested)
            {
                await Task.Delay(200);
                var hosts = await management.GetHosts(onlyActive: true);
                var newSilo = hosts.Keys.FirstOrDefault(s => s.Endpoint.Port == added.SiloPort);
                if (newSilo is null)
                {
                    continue;
                }

                var activations = await management.GetDetailedGrainStatistics(hostsIds: [newSilo]);
                onNewSilo = activations.Count(a => keys.Contains(a.GrainId.Key.ToString()!));
            }
        }

        Assert.True(onNewSilo >= 3, $"only {onNewSilo} of 9 shards and blocks moved to the new silo");

        // Cancelling takes effect between two rounds: the weights are those of an uninterrupted run of as many rounds.
        await JobProgress.WaitForRoundAsync(client, "elastic", (await client.GetJobAsync("elastic")).Round + 20);
        var status = await client.CancelJobAsync("elastic");
        Assert.True(status.Status == JobStatus.Cancelled, $"{status.Status}: {status.Reason}");
        var (uninterrupted, _) = await Training.RunAsync(client, Spec("elastic-reference") with { MaxRounds = (int)status.Round });
        Assert.Equal(JobStatus.Completed, uninterrupted.Status);
        Assert.Equal(status.Round, uninterrupted.Round);
        Assert.Equal(Training.Coefficients(await client.GetModelAsync("elastic-reference")), Training.Coefficients(await client.GetModelAsync("elastic")));
    }

    [Fact]
    public async Task One_two_and_three_silos_give_bit_identical_weights()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 1);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        var results = new List<double[]>();
        for (var silos = 1; silos <= 3; silos++)
        {
            if (silos > 1)
            {
                await cluster.AddSiloAsync();
            }

            // A dataset and a job of their own, so that shards, blocks and the trainer are placed over the silos present.
            var dataset = $"silos{silos}";
            await Training.IngestAsync(client, dataset, Csv.Value, "y", shards: 6);
            var (status, model) = await Training.RunAsync(client, new JobSpec
            {
                Name = $"on-{silos}-silos", Dataset = dataset, LearningRate = 0.05, Momentum = 0.5, MaxRounds = 60, Tolerance = 0, WeightBlocks = 3,
            });
            Assert.Equal(JobStatus.Completed, status.Status);
            results.Add(Training.Coefficients(model));
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public async Task A_job_resumes_at_its_last_committed_round_after_every_silo_restarts()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 4);
        var reference = await RunUninterruptedAsync(client);

        await client.StartJobAsync(Spec("restart"));
        await JobProgress.WaitForRoundAsync(client, "restart", 30);
        await Task.WhenAll(cluster.Silos.Select(s => s.StopAsync(TimeSpan.FromSeconds(20))));
        await cluster.AddSiloAsync();
        await cluster.AddSiloAsync();

        var status = await JobProgress.WaitForCompletionAsync(client, "restart");
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(reference, Training.Coefficients(await client.GetModelAsync("restart")));
        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync("restart"))
        {
            metrics.Add(m);
        }

        Assert.Equal(Enumerable.Range(0, Rounds).Select(r => (long)r), metrics.Select(m => m.Round));
    }

    [Fact]
    public async Task A_redis_restart_pauses_the_job_which_then_resumes_with_nothing_lost()
    {
        await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "faults", Csv.Value, "y", shards: 4);
        var reference = await RunUninterruptedAsync(client);

        await client.StartJobAsync(Spec("redis"));
        await JobProgress.WaitForRoundAsync(client, "redis", 30);
        // Longer than StackExchange.Redis keeps commands in its backlog (5 s): a round fails, so the outage is in the history.
        await cluster.Redis.RestartAsync(graceful: true, downtime: TimeSpan.FromSeconds(7));

        var status = await JobProgress.WaitForCompletionAsync(client, "redis");
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(reference, Training.Coefficients(await client.GetModelAsync("redis")));
        var outage = Array.FindIndex(status.History, e => e.Kind == JobEventKind.RoundRetried);
        Assert.True(outage > 0, $"the outage is not in the history: {string.Join("; ", status.History.Select(e => $"{e.Kind} {e.Detail}"))}");
        Assert.Contains(status.History[(outage + 1)..], e => e.Kind == JobEventKind.RoundsResumed && e.Round >= status.History[outage].Round);
    }

    private static JobSpec Lbfgs(string name) => new()
    {
        Name = name, Dataset = "faults", Solver = SolverKind.Lbfgs, LbfgsMemory = 5, L2 = 1e-3, MaxRounds = 40, Tolerance = 0,
        GradientTolerance = 0, WeightBlocks = 3,
    };

    private static JobSpec Spec(string name) => new()
    {
        Name = name, Dataset = "faults", LearningRate = 0.05, Momentum = 0.5, MaxRounds = Rounds, Tolerance = 0, WeightBlocks = 3,
    };

    // One row per step on each of the 6 shards (about 3,300 rows each): 120 rounds of 200 steps walk about 7 epochs.
    private static JobSpec PerRowLocalSgd(string name) => Spec(name) with
    {
        Solver = SolverKind.LocalSgd, BatchSize = 6, LocalSteps = 200, LearningRate = 0.005, Momentum = 0,
    };

    private static async Task<double[]> RunUninterruptedAsync(TrainerClient client)
    {
        var (status, model) = await Training.RunAsync(client, Spec("reference"));
        Assert.Equal(JobStatus.Completed, status.Status);
        return Training.Coefficients(model);
    }
}
