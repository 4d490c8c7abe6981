using System.Diagnostics;
using System.Text.Json;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using StackExchange.Redis;

namespace OrleansTrainer.Bench;

/// <summary>What the sparse benchmark runs: the data, the peer's results to compare with, and the job grid.</summary>
/// <param name="DataPath">The CSR OTDS file (1M rows × 2^20 columns in the issue).</param>
/// <param name="PeerSgdJson">peer_bench.py's JSON of SGDClassifier(log_loss, one epoch) on the same file.</param>
/// <param name="PeerLbfgsJson">peer_bench.py's JSON of LogisticRegression(lbfgs, max_iter) on the same file; its C sets our L2.</param>
/// <param name="Shards">Shards of the dataset.</param>
/// <param name="Batches">Mini-batch sizes (rows over the whole dataset) of the SGD epochs.</param>
/// <param name="SgdBlocks">Weight-block counts of the SGD epochs.</param>
/// <param name="RatePerRow">Plain SGD's learning rate is this times the batch size (the gradient is a batch mean); it runs without an intercept, whose curvature would not stand that rate.</param>
/// <param name="AdaGradRate">AdaGrad's learning rate (with an intercept; 0 skips the AdaGrad epochs).</param>
/// <param name="LbfgsBlocks">Weight-block counts of the L-BFGS runs; 0 skips L-BFGS.</param>
/// <param name="LbfgsIterations">L-BFGS iterations (JobSpec.MaxRounds).</param>
/// <param name="LocalSgdRates">Per-example learning rates of the one-round local SGD epochs (each shard walks its own rows one at a time; the blocks average); 0 skips.</param>
internal sealed record SparseBenchOptions(
    string DataPath, string PeerSgdJson, string PeerLbfgsJson, int Shards, int[] Batches, int[] SgdBlocks, double RatePerRow, double AdaGradRate,
    int[] LbfgsBlocks, int LbfgsIterations, double[] LocalSgdRates);

/// <summary>
/// The sparse-model benchmark (issue 5), through 2 silo processes + Redis: ingestion of a CSR file, one epoch of
/// mini-batch SGD, and L-BFGS, each against scikit-learn's result on the same file. Every figure is one JSON line
/// (<see cref="Measurement"/>); the loss of every model is evaluated here on all rows, not taken from a batch.
/// </summary>
internal static class SparseBench
{
    private const string Dataset = "sparse";

