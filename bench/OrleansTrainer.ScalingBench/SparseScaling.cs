using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.ScalingBench;

/// <summary>What one silo count measured on the sparse file.</summary>
/// <param name="LbfgsEvaluationMs">Logistic L-BFGS, wall clock per evaluation, ms.</param>
/// <param name="LbfgsSecondsToPeer">Logistic L-BFGS, seconds to scikit-learn's objective; null if not reached.</param>
internal sealed record SparseResult(double LbfgsEvaluationMs, double? LbfgsSecondsToPeer);

/// <summary>
/// The sparse half of one configuration: ingests the CSR logistic file, then runs L-BFGS with scikit-learn's
/// regularization (L2 = 1/(C n)) and iteration cap, against LogisticRegression(lbfgs) on the same file.
/// </summary>
internal static class SparseScaling
{
    private const string Dataset = "sparse";

    public static async Task<SparseResult> RunAsync(TrainerClient client, ScalingSettings settings, Peers peers, int shards,
        IReadOnlyDictionary<string, object?> configuration, Action<string> say)
    {
        say($"ingesting {settings.SparsePath} into {shards} shards ...");
        var started = Stopwatch.GetTimestamp();
        using (var reader = OtdsSparseRowReader.Open(settings.SparsePath))
        {
            await client.CreateSparseDatasetAsync(Dataset, reader, new IngestOptions { ShardCount = shards });
        }

        var ingestSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var info = await client.GetDatasetAsync(Dataset);
        var rows = info.TotalRows;
        var shape = Figure.With(configuration, ("rows", rows), ("dimension", info.Schema.FeatureCount), ("blocks", settings.SparseBlocks));
        new Figure("scaling_sparse_ingest_seconds", ingestSeconds, "s", Figure.With(shape,
            ("rows_per_s", Math.Round(rows / ingestSeconds)), ("stored_bytes", info.StoredBytes))).Print();

        // The shards load their rows from Redis and the silos compile the sparse pass: one round first.
        say("warm-up job ...");
        await FinishedJob.RunAsync(client, new JobSpec
        {
            Name = "sparse-warmup", Dataset = Dataset, Model = ModelKind.LogisticRegression, Standardize = false, LearningRate = 1e-9,
            MaxRounds = 1, Tolerance = 0, WeightBlocks = settings.SparseBlocks,
        });

        var l2 = peers.LogisticL2(rows);
        say($"logistic L-BFGS, at most {settings.Iterations} iterations, {settings.SparseBlocks} blocks, L2 {l2:G4} ...");
        var lbfgs = await FinishedJob.RunAsync(client, new JobSpec
        {
            Name = "sparse-lbfgs", Dataset = Dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, L2 = l2,
            Standardize = false, MaxRounds = settings.Iterations, Tolerance = 0, GradientTolerance = 0, WeightBlocks = settings.SparseBlocks,
        });
        var peerObjective = peers.LogisticObjective(rows);
        var target = peerObjective * (1 + Peers.Slack);
        var reached = lbfgs.TimeTo(target);
        new Figure("scaling_sparse_lbfgs_to_sklearn_seconds", reached?.Seconds, "s", Figure.With(shape,
            ("l2", l2), ("sklearn_C", peers.Logistic.Parameter("C")), ("target_objective", target), ("sklearn_objective_mean_form", peerObjective),
            ("reached_at_evaluation", reached?.Round), ("evaluations", lbfgs.Rounds.Length), ("wall_ms_per_evaluation", lbfgs.WallPerRoundMs),
            ("median_round_ms", lbfgs.MedianRoundMs), ("median_shard_compute_ms", lbfgs.MedianComputeMs), ("total_seconds", lbfgs.Seconds),
            ("best_objective", lbfgs.BestObjective), ("reason", lbfgs.Status.Reason), ("sklearn_seconds", peers.Logistic.Seconds),
            ("sklearn_n_iter", peers.Logistic.Iterations), ("sklearn_threads", peers.Logistic.Threads),
            ("ratio_to_sklearn", reached?.Seconds / peers.Logistic.Seconds))).Print();

        return new SparseResult(lbfgs.WallPerRoundMs, reached?.Seconds);
    }
}
