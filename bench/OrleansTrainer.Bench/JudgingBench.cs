using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.Bench;

/// <summary>
/// Judging models (issue 13), on an ingested and loaded regression dataset: what validating every round on a 20 %
/// split costs per round; 5-fold cross-validation of ridge over a grid of L2 values (to compare with scikit-learn's
/// GridSearchCV on the same file); successive halving against the full grid of learning rates.
/// </summary>
internal static class JudgingBench
{
    /// <summary>Per-round wall clock of full-batch GD: no split, a 20 % split validated only at the end, and every round.</summary>
    public static async Task ValidationOverheadAsync(TrainerClient client, string dataset, int rounds, int repeats)
    {
        var plain = new List<double>();
        var splitOnly = new List<double>();
        var everyRound = new List<double>();
        var validationMs = new List<double>();
        var trainerRoundMs = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var spec = new JobSpec { Dataset = dataset, MaxRounds = rounds, Tolerance = 0, LearningRate = 0.1 };
            plain.Add(PerRound(await RunAsync(client, spec with { Name = $"val-plain-{r}" })));
            splitOnly.Add(PerRound(await RunAsync(client, spec with { Name = $"val-end-{r}", Validation = new ValidationSpec { Fraction = 0.2, Every = rounds } })));
            everyRound.Add(PerRound(await RunAsync(client, spec with { Name = $"val-every-{r}", Validation = new ValidationSpec { Fraction = 0.2 } })));
            var measured = await client.GetMetricsAsync($"val-every-{r}");
            validationMs.Add(Measurement.Median(measured.Select(m => m.ValidationMilliseconds)));
            trainerRoundMs.Add(Measurement.Median(measured.Select(m => m.RoundMilliseconds)));
        }

        var model = await client.GetModelAsync("val-plain-0");
        var evaluations = new List<double>();
        for (var r = 0; r < 5; r++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await client.EvaluateAsync(model, dataset);
            evaluations.Add(clock.Elapsed.TotalMilliseconds);
        }

        new Measurement("evaluate_every_row_ms", Measurement.Median(evaluations), "ms", new Dictionary<string, object>
        {
            ["runs_ms"] = evaluations.Select(Measurement.Ms).ToArray(),
        }).Print();
        var (a, b, c) = (Measurement.Median(plain), Measurement.Median(splitOnly), Measurement.Median(everyRound));
        new Measurement("validation_every_round_overhead", c / b - 1, "ratio", new Dictionary<string, object>
        {
            ["rounds"] = rounds, ["repeats"] = repeats, ["round_ms_no_split"] = plain.Select(Measurement.Ms).ToArray(),
            ["round_ms_split_validated_at_end"] = splitOnly.Select(Measurement.Ms).ToArray(),
            ["round_ms_validated_every_round"] = everyRound.Select(Measurement.Ms).ToArray(),
            ["every_round_vs_no_split"] = Math.Round(c / a - 1, 4),
            ["validation_ms_median_per_job"] = validationMs.Select(Measurement.Ms).ToArray(),
            ["trainer_round_ms_median_per_job"] = trainerRoundMs.Select(Measurement.Ms).ToArray(),
        }).Print();
    }

    /// <summary>5-fold CV of ridge by the normal equations over <paramref name="alphas"/> (scikit-learn's alpha: L2 = alpha / training rows).</summary>
    public static async Task CrossValidatedRidgeAsync(TrainerClient client, string dataset, double[] alphas, int concurrent)
    {
        var rows = (await client.GetDatasetAsync(dataset)).TotalRows;
        var trainingRows = rows * 4 / 5.0;
        var started = DateTime.UtcNow;
        var search = await client.SearchAsync(
            new JobSpec { Name = "cv-ridge", Dataset = dataset, Solver = SolverKind.NormalEquations },
            new SearchSpace { L2 = alphas.Select(a => a / trainingRows).ToArray() },
            new SearchOptions { Folds = 5, Seed = 1, MaxConcurrentJobs = concurrent });
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        new Measurement("cluster_cv5_ridge_grid_seconds", seconds, "s", new Dictionary<string, object>
        {
            ["alphas"] = alphas, ["jobs"] = alphas.Length * 5, ["concurrent_jobs"] = concurrent,
            ["best_alpha"] = search.Best.Settings.L2!.Value * trainingRows,
            ["mean_rmse_by_alpha"] = search.Trials.OrderBy(t => t.Index).Select(t => t.Score).ToArray(),
        }).Print();
    }

    /// <summary>Successive halving (η = 3 from <paramref name="minRounds"/>) against the full grid of learning rates, GD to <paramref name="maxRounds"/>.</summary>
    public static async Task HalvingAsync(TrainerClient client, string dataset, double[] rates, int minRounds, int maxRounds, int concurrent)
    {
        var spec = new JobSpec
        {
            Dataset = dataset, MaxRounds = maxRounds, Tolerance = 0, Momentum = 0.5,
            Validation = new ValidationSpec { Fraction = 0.2, Seed = 1, Every = maxRounds },
        };
        var space = new SearchSpace { LearningRate = rates };
        var clock = DateTime.UtcNow;
        var full = await client.SearchAsync(spec with { Name = "grid" }, space, new SearchOptions { MaxConcurrentJobs = concurrent });
        var fullSeconds = (DateTime.UtcNow - clock).TotalSeconds;
        clock = DateTime.UtcNow;
        var halving = await client.SearchAsync(spec with { Name = "halving" }, space,
            new SearchOptions { MaxConcurrentJobs = concurrent, Halving = new HalvingOptions { MinRounds = minRounds, Factor = 3 } });
        var halvingSeconds = (DateTime.UtcNow - clock).TotalSeconds;
        new Measurement("halving_vs_full_grid_time_ratio", halvingSeconds / fullSeconds, "ratio", new Dictionary<string, object>
        {
            ["rates"] = rates, ["min_rounds"] = minRounds, ["max_rounds"] = maxRounds, ["full_grid_seconds"] = Math.Round(fullSeconds, 2),
            ["halving_seconds"] = Math.Round(halvingSeconds, 2), ["full_grid_rounds"] = full.RoundsRun, ["halving_rounds"] = halving.RoundsRun,
            ["full_grid_winner_lr"] = full.Best.Settings.LearningRate!.Value, ["halving_winner_lr"] = halving.Best.Settings.LearningRate!.Value,
            ["full_grid_winner_rmse"] = full.Best.Score, ["halving_winner_rmse"] = halving.Best.Score,
        }).Print();
    }

    private static async Task<JobStatusInfo> RunAsync(TrainerClient client, JobSpec spec)
    {
        await client.StartJobAsync(spec);
        var status = await client.WaitForJobAsync(spec.Name, TimeSpan.FromMilliseconds(20));
        return status.Status == JobStatus.Completed ? status : throw new InvalidOperationException($"{spec.Name} ended {status.Status}: {status.Reason}");
    }

    private static double PerRound(JobStatusInfo status) => (status.FinishedAt!.Value - status.StartedAt!.Value).TotalMilliseconds / status.Round;
}