    public static async Task RunAsync(TrainerClient client, string redis, SparseBenchOptions options, Action<string> say)
    {
        var peerSgd = Peer.Read(options.PeerSgdJson);
        var peerLbfgs = Peer.Read(options.PeerLbfgsJson);
        using var redisConnection = await ConnectionMultiplexer.ConnectAsync(redis + ",allowAdmin=true");
        var server = redisConnection.GetServer(redisConnection.GetEndPoints()[0]);

        say($"ingesting {options.DataPath} into {options.Shards} shards ...");
        var started = Stopwatch.GetTimestamp();
        DatasetInfo info;
        using (var reader = OtdsSparseRowReader.Open(options.DataPath))
        {
            info = await client.CreateSparseDatasetAsync(Dataset, reader, new IngestOptions { ShardCount = options.Shards });
        }

        var ingestSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        info = await client.GetDatasetAsync(Dataset);
        new Measurement("sparse_ingest_seconds", ingestSeconds, "s", new Dictionary<string, object>
        {
            ["rows"] = info.TotalRows, ["dimension"] = info.Schema.FeatureCount, ["shards"] = options.Shards,
            ["stored_bytes"] = info.StoredBytes, ["file_bytes"] = new FileInfo(options.DataPath).Length,
            ["rows_per_s"] = Math.Round(info.TotalRows / ingestSeconds), ["redis_used_memory_bytes"] = await UsedMemoryAsync(server),
        }).Print();

        say("loading the file here to evaluate models on all rows ...");
        var rows = await SparseRows.LoadAsync(options.DataPath);

        // The shards load their rows from Redis and the silos JIT the sparse round: a short SGD job first. (L-BFGS gets
        // no warm-up: its rounds take seconds, against which JIT is noise.)
        say("warm-up job ...");
        await RunJobAsync(client, server, Sgd("warmup-sgd", 10_000, options.SgdBlocks[0], 1e-9, 5), rows);

        foreach (var rate in options.LocalSgdRates.Where(r => r > 0))
        {
            // One round: every shard takes one step per row (BatchSize = shards: one row a shard a step) over its rows in
            // a seeded order, then the blocks average the shards' models weighted by rows.
            var steps = (int)((info.TotalRows + options.Shards - 1) / options.Shards);
            say($"one epoch of per-example local SGD: {options.Shards} shards x {steps} steps, 1 round, {options.SgdBlocks[0]} blocks, learning rate {rate} ...");
            var spec = Sgd($"local-sgd-r{rate}", options.Shards, options.SgdBlocks[0], rate, 1) with
            {
                Solver = SolverKind.LocalSgd, LocalSteps = steps,
            };
            var run = await RunJobAsync(client, server, spec, rows);
            run.Print($"sparse_local_sgd_epoch_rate{rate}_seconds", peerSgd, target: 1.0, new Dictionary<string, object>
            {
                ["optimizer"] = "per-example sgd, one-shot model averaging", ["batch_size_per_shard"] = 1, ["local_steps"] = steps,
                ["learning_rate"] = rate, ["l2"] = 0.0, ["fit_intercept"] = false,
            });
        }

        var rules = options.AdaGradRate > 0 ? new[] { OptimizerKind.Sgd, OptimizerKind.AdaGrad } : [OptimizerKind.Sgd];
        foreach (var rule in rules)
        {
            foreach (var batch in options.Batches.Where(b => b > 0))
            {
                foreach (var blocks in options.SgdBlocks)
                {
                    var rounds = (int)((info.TotalRows + batch - 1) / batch);
                    var (rate, intercept) = rule == OptimizerKind.Sgd ? (options.RatePerRow * batch, false) : (options.AdaGradRate, true);
                    var label = rule.ToString().ToLowerInvariant();
                    say($"one epoch of {label}: batch {batch}, {rounds} rounds, {blocks} blocks, learning rate {rate} ...");
                    var spec = Sgd($"{label}-b{batch}-w{blocks}", batch, blocks, rate, rounds) with { Optimizer = rule, FitIntercept = intercept };
                    var run = await RunJobAsync(client, server, spec, rows);
                    run.Print($"sparse_{label}_epoch_batch{batch}_blocks{blocks}_seconds", peerSgd, target: 1.0, new Dictionary<string, object>
                    {
                        ["optimizer"] = label, ["batch_size"] = batch, ["learning_rate"] = rate, ["l2"] = 0.0, ["fit_intercept"] = intercept,
                    });
                }
            }
        }

        var l2 = 1.0 / (peerLbfgs.C * info.TotalRows);
        foreach (var blocks in options.LbfgsBlocks.Where(b => b > 0))
        {
            say($"L-BFGS, {options.LbfgsIterations} iterations, {blocks} blocks, L2 {l2:G4} ...");
            var run = await RunJobAsync(client, server, Lbfgs($"lbfgs-w{blocks}", blocks, l2, options.LbfgsIterations), rows);
            // scikit-learn's objective is C·Σ loss + ½‖w‖² = C·n·(mean loss + L2/2 ‖w‖²), ours in mean form.
            var ours = run.LogLoss + l2 / 2 * run.WeightNormSquared;
            // Issue 15 row 1: the time until a round's objective (mean form, at the point it evaluated) is at most
            // scikit-learn's final one, from the trainer's own stamps; against scikit-learn's whole fit.
            var sklearnMeanForm = (peerLbfgs.Objective ?? double.NaN) / (peerLbfgs.C * info.TotalRows);
            var reached = run.Metrics.FirstOrDefault(m => m.Objective <= sklearnMeanForm);
            var details = new Dictionary<string, object>
            {
                ["l2"] = l2, ["sklearn_C"] = peerLbfgs.C, ["objective_mean_form"] = ours, ["objective_sklearn_form"] = ours * peerLbfgs.C * info.TotalRows,
                ["sklearn_objective"] = peerLbfgs.Objective ?? double.NaN, ["sklearn_n_iter"] = peerLbfgs.Iterations ?? -1,
                ["reached_sklearn_objective"] = reached is not null, ["target_ratio_to_sklearn_objective"] = 1.0,
            };
            if (reached is not null)
            {
                details["seconds_to_sklearn_objective"] = reached.ElapsedMilliseconds / 1000;
                details["round_reaching_sklearn_objective"] = reached.Round;
                details["ratio_to_sklearn_objective"] = reached.ElapsedMilliseconds / 1000 / peerLbfgs.Seconds;
            }

            run.Print($"sparse_lbfgs_{options.LbfgsIterations}_blocks{blocks}_seconds", peerLbfgs, target: 0.5, details);
        }
    }

    private static JobSpec Sgd(string name, int batch, int blocks, double rate, int rounds) => new()
    {
        Name = name, Dataset = Dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.MiniBatchSgd, BatchSize = batch,
        LearningRate = rate, L2 = 0, FitIntercept = false, Standardize = false, Consistency = ConsistencyMode.Bsp,
        MaxRounds = rounds, Tolerance = 0, WeightBlocks = blocks, Seed = 1,
    };

    private static JobSpec Lbfgs(string name, int blocks, double l2, int iterations) => new()
    {
        Name = name, Dataset = Dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, L2 = l2,
        Standardize = false, Consistency = ConsistencyMode.Bsp, MaxRounds = iterations, Tolerance = 0, GradientTolerance = 0,
        WeightBlocks = blocks,
    };

