using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>
    /// k-fold cross-validation over the dataset's shards, with no copy of the rows: fold f's job (named
    /// <c>{spec.Name}-fold{f}</c>) trains on the rows outside fold f and validates on fold f, folds assigned by a seeded
    /// hash of the row number (<see cref="ValidationSpec"/>); the k jobs run concurrently over the same shard grains.
    /// Returns each fold's final metrics and each metric's mean ± standard deviation; with
    /// <see cref="CrossValidationOptions.Refit"/>, then trains <paramref name="spec"/> on every row.
    /// </summary>
    /// <exception cref="ArgumentException">The options or the spec cannot run (nothing is started, or a fold's job was refused at its start).</exception>
    /// <exception cref="InvalidOperationException">A fold job failed.</exception>
    /// <remarks>On any failure, cancellation included, every job it started is cancelled and deleted: it leaves no jobs behind.</remarks>
    public async Task<CrossValidationResult> CrossValidateAsync(JobSpec spec, CrossValidationOptions options, CancellationToken cancellationToken = default)
    {
        var folds = await FoldSpecsAsync(spec, options.Folds, options.Seed, cancellationToken);
        var started = new StartedJobs(this);
        try
        {
            var finished = await JobBatch.RunAsync(this, folds.Select(f => f.Name).ToArray(),
                i => started.StartAsync(folds[i], cancellationToken), options.MaxConcurrentJobs, cancellationToken);
            var refit = options.Refit ? await RefitAsync(spec, started, cancellationToken) : null;
            return Summarize(finished, refit);
        }
        catch
        {
            await started.DiscardAsync();
            throw;
        }
    }

    /// <summary>
    /// Hyperparameter search over the shared shards: grid or seeded random trials of <paramref name="space"/> applied to
    /// <paramref name="spec"/> (trial i is job <c>{spec.Name}-t{i}</c>), run concurrently up to
    /// <see cref="SearchOptions.MaxConcurrentJobs"/>, each judged by the spec's validation (a held-out fraction or a
    /// validation dataset) or by k-fold cross-validation; optionally by successive halving. Deterministic for a seed.
    /// </summary>
    /// <exception cref="ArgumentException">The space, the options or the spec cannot run (nothing is started, or a job was refused at its start).</exception>
    /// <exception cref="InvalidOperationException">A trial's job failed.</exception>
    /// <remarks>On any failure, cancellation included, every job it started is cancelled and deleted: it leaves no jobs behind.</remarks>
    public async Task<SearchResult> SearchAsync(JobSpec spec, SearchSpace space, SearchOptions options, CancellationToken cancellationToken = default)
    {
        space.Validate();
        var search = new SearchPlan(spec, space, options);
        var trials = search.Trials();
        var started = new StartedJobs(this);
        try
        {
            if (options.Folds > 0)
            {
                return await SearchByFoldsAsync(search, trials, started, cancellationToken);
            }

            return options.Halving is null
                ? await SearchBySplitAsync(search, trials, started, cancellationToken)
                : await SearchByHalvingAsync(search, trials, started, cancellationToken);
        }
        catch
        {
            await started.DiscardAsync();
            throw;
        }
    }

    private async Task<SearchResult> SearchBySplitAsync(SearchPlan search, IReadOnlyList<JobSpec> trials, StartedJobs started, CancellationToken cancellationToken)
    {
        var finished = await JobBatch.RunAsync(this, trials.Select(t => t.Name).ToArray(), i => started.StartAsync(trials[i], cancellationToken),
            search.Options.MaxConcurrentJobs, cancellationToken);
        return search.Rank(finished.Select((status, i) => search.Result(i, status, 0)).ToArray(), finished.Sum(s => s.Round), null);
    }

    private async Task<SearchResult> SearchByHalvingAsync(SearchPlan search, IReadOnlyList<JobSpec> trials, StartedJobs started, CancellationToken cancellationToken)
    {
        var rungs = search.Rungs();
        var results = new TrialResult[trials.Count];
        var alive = Enumerable.Range(0, trials.Count).ToList();
        for (var rung = 0; rung < rungs.Count && alive.Count > 0; rung++)
        {
            var rounds = rungs[rung];
            var batch = alive.ToArray();
            var finished = await JobBatch.RunAsync(this, batch.Select(i => trials[i].Name).ToArray(),
                j => rung == 0
                    ? started.StartAsync(trials[batch[j]] with { MaxRounds = rounds }, cancellationToken)
                    : ContinueJobAsync(trials[batch[j]].Name, rounds, cancellationToken),
                search.Options.MaxConcurrentJobs, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                results[batch[j]] = search.Result(batch[j], finished[j], rung);
            }

            // Trials that ended before the rung's limit (early stopping, tolerance) are done; the best of the rest go on.
            var ranked = search.Rank(batch.Select(i => results[i]).ToArray(), 0, null).Trials;
            var keep = (int)Math.Ceiling(batch.Length / (double)search.Options.Halving!.Factor);
            alive = ranked.Where(t => t.Rounds >= rounds).Take(keep).Select(t => t.Index).ToList();
        }

        var roundsRun = results.Sum(r => r.Rounds);
        return search.Rank(results, roundsRun, null);
    }

    private async Task<SearchResult> SearchByFoldsAsync(SearchPlan search, IReadOnlyList<JobSpec> trials, StartedJobs started, CancellationToken cancellationToken)
    {
        var folds = new List<JobSpec>();
        foreach (var trial in trials)
        {
            folds.AddRange(await FoldSpecsAsync(trial, search.Options.Folds, search.Options.Seed, cancellationToken));
        }

        var finished = await JobBatch.RunAsync(this, folds.Select(f => f.Name).ToArray(), i => started.StartAsync(folds[i], cancellationToken),
            search.Options.MaxConcurrentJobs, cancellationToken);
        var k = search.Options.Folds;
        var results = trials.Select((trial, i) =>
        {
            var cv = Summarize(finished.Skip(i * k).Take(k).ToArray(), null);
            return new TrialResult(i, trial.Name, search.Settings[i], cv.Of(search.Metric).Mean, cv.Folds.Max(f => f.Rounds), null, cv, 0);
        }).ToArray();
        var ranked = search.Rank(results, finished.Sum(s => s.Round), null);
        if (!search.Options.Refit)
        {
            return ranked;
        }

        var refit = await RefitAsync(search.Settings[ranked.Best.Index].Apply(search.Spec, search.Spec.Name), started, cancellationToken);
        return ranked with { RefitJob = refit };
    }

    /// <summary>The k fold jobs of <paramref name="spec"/>, after checking that they can run.</summary>
    private async Task<JobSpec[]> FoldSpecsAsync(JobSpec spec, int folds, ulong seed, CancellationToken cancellationToken)
    {
        if (folds < 2)
        {
            throw new ArgumentException($"Cross-validation needs at least 2 folds, not {folds}.", nameof(folds));
        }

        if (spec.Validation is { } own && (own.Fraction != 0 || own.Dataset.Length > 0 || own.Folds != 0))
        {
            throw new ArgumentException($"Job \"{spec.Name}\": cross-validation chooses the validation rows itself; leave Validation's Fraction, Dataset and Folds unset.");
        }

        var dataset = await GetDatasetAsync(spec.Dataset, cancellationToken);
        if (dataset.Status == DatasetStatus.Ready && folds > dataset.TotalRows)
        {
            throw new ArgumentException($"Cross-validation: {folds} folds exceed the {dataset.TotalRows} rows of dataset \"{spec.Dataset}\".", nameof(folds));
        }

        var validation = spec.Validation ?? new ValidationSpec { Every = Math.Max(1, spec.MaxRounds) };
        return Enumerable.Range(0, folds)
            .Select(f => spec with
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{spec.Name}-fold{f}"),
                Validation = validation with { Folds = folds, Fold = f, Seed = seed },
            })
            .ToArray();
    }

    private async Task<string> RefitAsync(JobSpec spec, StartedJobs started, CancellationToken cancellationToken)
    {
        var refit = spec with { Validation = null };
        await JobBatch.RunAsync(this, [refit.Name], _ => started.StartAsync(refit, cancellationToken), 1, cancellationToken);
        return refit.Name;
    }

    private static CrossValidationResult Summarize(IReadOnlyList<JobStatusInfo> folds, string? refit)
    {
        var results = folds.Select((status, f) => new FoldResult(f, status.Name, status.Round,
            status.FinalTrainMetrics ?? throw new InvalidOperationException($"Job \"{status.Name}\" reported no training metrics."),
            status.FinalValidationMetrics ?? throw new InvalidOperationException($"Job \"{status.Name}\" reported no validation metrics."))).ToArray();
        return new CrossValidationResult(results, MetricSummary.Of(results.Select(r => r.Validation).ToArray()),
            MetricSummary.Of(results.Select(r => r.Train).ToArray()), refit);
    }
}
