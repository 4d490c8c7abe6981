using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.ScalingBench;

/// <summary>What one silo count measured on the dense file.</summary>
/// <param name="RoundMs">Full-batch gradient round, wall clock per round, ms.</param>
/// <param name="NormalEquationsSeconds">Ridge by the normal equations, job start to finish, seconds.</param>
/// <param name="LbfgsEvaluationMs">Ridge by L-BFGS, wall clock per evaluation, ms.</param>
/// <param name="LbfgsSecondsToPeer">Ridge by L-BFGS, seconds to scikit-learn's objective; null if not reached.</param>
internal sealed record DenseResult(double RoundMs, double NormalEquationsSeconds, double LbfgsEvaluationMs, double? LbfgsSecondsToPeer);

/// <summary>
/// The dense half of one configuration: ingests the regression file, then times full-batch gradient rounds (against
/// numpy's gradient pass), ridge by the normal equations and ridge by L-BFGS (against scikit-learn's Ridge).
/// </summary>
internal static class DenseScaling
{
    private const string Dataset = "dense";

    public static async Task<DenseResult> RunAsync(TrainerClient client, ScalingSettings settings, Peers peers, int shards,
        IReadOnlyDictionary<string, object?> configuration, Action<string> say)
    {
        say($"ingesting {settings.DensePath} into {shards} shards ...");
        var started = Stopwatch.GetTimestamp();
        using (var reader = OtdsRowReader.Open(settings.DensePath))
        {
            await client.CreateDatasetAsync(Dataset, reader, new IngestOptions { ShardCount = shards });
        }

        var ingestSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var info = await client.GetDatasetAsync(Dataset);
        var rows = info.TotalRows;
        var shape = new Dictionary<string, object?>(configuration) { ["rows"] = rows, ["cols"] = info.Schema.FeatureCount };
        new Figure("scaling_dense_ingest_seconds", ingestSeconds, "s", Figure.With(shape, ("rows_per_s", Math.Round(rows / ingestSeconds)))).Print();

        say("warm-up job (the shards load their rows from Redis) ...");
        await FinishedJob.RunAsync(client, Rounds("dense-warmup", 2));
        say($"{settings.Rounds} full-batch gradient rounds ...");
        var rounds = await FinishedJob.RunAsync(client, Rounds("dense-rounds", settings.Rounds));
        var numpyMs = peers.NumpyGrad.Seconds * 1000;
        new Figure("scaling_dense_round_ms", rounds.WallPerRoundMs, "ms", Figure.With(shape,
            ("rounds", rounds.Rounds.Length), ("median_round_ms", rounds.MedianRoundMs), ("median_shard_compute_ms", rounds.MedianComputeMs),
            ("numpy_grad_ms", numpyMs), ("numpy_threads", peers.NumpyGrad.Threads), ("ratio_to_numpy_grad", rounds.WallPerRoundMs / numpyMs))).Print();

        var l2 = peers.RidgeL2(rows);
        var peerObjective = peers.RidgeObjective(rows);
        var peerFacts = Figure.With(shape, ("l2", l2), ("sklearn_alpha", peers.Ridge.Parameter("alpha")), ("sklearn_objective_mean_form", peerObjective),
            ("sklearn_seconds", peers.Ridge.Seconds), ("sklearn_threads", peers.Ridge.Threads));

        say("ridge by the normal equations ...");
        var normal = await FinishedJob.RunAsync(client, new JobSpec { Name = "ridge-normal", Dataset = Dataset, Solver = SolverKind.NormalEquations, L2 = l2 });
        new Figure("scaling_ridge_normal_equations_seconds", normal.Seconds, "s", Figure.With(peerFacts,
            ("objective", normal.BestObjective), ("ratio_to_sklearn", normal.Seconds / peers.Ridge.Seconds), ("reason", normal.Status.Reason))).Print();

        say("ridge by L-BFGS ...");
        var lbfgs = await FinishedJob.RunAsync(client, new JobSpec
        {
            Name = "ridge-lbfgs", Dataset = Dataset, Solver = SolverKind.Lbfgs, L2 = l2, MaxRounds = 100,
        });
        var target = peerObjective * (1 + Peers.Slack);
        var reached = lbfgs.TimeTo(target);
        new Figure("scaling_ridge_lbfgs_to_sklearn_seconds", reached?.Seconds, "s", Figure.With(peerFacts,
            ("target_objective", target), ("reached_at_evaluation", reached?.Round), ("evaluations", lbfgs.Rounds.Length),
            ("wall_ms_per_evaluation", lbfgs.WallPerRoundMs), ("median_round_ms", lbfgs.MedianRoundMs), ("median_shard_compute_ms", lbfgs.MedianComputeMs),
            ("total_seconds", lbfgs.Seconds), ("best_objective", lbfgs.BestObjective), ("reason", lbfgs.Status.Reason),
            ("ratio_to_sklearn", reached?.Seconds / peers.Ridge.Seconds))).Print();

        return new DenseResult(rounds.WallPerRoundMs, normal.Seconds, lbfgs.WallPerRoundMs, reached?.Seconds);
    }

    /// <summary>Plain full-batch gradient rounds with a negligible step: the cost of an epoch, not a fit.</summary>
    private static JobSpec Rounds(string name, int rounds) => new()
    {
        Name = name, Dataset = Dataset, Standardize = false, LearningRate = 1e-9, MaxRounds = rounds, Tolerance = 0,
    };
}
