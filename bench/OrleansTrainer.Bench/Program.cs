using System.Diagnostics;
using OrleansTrainer.Bench;
using OrleansTrainer.Ingest;
using OrleansTrainer.LocalCluster;
using OrleansTrainer.Numerics;

// Benchmarks of the foundation (issue 2), all in one run on this machine:
//  1. a full-batch round on DATA (1M x 100 float32) through 2 silo processes + Redis with 8 shards, against the same
//     gradient computed by our kernel in this one process (1 and 2 threads);
//  2. the BSP coordination overhead: a round with 16 shards x 4 weight blocks, d = 100, on tiny shards.
if (args.Length is 4 or 5 && args[0] == "solvers")
{
    // solvers REGRESSION.otds LOGISTIC.otds TARGET_LOG_LOSS [TASKS]: TASKS a comma list of ols, ridge, sgd, logistic (all without it)
    var tasks = args.Length == 5 ? args[4].Split(',') : ["ols", "ridge", "sgd", "logistic"];
    await using var solverCluster = await LocalTrainerCluster.StartAsync(silos: 2);
    await using var solverClient = await OrleansTrainer.Client.TrainerClient.ConnectAsync(solverCluster.ClientOptions);
    if (tasks.Intersect(["ols", "ridge", "sgd"]).Any())
    {
        var regressionRows = await SolverBench.IngestAsync(solverClient, "reg", args[1], OrleansTrainer.Abstractions.ModelKind.LinearRegression);
        await SolverBench.NormalEquationsAsync(solverClient, "reg", regressionRows, tasks);
        if (tasks.Contains("sgd"))
        {
            await SolverBench.LocalSgdAsync(solverClient, "reg", args[1]);
        }
    }

    if (tasks.Contains("logistic"))
    {
        var logisticRows = await SolverBench.IngestAsync(solverClient, "log", args[2], OrleansTrainer.Abstractions.ModelKind.LogisticRegression);
        await SolverBench.LogisticAsync(solverClient, "log", logisticRows, double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    return 0;
}

if (args.Length >= 2 && args[0] == "judging")
{
    // judging REGRESSION.otds [validation,cv,halving]: validation overhead, 5-fold CV of ridge over 8 alphas, successive
    // halving (issue 13); all three without a list
    var parts = args.Length > 2 ? args[2].Split(',') : ["validation", "cv", "halving"];
    await using var judgingCluster = await LocalTrainerCluster.StartAsync(silos: 2);
    await using var judgingClient = await OrleansTrainer.Client.TrainerClient.ConnectAsync(judgingCluster.ClientOptions);
    await SolverBench.IngestAsync(judgingClient, "reg", args[1], OrleansTrainer.Abstractions.ModelKind.LinearRegression);
    if (parts.Contains("validation"))
    {
        await JudgingBench.ValidationOverheadAsync(judgingClient, "reg", rounds: 20, repeats: 3);
    }

    if (parts.Contains("cv"))
    {
        await JudgingBench.CrossValidatedRidgeAsync(judgingClient, "reg", [1e-2, 1e-1, 1, 10, 100, 1e3, 1e4, 1e5], concurrent: 2);
    }

    if (parts.Contains("halving"))
    {
        await JudgingBench.HalvingAsync(judgingClient, "reg", [0.003, 0.01, 0.03, 0.1, 0.3, 0.6, 0.9, 1.2, 1.5], minRounds: 3, maxRounds: 27, concurrent: 3);
    }

    return 0;
}

if (args.Length == 4 && args[0] == "ingest")
{
    // ingest DATA.csv DATA.otds SHARDS: ingestion throughput of the same rows as CSV and as Parquet (issue 14)
    await using var ingestCluster = await LocalTrainerCluster.StartAsync(silos: 2);
    await using var ingestClient = await OrleansTrainer.Client.TrainerClient.ConnectAsync(ingestCluster.ClientOptions);
    await IngestBench.RunAsync(ingestClient, args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length == 2 && args[0] == "staleness")
{
    await StalenessBench.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length >= 4 && args[0] == "sparse")
{
    // sparse DATA.otds PEER_SGD.json PEER_LBFGS.json [key=value ...]: the sparse-model benchmark (issue 5)
    var settings = args.Skip(4).Select(a => a.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
    string Setting(string key, string fallback) => settings.GetValueOrDefault(key, fallback);
    int[] Ints(string key, string fallback) => Setting(key, fallback).Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    double Real(string key, string fallback) => double.Parse(Setting(key, fallback), System.Globalization.CultureInfo.InvariantCulture);
    var sparseOptions = new SparseBenchOptions(args[1], args[2], args[3], Ints("shards", "4")[0], Ints("batches", "10000,100000"),
        Ints("sgd-blocks", "4,8"), Real("rate-per-row", "4"), Real("adagrad-rate", "4"), Ints("lbfgs-blocks", "4"), Ints("iterations", "50")[0],
        Setting("local-sgd-rates", "4,16").Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    var sparseClock = Stopwatch.StartNew();
    void SayTimed(string message) => Console.Error.WriteLine($"[{sparseClock.Elapsed.TotalSeconds,7:F1}s] {message}");
    SayTimed("starting redis-server and 2 silo processes ...");
    await using var sparseCluster = await LocalTrainerCluster.StartAsync(silos: 2);
    await using var sparseClient = await OrleansTrainer.Client.TrainerClient.ConnectAsync(sparseCluster.ClientOptions);
    await SparseBench.RunAsync(sparseClient, sparseCluster.Redis.ConnectionString, sparseOptions, SayTimed);
    SayTimed("done");
    return 0;
}

if (args.Length == 3 && args[0] == "replica-acks")
{
    // replica-acks RUNS ROUNDS: the cost of WAIT after every commit on a Redis Cluster (ReplicaAcks 0 against 1)
    var acksClock = Stopwatch.StartNew();
    await ReplicaAckBench.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
        message => Console.Error.WriteLine($"[{acksClock.Elapsed.TotalSeconds,6:F1}s] {message}"));
    return 0;
}

if (args.Length is 1 or 2 or 3 && args[0] == "bsp")
{
    // bsp [ROUNDS] [PAIRS]: only the BSP coordination round (issue 15, row 6), carried and pulled (TrainerOptions'
    // CarriedRoundParameters at 0) in fresh clusters, alternated PAIRS times
    var bspRounds = args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000;
    var pairs = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
    for (var pair = 0; pair < pairs; pair++)
    {
        foreach (var carried in new[] { true, false })
        {
            var settings = carried ? new Dictionary<string, string>() : new Dictionary<string, string> { ["OrleansTrainer:Trainer:CarriedRoundParameters"] = "0" };
            await using var bspCluster = await LocalTrainerCluster.StartAsync(silos: 2, settings);
            await using var bspClient = await OrleansTrainer.Client.TrainerClient.ConnectAsync(bspCluster.ClientOptions);
            await BspRounds.RunAsync(bspClient, bspRounds, carried);
        }
    }

    return 0;
}

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: OrleansTrainer.Bench DATA.otds [rounds] | bsp [ROUNDS] [PAIRS] | solvers REG.otds LOG.otds TARGET_LOG_LOSS [ols,ridge,sgd,logistic] | staleness ROUNDS | ingest DATA.csv DATA.otds SHARDS | sparse CSR.otds PEER_SGD.json PEER_LBFGS.json [key=value ...] | replica-acks RUNS ROUNDS");
    return 2;
}

var dataPath = args[0];
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var clock = Stopwatch.StartNew();
void Say(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}");

Say($"loading {dataPath} for the single-process baseline ...");
var data = await DenseData.LoadAsync(dataPath);
var rows = data.Labels.Length;
var weights = Enumerable.Range(0, data.Columns).Select(j => 1e-3 * (j % 7)).ToArray();
var gradient = new double[data.Columns];
double KernelMs(int threads)
{
    var times = new List<double>();
    for (var rep = 0; rep < 11; rep++)
    {
        Array.Clear(gradient);
        var started = Stopwatch.GetTimestamp();
        _ = threads == 1
            ? GradientKernel.Accumulate(LossKind.SquaredError, data.Features, data.Labels, weights, 0.1, gradient)
            : GradientKernel.AccumulateParallel(LossKind.SquaredError, data.Features, data.Labels, weights, 0.1, gradient, threads);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    return Measurement.Median(times.Skip(1));
}

var kernel1 = KernelMs(1);
var kernel2 = KernelMs(2);
var shape = new Dictionary<string, object> { ["rows"] = rows, ["cols"] = data.Columns, ["dtype"] = "float32" };
new Measurement("kernel_gradient_1_thread", kernel1, "ms", shape).Print();
new Measurement("kernel_gradient_2_threads", kernel2, "ms", shape).Print();
data = null;
GC.Collect();

Say("starting redis-server and 2 silo processes ...");
await using var cluster = await LocalTrainerCluster.StartAsync(silos: 2);
await using var client = await OrleansTrainer.Client.TrainerClient.ConnectAsync(cluster.ClientOptions);

Say("ingesting into 8 shards ...");
var ingestStarted = Stopwatch.GetTimestamp();
using (var reader = OtdsRowReader.Open(dataPath))
{
    await client.CreateDatasetAsync("bench", reader, new IngestOptions { ShardCount = 8 });
}

var ingestSeconds = Stopwatch.GetElapsedTime(ingestStarted).TotalSeconds;
new Measurement("ingest_otds_8_shards", ingestSeconds, "s", new Dictionary<string, object>(shape) { ["rows_per_s"] = Math.Round(rows / ingestSeconds) }).Print();

Say("warm-up job (shards load their rows from Redis) ...");
await ClusterRounds.RunAsync(client, "bench", "warmup", 2, 1);
Say($"{rounds} full-batch rounds ...");
var full = await ClusterRounds.RunAsync(client, "bench", "fullbatch", rounds, 1);
var (roundMs, wallMs, computeMs) = (full.MedianRoundMs, full.WallPerRoundMs, full.MedianComputeMs);
var details = new Dictionary<string, object>(shape)
{
    ["shards"] = 8, ["silos"] = 2, ["blocks"] = 1, ["rounds"] = rounds, ["median_commit_ms"] = Math.Round(full.MedianCommitMs, 3),
    ["median_interval_ms"] = Math.Round(full.MedianIntervalMs, 3),
};
new Measurement("cluster_round_1m_x_100", roundMs, "ms", details).Print();
new Measurement("cluster_round_wall_1m_x_100", wallMs, "ms", details).Print();
new Measurement("cluster_round_shard_compute_1m_x_100", computeMs, "ms", details).Print();
new Measurement("ratio_cluster_round_to_kernel_2_threads", roundMs / kernel2, "x", details).Print();
new Measurement("ratio_cluster_wall_round_to_kernel_2_threads", wallMs / kernel2, "x", details).Print();

Say("BSP overhead: 16 shards x 4 blocks, d = 100 ...");
await BspRounds.RunAsync(client, 2_000, carried: true);
Say("done");
return 0;
