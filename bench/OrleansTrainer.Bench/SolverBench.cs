using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Bench;

/// <summary>
/// Time to solution through the cluster (issue 3): least squares and ridge by the normal equations, logistic
/// regression by L-BFGS until its mean log-loss reaches a target (the peer's final log-loss + 1e-6).
/// </summary>
internal static class SolverBench
{
    /// <summary>
    /// Runs the normal-equations jobs named in <paramref name="tasks"/> (ols, ridge) on dataset <paramref name="dataset"/>
    /// (already ingested and loaded), with where the time went: the job's one round (the shards' Gram pass, the solve,
    /// writing the solution, the gradient round at it), the time before the round and after its commit.
    /// </summary>
    public static async Task NormalEquationsAsync(TrainerClient client, string dataset, long rows, string[] tasks)
    {
        foreach (var (name, l2) in new[] { ("ols", 0.0), ("ridge", 1.0 / rows) }.Where(t => tasks.Contains(t.Item1)))
        {
            var called = DateTimeOffset.UtcNow;
            var status = await RunAsync(client, new JobSpec { Name = $"ne-{name}", Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = l2 });
            var clientSeconds = (DateTimeOffset.UtcNow - called).TotalSeconds;
            var metrics = await MetricsAsync(client, status.Name);
            var round = metrics[^1];
            new Measurement($"cluster_normal_equations_{name}_seconds", Seconds(status), "s", new Dictionary<string, object>
            {
                ["shards"] = 8, ["silos"] = 2, ["l2"] = l2, ["sklearn_alpha"] = l2 * rows, ["mse"] = 2 * round.Loss,
                ["gradient_norm"] = round.GradientNorm, ["reason"] = status.Reason,
                ["client_call_to_completed_seconds"] = clientSeconds,
                ["before_round_ms"] = round.ElapsedMilliseconds - round.RoundMilliseconds, ["round_ms"] = round.RoundMilliseconds,
                ["shard_compute_ms"] = round.ComputeMilliseconds, ["commit_ms"] = round.CommitMilliseconds,
                ["pull_ms"] = round.PullMilliseconds, ["push_ms"] = round.PushMilliseconds,
                ["after_round_ms"] = Seconds(status) * 1000 - round.ElapsedMilliseconds,
            }).Print();
        }
    }

    /// <summary>Runs L-BFGS logistic regression and reports when it first reached <paramref name="targetLoss"/>.</summary>
    public static async Task LogisticAsync(TrainerClient client, string dataset, long rows, double targetLoss)
    {
        var status = await RunAsync(client, new JobSpec
        {
            Name = "lbfgs-logistic", Dataset = dataset, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs,
            L2 = 1.0 / rows, MaxRounds = 200, GradientTolerance = 1e-10,
        });
        var metrics = await MetricsAsync(client, status.Name);
        var reached = metrics.FirstOrDefault(m => m.Loss <= targetLoss);
        new Measurement("cluster_lbfgs_logistic_to_target_seconds", reached is null ? double.NaN : reached.ElapsedMilliseconds / 1000, "s",
            new Dictionary<string, object>
            {
                ["target_log_loss"] = targetLoss, ["reached_at_round"] = reached?.Round ?? -1, ["final_log_loss"] = metrics[^1].Loss,
                ["rounds"] = metrics.Count, ["total_seconds"] = Seconds(status), ["reason"] = status.Reason,
            }).Print();
    }

