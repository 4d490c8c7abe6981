using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Silo processes over a Redis Cluster of three masters with a replica each (two in one case), chosen by the connection string alone:
/// Orleans' membership, grain storage and reminders and the project's own keys work there, a dataset's rows spread over
/// the masters, and a job survives the SIGKILL of a master it writes to (its replica promoted) with the weights of an
/// uninterrupted run, with commits that wait for a replica (<c>ReplicaAcks</c>) or not; with two replicas per master,
/// commits that wait for one go on through the failover without the lost node.
/// </summary>
public sealed class RedisClusterTests(ITestOutputHelper output)
{
    private const string Service = "otrain";
    private static readonly Lazy<string> Csv = new(() => TestData.SyntheticRegressionCsv(20_000, 10, seed: 91));

    [Fact]
    public async Task A_job_over_a_redis_cluster_spreads_its_rows_over_the_masters_and_equals_one_servers_result()
    {
        await using var redis = await RedisCluster.StartAsync();
        double[] onCluster;
        await using (var cluster = await LocalTrainerCluster.StartAsync(2, redis, new Dictionary<string, string>()))
        {
            await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
            await Training.IngestAsync(client, "spread", Csv.Value, "y", shards: 4, chunkBytes: 64 << 10);
            var (status, model) = await Training.RunAsync(client, Spec("on-cluster", "spread", rounds: 60));
            Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
            onCluster = Training.Coefficients(model);

            await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var masters = connection.GetServers().Where(s => !s.IsReplica).ToArray();
            Assert.Equal(3, masters.Length);
            var rowsPerMaster = masters.Select(m => m.Keys(pattern: $"{Service}/rows/spread/*").Count()).ToArray();
            output.WriteLine($"row chunks per master: {string.Join(", ", rowsPerMaster)}");
            Assert.True(rowsPerMaster.Count(n => n > 0) >= 2, $"the rows sit on {rowsPerMaster.Count(n => n > 0)} master(s): {string.Join(", ", rowsPerMaster)}");
            Assert.True(rowsPerMaster.Sum() > 4, "each shard should hold several chunks");

            // Orleans' own providers: the membership table and the grains' state, each a key of its own.
            var db = connection.GetDatabase();
            Assert.True(await db.KeyExistsAsync($"{Service}/members/{cluster.ClusterId}"));
            Assert.True(masters.Sum(m => m.Keys(pattern: $"{Service}/state/*").Count()) > 0);
            Assert.Equal(60, await db.ListLengthAsync($"{Service}/metrics/on-cluster"));
        }

        await using var single = await LocalTrainerCluster.StartAsync(silos: 1);
        await using var singleClient = await TrainerClient.ConnectAsync(single.ClientOptions);
        await Training.IngestAsync(singleClient, "spread", Csv.Value, "y", shards: 4, chunkBytes: 64 << 10);
        var (_, reference) = await Training.RunAsync(singleClient, Spec("on-one-server", "spread", rounds: 60));
        Assert.Equal(Training.Coefficients(reference), onCluster);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    public async Task Killing_a_master_that_holds_the_jobs_keys_changes_nothing_in_the_result(int replicaAcks, int replicasPerMaster)
    {
        await using var redis = await RedisCluster.StartAsync(replicasPerMaster: replicasPerMaster);
        await using var cluster = await LocalTrainerCluster.StartAsync(2, redis,
            new Dictionary<string, string> { ["OrleansTrainer:Trainer:ReplicaAcks"] = replicaAcks.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await using var client = await TrainerClient.ConnectAsync(cluster.ClientOptions);
        await Training.IngestAsync(client, "failover", Csv.Value, "y", shards: 4, chunkBytes: 64 << 10);
        var (done, reference) = await Training.RunAsync(client, Spec("reference", "failover", rounds: 400));
        Assert.Equal(JobStatus.Completed, done.Status);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await client.StartJobAsync(Spec("killed", "failover", rounds: 400));
        await JobProgress.WaitForRoundAsync(client, "killed", 30);
        Assert.True(await connection.GetDatabase().KeyExistsAsync($"{Service}/reminders"), "the watchdog reminder is not in Redis");

        // The master of the job's metrics list: the trainer writes it at every round.
        var victim = ((System.Net.IPEndPoint)connection.GetServer((RedisKey)$"{Service}/metrics/killed").EndPoint).Port;
        var clock = Stopwatch.StartNew();
        await redis.KillAsync(victim);
        var roundAtKill = (await client.GetJobAsync("killed")).Round;
        await redis.WaitForFailoverAsync(victim);
        var promoted = clock.Elapsed;
        if (replicaAcks >= replicasPerMaster)
        {
            // The promoted replica has no replica of its own: no commit can be acknowledged until the lost node is back.
            // With a second replica per master, that one follows the promoted master and training goes on without it.
            await redis.StartAgainAsync(victim);
        }

        var nextRound = await TimeUntilRoundAsync(client, "killed", roundAtKill + 2, clock);
        output.WriteLine($"ReplicaAcks {replicaAcks}, {replicasPerMaster} replica(s) per master: killed master :{victim} at round {roundAtKill}; its replica promoted (cluster_state:ok) {promoted.TotalSeconds:F2} s after the kill; " +
                         $"round {roundAtKill + 2} committed {nextRound.TotalSeconds:F2} s after the kill");

        var nodes = await redis.NodesAsync();
        Assert.Equal(3, nodes.Count(n => n.IsMaster && !n.IsFailed && n.Port != victim));

        var status = await JobProgress.WaitForCompletionAsync(client, "killed");
        output.WriteLine(string.Join("\n", status.History.Select(e => $"{e.Kind} round {e.Round}: {e.Detail}")));
        Assert.True(status.Status == JobStatus.Completed, $"{status.Status}: {status.Reason}");
        Assert.Equal(400, status.Round);
        Assert.Equal(Training.Coefficients(reference), Training.Coefficients(await client.GetModelAsync("killed")));
    }

    private static async Task<TimeSpan> TimeUntilRoundAsync(TrainerClient client, string job, long round, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(2);
        while (clock.Elapsed < deadline)
        {
            try
            {
                if ((await client.GetJobAsync(job)).Round >= round)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // The trainer's call failed while Redis fails over; ask again.
            }

            await Task.Delay(20);
        }

        var stuck = await client.GetJobAsync(job);
        Assert.Fail($"round {round} not committed within 2 minutes of the kill; at round {stuck.Round}: " +
                    string.Join("; ", stuck.History.Select(e => $"{e.Kind} {e.Round}: {e.Detail.Split('\n')[0]}")));
        return clock.Elapsed;
    }

    private static JobSpec Spec(string name, string dataset, int rounds) => new()
    {
        Name = name, Dataset = dataset, LearningRate = 0.05, Momentum = 0.5, MaxRounds = rounds, Tolerance = 0, WeightBlocks = 3,
    };
}
