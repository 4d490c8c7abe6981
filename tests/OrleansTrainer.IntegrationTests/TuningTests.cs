using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Cross-validation and hyperparameter search over shared shards, against closed-form ridge fitted on each fold's
/// training rows; bad settings refused before anything starts.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class TuningTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Cross_validation_folds_partition_the_rows_and_each_fold_scores_ridge_fitted_on_the_others()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var dataset = await IngestDiabetesAsync("cv", shards: 3);
        var spec = Ridge(dataset, "cv-job", l2: 0.01);

        var result = await fixture.Client.CrossValidateAsync(spec, new CrossValidationOptions { Folds = 4, Seed = 5, Refit = true });

        Assert.Equal(4, result.Folds.Count);
        Assert.Equal(local.Rows, result.Folds.Sum(f => f.Validation.Rows));
        foreach (var fold in result.Folds)
        {
            var inFold = HeldOutReference.HeldOut(local.Rows, seed: 5, fraction: 0, folds: 4, fold: fold.Fold);
            Assert.Equal(inFold.Count(h => h), fold.Validation.Rows);
            var model = await fixture.Client.GetModelAsync(fold.Job);
            var expected = HeldOutReference.Ridge(local, inFold.Select(h => !h).ToArray(), 0.01);
            Assert.True(TestData.RelativeError(Training.Coefficients(model), expected) < 1e-8, $"fold {fold.Fold}");
            Close(HeldOutReference.Rmse(model, local, inFold), fold.Validation.Rmse!.Value, 1e-9, $"fold {fold.Fold} RMSE");
        }

        var rmse = result.Of(MetricKind.Rmse);
        var values = result.Folds.Select(f => f.Validation.Rmse!.Value).ToArray();
        Close(values.Average(), rmse.Mean, 1e-12, "mean RMSE");
        Close(Math.Sqrt(values.Select(v => (v - values.Average()) * (v - values.Average())).Average()), rmse.StandardDeviation, 1e-9, "sd of RMSE");
        Assert.Equal(spec.Name, result.RefitJob);
        var refit = await fixture.Client.GetModelAsync(spec.Name);
        Assert.True(TestData.RelativeError(Training.Coefficients(refit), HeldOutReference.Ridge(local, Enumerable.Repeat(true, local.Rows).ToArray(), 0.01)) < 1e-8);
    }

    [Fact]
    public async Task A_grid_search_ranks_the_penalties_by_their_held_out_error_and_random_search_is_seeded()
    {
        var local = await TestData.ReadBundledAsync("diabetes", "progression");
        var dataset = await IngestDiabetesAsync("sweep", shards: 2);
        var spec = Ridge(dataset, "sweep-job", l2: 0) with { Validation = new ValidationSpec { Fraction = 0.3, Seed = 9 } };
        var space = new SearchSpace { L2 = [1e-4, 1e-2, 1, 100] };

        var result = await fixture.Client.SearchAsync(spec, space, new SearchOptions { MaxConcurrentJobs = 2 });

        var heldOut = HeldOutReference.HeldOut(local.Rows, seed: 9, fraction: 0.3);
        var training = heldOut.Select(h => !h).ToArray();
        var expected = space.L2.Select(l2 =>
        {
            var c = HeldOutReference.Ridge(local, training, l2);
            return Math.Sqrt(Enumerable.Range(0, local.Rows).Where(i => heldOut[i])
                .Average(i => Math.Pow(HeldOutReference.Row(local, i).Select((x, j) => x * c[j]).Sum() + c[^1] - local.Labels[i], 2)));
        }).ToArray();
        Assert.Equal(4, result.Trials.Count);
        foreach (var trial in result.Trials)
        {
            Close(expected[trial.Index], trial.Score, 1e-8, $"trial {trial.Index} ({trial.Settings})");
        }

        Assert.Equal(Array.IndexOf(expected, expected.Min()), result.Best.Index);
        Assert.Equal(result.Trials.Select(t => t.Score).Order(), result.Trials.Select(t => t.Score));

        var wider = new SearchSpace { L2 = [1e-4, 1e-3, 1e-2, 0.1, 1, 10], LearningRate = [0.1, 0.2] };
        var first = wider.Sample(5, seed: 42).Select(s => s.ToString()).ToArray();
        Assert.Equal(first, wider.Sample(5, seed: 42).Select(s => s.ToString()).ToArray());
        Assert.Equal(5, first.Distinct().Count());
        Assert.NotEqual(first, wider.Sample(5, seed: 43).Select(s => s.ToString()).ToArray());
    }

    [Fact]
    public async Task Successive_halving_finds_the_full_grids_winner_in_fewer_rounds()
    {
        var dataset = await IngestDiabetesAsync("halving", shards: 2);
        var spec = new JobSpec
        {
            Name = Training.UniqueName("halving-job"), Dataset = dataset, MaxRounds = 54, Tolerance = 0, Momentum = 0.5,
            Validation = new ValidationSpec { Fraction = 0.25, Seed = 2, Every = 54 },
        };
        var space = new SearchSpace { LearningRate = [0.003, 0.01, 0.03, 0.1, 0.3, 0.6] };

        var full = await fixture.Client.SearchAsync(spec, space, new SearchOptions { MaxConcurrentJobs = 3 });
        var halving = await fixture.Client.SearchAsync(spec with { Name = Training.UniqueName("halving-job") }, space,
            new SearchOptions { MaxConcurrentJobs = 3, Halving = new HalvingOptions { MinRounds = 6, Factor = 3 } });

        Assert.Equal(full.Best.Settings, halving.Best.Settings);
        Assert.Equal(full.Best.Score, halving.Best.Score);
        Assert.Equal(54, halving.Best.Rounds);
        Assert.True(halving.RoundsRun < full.RoundsRun, $"halving ran {halving.RoundsRun} rounds, the full grid {full.RoundsRun}");
    }

    [Fact]
    public async Task Bad_validation_and_search_settings_are_refused_before_anything_starts()
    {
        var dataset = await IngestDiabetesAsync("tuning-bad", shards: 2);
        var spec = Ridge(dataset, "tuning-bad-job", l2: 0.01);
        await Refused(spec with { Validation = new ValidationSpec { Fraction = 1.5 } }, "Validation.Fraction must be in (0, 1), not 1.5");
        await Refused(spec with { Validation = new ValidationSpec { Fraction = 0.2, Folds = 3 } }, "exactly one of Fraction");
        await Refused(spec with { Validation = new ValidationSpec { Folds = 1 } }, "Validation.Folds must be at least 2, not 1");
        await Refused(spec with { Validation = new ValidationSpec { Fraction = 0.2, Metric = MetricKind.Auc } }, "Validation.Metric Auc does not apply to linear regression");
        await Refused(spec with { Validation = new ValidationSpec { Fraction = 0.2, Every = 0 } }, "Validation.Every must be at least 1, not 0");

        var tiny = Training.UniqueName("tuning-tiny");
        await Training.IngestAsync(fixture.Client, tiny, "a,y\n1,2\n2,3\n3,5\n", "y", 1);
        await Refused(spec with { Dataset = tiny, Validation = new ValidationSpec { Fraction = 0.01, Seed = 1 } }, "holds out 0 rows");

        var folds = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CrossValidateAsync(spec, new CrossValidationOptions { Folds = 1000 }));
        Assert.Contains("1000 folds exceed the 442 rows", folds.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Client.SearchAsync(spec with { Validation = new ValidationSpec { Fraction = 0.2 } }, new SearchSpace(), new SearchOptions()));
        Assert.Contains("the search space is empty", empty.Message, StringComparison.Ordinal);
        var unjudged = await Assert.ThrowsAsync<ArgumentException>(() =>
            fixture.Client.SearchAsync(spec, new SearchSpace { L2 = [1, 2] }, new SearchOptions()));
        Assert.Contains("a search needs validation", unjudged.Message, StringComparison.Ordinal);
        Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(spec.Name + "-fold0")).Status);
        Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(spec.Name + "-t0")).Status);
    }

    /// <summary>
    /// A cross-validation whose fold cannot start (5 rows in 5 folds: a fold holds out no row) fails naming it and leaves
    /// none of its fold jobs behind, so the same name runs again at once (it used to keep the folds that had started).
    /// </summary>
    [Fact]
    public async Task A_failed_cross_validation_leaves_no_jobs_and_its_name_can_be_used_again()
    {
        var tiny = Training.UniqueName("tuning-five");
        await Training.IngestAsync(fixture.Client, tiny, "a,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n5,9.9\n", "y", 1);
        var spec = new JobSpec { Name = Training.UniqueName("cv-again"), Dataset = tiny, Solver = SolverKind.NormalEquations };

        var failed = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CrossValidateAsync(spec, new CrossValidationOptions { Folds = 5 }));

        Assert.Contains("holds out 0 rows", failed.Message, StringComparison.Ordinal);
        foreach (var fold in Enumerable.Range(0, 5))
        {
            Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync($"{spec.Name}-fold{fold}")).Status);
        }

        var again = await fixture.Client.CrossValidateAsync(spec, new CrossValidationOptions { Folds = 2, Seed = 3 });
        Assert.Equal(2, again.Folds.Count);
    }

    private async Task Refused(JobSpec spec, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.StartJobAsync(spec));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(JobStatus.None, (await fixture.Client.GetJobAsync(spec.Name)).Status);
    }

    private async Task<string> IngestDiabetesAsync(string prefix, int shards)
    {
        var name = Training.UniqueName(prefix);
        await Training.IngestAsync(fixture.Client, name, await File.ReadAllTextAsync(TestData.BundledPath("diabetes")), "progression", shards);
        return name;
    }

    private static JobSpec Ridge(string dataset, string prefix, double l2) => new()
    {
        Name = Training.UniqueName(prefix), Dataset = dataset, Solver = SolverKind.NormalEquations, L2 = l2,
    };

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: {actual} vs {expected}");
}
