using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Held-out validation on real data: the rows a split holds out are the same for any shard count, the model fits only
/// the others (closed-form ridge on them), the reported metrics are the model's on the held-out rows computed row by
/// row, early stopping serves the best round's weights, and a separate validation dataset gives what evaluating it does.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class ValidationTests(TrainerClusterFixture fixture)
{
    private const double L2 = 0.01;

    [Fact]
    public async Task A_split_holds_out_the_same_rows_for_any_shard_count_and_the_model_fits_only_the_others()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var heldOut = HeldOutReference.HeldOut(local.Rows, seed: 3, fraction: 0.25);
        var training = heldOut.Select(h => !h).ToArray();
        var expected = HeldOutReference.Ridge(local, training, L2);
        var csv = await File.ReadAllTextAsync(TestData.BundledPath("diabetes"));

        var reports = new List<JobStatusInfo>();
        foreach (var shards in new[] { 2, 5 })
        {
            var dataset = Training.UniqueName($"val-split{shards}");
            await Training.IngestAsync(fixture.Client, dataset, csv, "progression", shards);
            var (status, model) = await Training.RunAsync(fixture.Client, RidgeSpec(dataset) with
            {
                Validation = new ValidationSpec { Fraction = 0.25, Seed = 3 },
            });

            Assert.True(status.Status == JobStatus.Completed, status.Reason);
            Assert.True(TestData.RelativeError(Training.Coefficients(model), expected) < 1e-8,
                $"{shards} shards: coefficients {string.Join(", ", Training.Coefficients(model))} vs ridge on the training rows {string.Join(", ", expected)}");
            var validation = status.FinalValidationMetrics!;
            Assert.Equal(heldOut.Count(h => h), validation.Rows);
            Assert.Equal(training.Count(t => t), status.FinalTrainMetrics!.Rows);
            Close(HeldOutReference.Rmse(model, local, heldOut), validation.Rmse!.Value, 1e-9, "held-out RMSE");
            Close(HeldOutReference.Mae(model, local, heldOut), validation.Mae!.Value, 1e-9, "held-out MAE");
            Close(HeldOutReference.Rmse(model, local, training), status.FinalTrainMetrics.Rmse!.Value, 1e-9, "training RMSE");
            reports.Add(status);
        }

        Close(reports[0].FinalValidationMetrics!.Rmse!.Value, reports[1].FinalValidationMetrics!.Rmse!.Value, 1e-12, "RMSE over 2 vs 5 shards");
        Close(reports[0].FinalValidationMetrics!.R2!.Value, reports[1].FinalValidationMetrics!.R2!.Value, 1e-12, "R² over 2 vs 5 shards");
    }

    [Fact]
    public async Task Gradient_solvers_train_on_the_training_rows_only_dense_and_sparse_alike()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var heldOut = HeldOutReference.HeldOut(local.Rows, seed: 4, fraction: 0.2);
        var expected = HeldOutReference.Ridge(local, heldOut.Select(h => !h).ToArray(), L2);
        var dataset = Training.UniqueName("val-lbfgs");
        await Training.IngestAsync(fixture.Client, dataset, await File.ReadAllTextAsync(TestData.BundledPath("diabetes")), "progression", 3);
        var validation = new ValidationSpec { Fraction = 0.2, Seed = 4, Every = 10 };
        var (lbfgs, lbfgsModel) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("val-lbfgs-job"), Dataset = dataset, Solver = SolverKind.Lbfgs, L2 = L2, GradientTolerance = 1e-13,
            MaxRounds = 2000, WeightBlocks = 3, Validation = validation,
        });
        Assert.True(lbfgs.Status == JobStatus.Completed, lbfgs.Reason);
        Assert.True(TestData.RelativeError(Training.Coefficients(lbfgsModel), expected) < 1e-7, "L-BFGS vs ridge on the training rows");

        // Block coordinate descent reads every row, the held-out ones weighing 0; it caches Gram matrices per shard, which
        // a job on the same shards without a split must not hand to one with a split.
        var bcd = new JobSpec { Dataset = dataset, Parallelism = ParallelismMode.BlockCoordinate, L2 = L2, WeightBlocks = 3, MaxRounds = 20_000, Tolerance = 0, GradientTolerance = 1e-9 };
        await Training.RunAsync(fixture.Client, bcd with { Name = Training.UniqueName("val-bcd-all") });
        var (bcdStatus, bcdModel) = await Training.RunAsync(fixture.Client, bcd with { Name = Training.UniqueName("val-bcd"), Validation = validation });
        Assert.True(bcdStatus.Status == JobStatus.Completed, bcdStatus.Reason);
        Assert.True(TestData.RelativeError(Training.Coefficients(bcdModel), expected) < 1e-7,
            $"block coordinate descent vs ridge on the training rows: {TestData.RelativeError(Training.Coefficients(bcdModel), expected)} after {bcdStatus.Round} rounds ({bcdStatus.Reason})");

        // Sparse rows take their own paths (a batch of the training rows, renumbered columns): the same split gives the
        // same optimum as the dense twin of the same rows.
        var data = SparseData.Generate(rows: 900, dimension: 60, perRow: 6, seed: 7);
        var (sparse, dense) = await data.IngestSparseAndDenseAsync(fixture.Client, "val-sparse", shards: 3);
        var spec = new JobSpec
        {
            Solver = SolverKind.Lbfgs, Standardize = false, L2 = 1e-3, GradientTolerance = 1e-13, MaxRounds = 2000, WeightBlocks = 2,
            Validation = new ValidationSpec { Fraction = 0.3, Seed = 8, Every = 50 },
        };
        var (sparseStatus, sparseModel) = await Training.RunAsync(fixture.Client, spec with { Name = Training.UniqueName("val-sp"), Dataset = sparse });
        var (denseStatus, denseModel) = await Training.RunAsync(fixture.Client, spec with { Name = Training.UniqueName("val-dn"), Dataset = dense });
        Assert.True(sparseStatus.Status == JobStatus.Completed && denseStatus.Status == JobStatus.Completed, sparseStatus.Reason + denseStatus.Reason);
        Assert.True(TestData.RelativeError(Training.AllCoefficients(sparseModel), Training.AllCoefficients(denseModel)) < 1e-7, "sparse vs dense");
        var everyRow = await Training.RunAsync(fixture.Client, spec with { Name = Training.UniqueName("val-all"), Dataset = dense, Validation = null });
        Assert.True(TestData.RelativeError(Training.AllCoefficients(everyRow.Model), Training.AllCoefficients(denseModel)) > 1e-4, "the split changed nothing");
        Assert.Equal(sparseStatus.FinalValidationMetrics!.Rows, denseStatus.FinalValidationMetrics!.Rows);
        Close(denseStatus.FinalValidationMetrics.Rmse!.Value, sparseStatus.FinalValidationMetrics.Rmse!.Value, 1e-7, "sparse vs dense held-out RMSE");
    }

    [Fact]
    public async Task Early_stopping_ends_the_job_with_the_weights_of_its_best_validated_round()
    {
        var local = await TestData.ReadBundledAsync("breast_cancer", "malignant");
        var heldOut = HeldOutReference.HeldOut(local.Rows, seed: 11, fraction: 0.3);
        var dataset = Training.UniqueName("val-early");
        await Training.IngestAsync(fixture.Client, dataset, await File.ReadAllTextAsync(TestData.BundledPath("breast_cancer")), "malignant", 3);
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("val-early-job"), Dataset = dataset, Model = ModelKind.LogisticRegression, LearningRate = 2,
            MaxRounds = 3000, Tolerance = 0, WeightBlocks = 2,
            Validation = new ValidationSpec { Fraction = 0.3, Seed = 11, Every = 2, Patience = 5, MinDelta = 1e-4 },
        });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        Assert.Contains("early stopping", status.Reason, StringComparison.Ordinal);
        Assert.True(status.Round < 3000, $"ran {status.Round} rounds");
        var best = status.BestRound!.Value;
        var rounds = await fixture.Client.GetMetricsAsync(status.Name);
        var validated = rounds.Where(r => r.Validation is not null).ToArray();
        Assert.Equal(rounds.Where(r => (r.Round + 1) % 2 == 0 || r.Round == status.Round - 1).Select(r => r.Round), validated.Select(r => r.Round));
        var bestLoss = rounds[best].Validation!.LogLoss!.Value;
        Assert.All(validated.Where(r => r.Round > best), r => Assert.True(r.Validation!.LogLoss > bestLoss - 1e-4, $"round {r.Round} improved on round {best}"));
        Assert.Equal(5, validated.Count(r => r.Round > best));

        // The model is the best round's, not the last round's: its held-out loss, computed row by row, is the best one.
        Close(bestLoss, HeldOutReference.LogLoss(model, local, heldOut), 1e-9, "the model's held-out log-loss");
        Close(bestLoss, status.FinalValidationMetrics!.LogLoss!.Value, 1e-12, "the final validation log-loss");
        Assert.NotEqual(bestLoss, validated[^1].Validation!.LogLoss!.Value);
    }

    [Fact]
    public async Task A_separate_validation_dataset_reports_what_evaluating_the_model_on_it_gives()
    {
        var train = Training.UniqueName("val-train");
        var holdout = Training.UniqueName("val-holdout");
        await Training.IngestAsync(fixture.Client, train, HeldOutReference.Subset("diabetes", i => i < 300), "progression", 3);
        await Training.IngestAsync(fixture.Client, holdout, HeldOutReference.Subset("diabetes", i => i >= 300), "progression", 2);
        var (status, model) = await Training.RunAsync(fixture.Client, RidgeSpec(train) with { Validation = new ValidationSpec { Dataset = holdout } });

        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        var evaluated = await fixture.Client.EvaluateAsync(model, holdout);
        Assert.Equal(142, evaluated.Rows);
        Assert.Equal(evaluated.Rmse, status.FinalValidationMetrics!.Rmse);
        Assert.Equal(evaluated.R2, status.FinalValidationMetrics.R2);
        Assert.Equal(300, status.FinalTrainMetrics!.Rows);

        var other = Training.UniqueName("val-other");
        await Training.IngestAsync(fixture.Client, other, "a,b,progression\n1,2,3\n4,5,6\n", "progression", 1);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Client.StartJobAsync(RidgeSpec(train) with { Name = Training.UniqueName("val-bad"), Validation = new ValidationSpec { Dataset = other } }));
        Assert.Contains("does not have the schema", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.EvaluateAsync(model, other));
    }

    [Fact]
    public async Task Evaluating_a_model_on_a_dataset_gives_its_metrics_row_by_row()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var dataset = Training.UniqueName("val-eval");
        await Training.IngestAsync(fixture.Client, dataset, await File.ReadAllTextAsync(TestData.BundledPath("diabetes")), "progression", 4);
        var (_, model) = await Training.RunAsync(fixture.Client, RidgeSpec(dataset));
        var all = Enumerable.Repeat(true, local.Rows).ToArray();

        var metrics = await fixture.Client.EvaluateAsync(model, dataset);
        Assert.Equal(local.Rows, metrics.Rows);
        Close(HeldOutReference.Rmse(model, local, all), metrics.Rmse!.Value, 1e-9, "RMSE");
        Close(HeldOutReference.Mae(model, local, all), metrics.Mae!.Value, 1e-9, "MAE");
        var mean = local.Labels.Average();
        var r2 = 1 - local.Labels.Select((y, i) => Math.Pow(model.Predict(HeldOutReference.Row(local, i)) - y, 2)).Sum()
            / local.Labels.Sum(y => (y - mean) * (y - mean));
        Close(r2, metrics.R2!.Value, 1e-9, "R²");
    }

    [Fact]
    public async Task A_continued_job_ends_where_one_run_of_all_its_rounds_does()
    {
        var dataset = Training.UniqueName("val-continue");
        await Training.IngestAsync(fixture.Client, dataset, await File.ReadAllTextAsync(TestData.BundledPath("diabetes")), "progression", 3);
        var spec = new JobSpec { Dataset = dataset, LearningRate = 0.1, Momentum = 0.5, Tolerance = 0, WeightBlocks = 2 };
        var (straight, straightModel) = await Training.RunAsync(fixture.Client, spec with { Name = Training.UniqueName("val-straight"), MaxRounds = 40 });
        var (first, _) = await Training.RunAsync(fixture.Client, spec with { Name = Training.UniqueName("val-cont"), MaxRounds = 15 });
        Assert.Equal(15, first.Round);

        await fixture.Client.ContinueJobAsync(first.Name, 40);
        var continued = await fixture.Client.WaitForJobAsync(first.Name);
        Assert.True(continued.Status == JobStatus.Completed, continued.Reason);
        Assert.Equal(straight.Round, continued.Round);
        Assert.Equal(Training.Coefficients(straightModel), Training.Coefficients(await fixture.Client.GetModelAsync(first.Name)));
        Assert.Contains(continued.History, e => e.Kind == JobEventKind.Continued && e.Round == 15);
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.ContinueJobAsync(first.Name, 40));
    }

    private static JobSpec RidgeSpec(string dataset) => new()
    {
        Name = Training.UniqueName("val-ridge"), Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = L2, WeightBlocks = 2,
    };

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: {actual} vs {expected}");
}
