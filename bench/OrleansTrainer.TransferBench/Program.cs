using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrainer.Abstractions;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.TransferBench;

// The transfer benchmark (issue 15): a weight block of a million float64 parameters on a silo process, and this process as
// a second silo whose probe grain does a shard's round with it — pull the weights, push a sum as large, commit (the block
// writes its state to Redis) — beside, in the same loop, a plain loopback TCP copy of the same bytes, the block's state
// written again through the silo's grain storage, and a raw SET of as many bytes to the same redis-server. Every figure is
// one JSON line on stdout (median over the repetitions, with min and max); progress and a summary go to stderr.
const int Parameters = 1_000_000;
const int Warmup = 5;
const long VectorBytes = Parameters * sizeof(double);
var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
var clock = Stopwatch.StartNew();
void Say(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}");
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();

Say("starting redis-server and a silo process, then this process as the second silo ...");
await using var cluster = await LocalTrainerCluster.StartAsync(silos: 1);
await using var silo = await BenchSilo.StartAsync(cluster);
var grains = silo.Services.GetRequiredService<IGrainFactory>();

var block = grains.GetGrain<IWeightBlockGrain>("bench-transfer/0");
await block.InitializeAsync(new WeightBlockSetup
{
    Length = Parameters,
    ShardCount = 1,
    InitialWeights = new PackedVector { Bytes = new byte[VectorBytes] },
    Spec = new JobSpec { Name = "bench-transfer", Dataset = "bench-transfer", LearningRate = 0.1 },
});
var blockSilo = await BlockPlacement.MoveAwayAsync(grains, block, silo.Address);
Say($"weight block of {Parameters:N0} parameters on silo {blockSilo}; probe grain on this silo, {silo.Address}");

var probe = grains.GetGrain<ITransferProbeGrain>(0);
await using var tcp = await LoopbackCopy.ConnectAsync((int)VectorBytes);
Sample tcpCopy = new("transfer_loopback_tcp"), pull = new("transfer_block_pull"), push = new("transfer_block_push"),
    commit = new("checkpoint_block_commit_call"), storageWrite = new("checkpoint_storage_write"), rawSet = new("checkpoint_raw_set"),
    rawScript = new("checkpoint_raw_script"), serialize = new("checkpoint_storage_serialize");
CheckpointWrite? checkpoint = null;
for (var rep = 0; rep < Warmup + repetitions; rep++)
{
    var measured = rep >= Warmup;
    var tcpMs = await tcpCopy.AddIfAsync(measured, tcp.CopyAsync);
    var round = await probe.RoundAsync(block.GetPrimaryKeyString(), rep);
    if (round.Bytes != VectorBytes)
    {
        throw new InvalidOperationException($"Pulled {round.Bytes} bytes, expected {VectorBytes}.");
    }

    checkpoint ??= await CheckpointWrite.PrepareAsync(silo.Services, cluster.ServiceId, block, grains.GetGrain<IWeightBlockGrain>("bench-transfer-checkpoint/0"));
    // The writes in turn, so that none always follows another (redis-server's append-only file, its rewrites).
    (Sample Sample, Func<Task<double>> Write)[] writes =
        [(storageWrite, checkpoint.StorageWriteAsync), (rawSet, checkpoint.RawSetAsync), (rawScript, checkpoint.RawScriptAsync)];
    for (var w = 0; w < writes.Length; w++)
    {
        var (sample, write) = writes[(rep + w) % writes.Length];
        await sample.AddIfAsync(measured, write);
    }
    if (measured)
    {
        pull.Add(round.PullMs);
        push.Add(round.PushMs);
        commit.Add(round.CommitMs);
        serialize.Add(checkpoint.Serialize());
    }

    Say($"rep {rep + 1}/{Warmup + repetitions}{(measured ? "" : " (warm-up)")}: tcp {tcpMs:F1} ms, pull {round.PullMs:F1} ms, push {round.PushMs:F1} ms, commit {round.CommitMs:F1} ms");
}

var payload = checkpoint!.PayloadBytes;
var machine = new Dictionary<string, object>
{
    ["name"] = "transfer_machine", ["cpus"] = Environment.ProcessorCount, ["loadavg_before"] = loadBefore,
    ["loadavg_after"] = File.ReadAllText("/proc/loadavg").Trim(), ["parameters"] = Parameters, ["checkpoint_payload_bytes"] = payload,
};
Console.WriteLine(JsonSerializer.Serialize(machine));
tcpCopy.Print(VectorBytes, new Dictionary<string, object> { ["peer"] = "two loopback sockets in one process, send to 1-byte ack" });
pull.Print(VectorBytes, new Dictionary<string, object> { ["from"] = "silo process", ["to"] = "grain on the bench silo" });
push.Print(VectorBytes);
commit.Print(payload, new Dictionary<string, object> { ["what"] = "CommitAsync(Step) from the probe: the update and the state write of the block" });
storageWrite.Print(payload, new Dictionary<string, object> { ["what"] = "IGrainStorage.WriteStateAsync of the committed WeightBlockState" });
rawSet.Print(payload, new Dictionary<string, object> { ["what"] = "StackExchange.Redis StringSetAsync, same connection" });
rawScript.Print(payload, new Dictionary<string, object> { ["what"] = "the write script of the storage with the raw bytes, same connection" });
serialize.Print(payload, new Dictionary<string, object> { ["what"] = "OrleansGrainStorageSerializer.Serialize alone" });
var pullRate = Sample.GigabytesPerSecond(VectorBytes, pull.MedianMs);
var pushRate = Sample.GigabytesPerSecond(VectorBytes, push.MedianMs);
var tcpRate = Sample.GigabytesPerSecond(VectorBytes, tcpCopy.MedianMs);
Sample.PrintRatio("ratio_pull_to_loopback_tcp", pullRate / tcpRate, "pull >= 1 GB/s", pullRate >= 1);
Sample.PrintRatio("ratio_push_to_loopback_tcp", pushRate / tcpRate, "push >= 1 GB/s", pushRate >= 1);
var checkpointRatio = storageWrite.MedianMs / rawSet.MedianMs;
Sample.PrintRatio("ratio_checkpoint_to_raw_set", checkpointRatio, "<= 1.5", checkpointRatio <= 1.5);
Say($"pull {pullRate:F2} GB/s, push {pushRate:F2} GB/s, loopback TCP {tcpRate:F2} GB/s; checkpoint {storageWrite.MedianMs:F1} ms " +
    $"vs raw SET {rawSet.MedianMs:F1} ms ({checkpointRatio:F2}x, {payload:N0} bytes; the write script alone {rawScript.MedianMs:F1} ms, " +
    $"the serializer alone {serialize.MedianMs:F1} ms; commit call {commit.MedianMs:F1} ms)");
return 0;
