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
    /// <summary>Runs the normal-equations jobs on dataset <paramref name="dataset"/> (already ingested and loaded).</summary>
    public static async Task NormalEquationsAsync(TrainerClient client, string dataset, long rows)
    {
        foreach (var (name, l2) in new[] { ("ols", 0.0), ("ridge", 1.0 / rows) })
        {
            var status = await RunAsync(client, new JobSpec { Name = $"ne-{name}", Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = l2 });
            var metrics = await MetricsAsync(client, status.Name);
            new Measurement($"cluster_normal_equations_{name}_seconds", Seconds(status), "s", new Dictionary<string, object>
            {
                ["shards"] = 8, ["silos"] = 2, ["l2"] = l2, ["sklearn_alpha"] = l2 * rows, ["mse"] = 2 * metrics[^1].Loss,
                ["gradient_norm"] = metrics[^1].GradientNorm, ["reason"] = status.Reason,
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
    /// Five epochs of local SGD (every shard steps through its own rows in mini-batches of 16, one epoch per round, and the
    /// blocks average the shards' models), L2 = sklearn's alpha 1e-4; reports the time and the MSE of the final model.
    /// </summary>
    public static async Task LocalSgdAsync(TrainerClient client, string dataset, string path)
    {
        var info = await client.GetDatasetAsync(dataset);
        const int rowsPerStep = 16;
        var stepsPerEpoch = (int)((info.ShardRows.Max() + rowsPerStep - 1) / rowsPerStep);
        var status = await RunAsync(client, new JobSpec
        {
            Name = "local-sgd", Dataset = dataset, Solver = SolverKind.LocalSgd, BatchSize = rowsPerStep * info.ShardCount,
            LocalSteps = stepsPerEpoch, MaxRounds = 5, LearningRate = 0.01, L2 = 1e-4, Seed = 1,
        });
        var model = await client.GetModelAsync(status.Name);
        var data = await DenseData.LoadAsync(path);
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

        new Measurement("cluster_local_sgd_5_epochs_seconds", Seconds(status), "s", new Dictionary<string, object>
        {
            ["epochs"] = 5, ["rows_per_local_step"] = rowsPerStep, ["local_steps_per_round"] = stepsPerEpoch, ["learning_rate"] = 0.01,
            ["l2"] = 1e-4, ["mse"] = squares / data.Labels.Length,
        }).Print();
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