    /// <summary>
    /// Five epochs of local SGD, L2 = sklearn's alpha 1e-4, one epoch per round with the blocks averaging the 8 shards'
    /// models: per-row steps (one row per step on every shard) at two step sizes, and, for comparison in the same run,
    /// the mini-batches of 16 rows of session 7. Reports the time and the MSE of the final model over every row.
    /// </summary>
    public static async Task LocalSgdAsync(TrainerClient client, string dataset, string path)
    {
        var info = await client.GetDatasetAsync(dataset);
        var data = await DenseData.LoadAsync(path);
        var shardRows = info.ShardRows.Max();
        (string Name, int RowsPerStep, double Rate, LearningRateScheduleKind Schedule)[] runs =
        [
            ("per-row", 1, 0.001, LearningRateScheduleKind.Constant),
            ("per-row-invsqrt", 1, 0.002, LearningRateScheduleKind.InverseSqrt),
            ("batch16", 16, 0.01, LearningRateScheduleKind.Constant),
        ];
        foreach (var (name, rowsPerStep, rate, schedule) in runs)
        {
            var stepsPerEpoch = (int)((shardRows + rowsPerStep - 1) / rowsPerStep);
            var status = await RunAsync(client, new JobSpec
            {
                Name = $"local-sgd-{name}", Dataset = dataset, Solver = SolverKind.LocalSgd, BatchSize = rowsPerStep * info.ShardCount,
                LocalSteps = stepsPerEpoch, MaxRounds = 5, LearningRate = rate, Schedule = schedule, L2 = 1e-4, Seed = 1,
            });
            var model = await client.GetModelAsync(status.Name);
            var rounds = await MetricsAsync(client, status.Name);
            new Measurement($"cluster_local_sgd_5_epochs_{name}_seconds", Seconds(status), "s", new Dictionary<string, object>
            {
                ["round_ms"] = rounds.Select(r => Math.Round(r.RoundMilliseconds)).ToArray(),
                ["shard_compute_ms"] = rounds.Select(r => Math.Round(r.ComputeMilliseconds)).ToArray(),
                ["commit_ms"] = rounds.Select(r => Math.Round(r.CommitMilliseconds)).ToArray(),
                ["epochs"] = 5, ["rows_per_local_step"] = rowsPerStep, ["local_steps_per_round"] = stepsPerEpoch, ["learning_rate"] = rate,
                ["schedule"] = schedule.ToString(), ["l2"] = 1e-4, ["mse"] = MeanSquaredError(model, data),
            }).Print();
        }
    }

    private static double MeanSquaredError(LinearModel model, DenseData data)
    {
        double squares = 0;
        for (var i = 0; i < data.Labels.Length; i++)
        {
            var z = model.Intercept;
            for (var j = 0; j < data.Columns; j++)
            {
                z += model.Weights[j] * data.Features[i * data.Columns + j];
            }

            squares += (z - data.Labels[i]) * (z - data.Labels[i]);
        }

        return squares / data.Labels.Length;
    }

    /// <summary>Ingests an OTDS file and loads its shards with a one-round job.</summary>
    public static async Task<long> IngestAsync(TrainerClient client, string dataset, string path, ModelKind model)
    {
        using (var reader = OtdsRowReader.Open(path))
        {
            await client.CreateDatasetAsync(dataset, reader, new IngestOptions { ShardCount = 8 });
        }

        await RunAsync(client, new JobSpec { Name = $"{dataset}-warmup", Dataset = dataset, Model = model, MaxRounds = 1, LearningRate = 1e-9 });
        return (await client.GetDatasetAsync(dataset)).TotalRows;
    }

    private static async Task<JobStatusInfo> RunAsync(TrainerClient client, JobSpec spec)
    {
        await client.StartJobAsync(spec);
        var status = await client.WaitForJobAsync(spec.Name, TimeSpan.FromMilliseconds(20));
        return status.Status == JobStatus.Completed ? status : throw new InvalidOperationException($"{spec.Name} ended {status.Status}: {status.Reason}");
    }

    private static async Task<List<RoundMetrics>> MetricsAsync(TrainerClient client, string job)
    {
        var metrics = new List<RoundMetrics>();
        await foreach (var m in client.WatchAsync(job))
        {
            metrics.Add(m);
        }

        return metrics;
    }

    private static double Seconds(JobStatusInfo status) => (status.FinishedAt!.Value - status.StartedAt!.Value).TotalSeconds;
}