    private static async Task<JobRun> RunJobAsync(TrainerClient client, IServer redis, JobSpec spec, SparseRows rows)
    {
        var redisBefore = await NetInputBytesAsync(redis);
        var clock = Stopwatch.StartNew();
        await client.StartJobAsync(spec);
        var status = await client.WaitForJobAsync(spec.Name, TimeSpan.FromMilliseconds(10));
        var clientSeconds = clock.Elapsed.TotalSeconds;
        var redisBytes = await NetInputBytesAsync(redis) - redisBefore;
        if (status.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException($"{spec.Name} ended {status.Status}: {status.Reason}");
        }

        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync(spec.Name))
        {
            metrics.Add(m);
        }

        var model = await client.GetModelAsync(spec.Name);
        var (loss, accuracy) = rows.Evaluate(model.Weights, model.Intercept);
        double norm = 0;
        foreach (var w in model.Weights)
        {
            norm += w * w;
        }

        return new JobRun(spec, status, metrics, clientSeconds, redisBytes, loss, accuracy, norm);
    }

    private static async Task<long> NetInputBytesAsync(IServer server) => await InfoAsync(server, "stats", "total_net_input_bytes");

    private static async Task<long> UsedMemoryAsync(IServer server) => await InfoAsync(server, "memory", "used_memory");

    private static async Task<long> InfoAsync(IServer server, string section, string key)
    {
        var groups = await server.InfoAsync(section);
        return long.Parse(groups.SelectMany(g => g).First(p => p.Key == key).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The fields of a peer_bench.py JSON object this benchmark compares with.</summary>
    private sealed record Peer(string Task, double Seconds, double LogLoss, double? Objective, int? Iterations, double C)
    {
        public static Peer Read(string path)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            var parameters = root.GetProperty("params");
            return new Peer(root.GetProperty("task").GetString()!, root.GetProperty("seconds").GetDouble(), root.GetProperty("loss").GetDouble(),
                Number(root, "objective"), (int?)Number(root, "n_iter"), Number(parameters, "C") ?? double.NaN);
        }
    }

    /// <summary>One finished job, its rounds and its model's full-data loss, printed as two lines: time, and traffic.</summary>
    private sealed record JobRun(JobSpec Spec, JobStatusInfo Status, List<RoundMetrics> Metrics, double ClientSeconds, long RedisInputBytes,
        double LogLoss, double Accuracy, double WeightNormSquared)
    {
        private double Seconds => (Status.FinishedAt!.Value - Status.StartedAt!.Value).TotalSeconds;

        public void Print(string name, Peer peer, double target, Dictionary<string, object> details)
        {
            var rounds = Metrics.Count;
            var wallPerRound = Seconds * 1000 / rounds;
            var roundMs = Measurement.Median(Metrics.Select(m => m.RoundMilliseconds));
            var line = new Dictionary<string, object>(details)
            {
                ["blocks"] = Spec.WeightBlocks, ["rounds"] = rounds, ["reason"] = Status.Reason, ["client_seconds"] = Math.Round(ClientSeconds, 3),
                ["log_loss"] = LogLoss, ["accuracy"] = Accuracy, ["last_round_loss"] = Metrics[^1].Loss,
                ["sklearn_task"] = peer.Task, ["sklearn_seconds"] = Math.Round(peer.Seconds, 3), ["sklearn_log_loss"] = peer.LogLoss,
                ["ratio_ours_to_sklearn"] = Math.Round(Seconds / peer.Seconds, 3), ["target_ratio"] = target,
                ["wall_ms_per_round"] = Math.Round(wallPerRound, 2), ["median_round_ms"] = Math.Round(roundMs, 2),
                ["median_shard_compute_ms"] = Math.Round(Measurement.Median(Metrics.Select(m => m.ComputeMilliseconds)), 2),
                ["median_commit_ms"] = Math.Round(Measurement.Median(Metrics.Select(m => m.CommitMilliseconds)), 2),
                ["median_pull_ms"] = Math.Round(Measurement.Median(Metrics.Select(m => m.PullMilliseconds)), 2),
                ["median_push_ms"] = Math.Round(Measurement.Median(Metrics.Select(m => m.PushMilliseconds)), 2),
                ["between_rounds_ms"] = Math.Round(wallPerRound - roundMs, 2),
                ["median_round_interval_ms"] = Math.Round(Measurement.Median(Metrics.Zip(Metrics.Skip(1), (a, b) => b.ElapsedMilliseconds - a.ElapsedMilliseconds)), 2),
                ["redis_input_bytes_per_round"] = RedisInputBytes / rounds,
            };
            new Measurement(name, Seconds, "s", line).Print();

            var moved = Measurement.Median(Metrics.Select(m => (double)m.BytesMoved));
            var dense = Measurement.Median(Metrics.Select(m => (double)m.DenseBytes));
            new Measurement(name.Replace("_seconds", "_bytes_moved_ratio", StringComparison.Ordinal), moved / dense, "x", new Dictionary<string, object>
            {
                ["bytes_moved_per_round_median"] = moved, ["dense_bytes_per_round_median"] = dense,
                ["bytes_moved_per_round_max"] = Metrics.Max(m => m.BytesMoved), ["redis_input_bytes_per_round"] = RedisInputBytes / rounds,
                ["blocks"] = Spec.WeightBlocks, ["rounds"] = rounds,
            }).Print();
        }
    }
}
