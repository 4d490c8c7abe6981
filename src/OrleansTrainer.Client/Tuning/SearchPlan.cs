using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;

namespace OrleansTrainer.Client;

/// <summary>A search's trials, the metric they are ranked by and, with successive halving, its rungs.</summary>
internal sealed class SearchPlan
{
    public SearchPlan(JobSpec spec, SearchSpace space, SearchOptions options)
    {
        Spec = spec;
        Options = options;
        Require(options.MaxConcurrentJobs >= 1, $"MaxConcurrentJobs must be at least 1, not {options.MaxConcurrentJobs}");
        Require(options.Strategy == SearchStrategy.Grid || options.Trials >= 1, $"Trials must be at least 1, not {options.Trials}");
        Require(options.Folds == 0 || options.Folds >= 2, $"Folds must be 0 (the spec's validation) or at least 2, not {options.Folds}");
        Require(options.Folds > 0 || spec.Validation is { Fraction: > 0 } or { Dataset.Length: > 0 },
            "a search needs validation: set the spec's Validation (a Fraction or a Dataset) or Folds");
        Require(!options.Refit || options.Folds > 0, "Refit applies to searches by Folds; a split search's best trial already is a model");
        if (options.Halving is { } halving)
        {
            Require(options.Folds == 0, "successive halving runs on the spec's validation split, not with Folds");
            Require(halving.Factor >= 2, $"Halving.Factor must be at least 2, not {halving.Factor}");
            Require(halving.MinRounds >= 1 && halving.MinRounds < spec.MaxRounds,
                $"Halving.MinRounds must be at least 1 and below the spec's MaxRounds ({spec.MaxRounds}), not {halving.MinRounds}");
        }

        Metric = EvaluationAccumulator.WatchedMetric(spec);
        Settings = options.Strategy == SearchStrategy.Grid ? space.Grid() : space.Sample(options.Trials, options.Seed);
    }

    /// <summary>The base spec.</summary>
    public JobSpec Spec { get; }

    /// <summary>The options.</summary>
    public SearchOptions Options { get; }

    /// <summary>The metric trials are ranked by.</summary>
    public MetricKind Metric { get; }

    /// <summary>Each trial's settings, in trial order.</summary>
    public IReadOnlyList<TrialSettings> Settings { get; }

    /// <summary>Each trial's spec, in trial order.</summary>
    public IReadOnlyList<JobSpec> Trials() =>
        Settings.Select((s, i) => s.Apply(Spec, string.Create(CultureInfo.InvariantCulture, $"{Spec.Name}-t{i}"))).ToArray();

    /// <summary>The round limits of successive halving: MinRounds·η^i below MaxRounds, then MaxRounds.</summary>
    public IReadOnlyList<int> Rungs()
    {
        var halving = Options.Halving!;
        var rungs = new List<int>();
        for (long r = halving.MinRounds; r < Spec.MaxRounds; r *= halving.Factor)
        {
            rungs.Add((int)r);
        }

        rungs.Add(Spec.MaxRounds);
        return rungs;
    }

    /// <summary>Trial <paramref name="index"/>'s result from its job's final state.</summary>
    public TrialResult Result(int index, JobStatusInfo status, int rung)
    {
        var metrics = status.FinalValidationMetrics ?? throw new InvalidOperationException($"Job \"{status.Name}\" reported no validation metrics.");
        var score = metrics.Value(Metric) ?? throw new InvalidOperationException($"Job \"{status.Name}\" has no {Metric} metric.");
        return new TrialResult(index, status.Name, Settings[index], score, status.Round, metrics, null, rung);
    }

    /// <summary>The results ranked best first: trials that reached a later rung of halving first, NaN last, ties by trial number.</summary>
    public SearchResult Rank(IReadOnlyList<TrialResult> results, long roundsRun, string? refit)
    {
        var higher = EvaluationAccumulator.HigherIsBetter(Metric);
        var ranked = results
            .OrderBy(r => double.IsNaN(r.Score) ? 1 : 0)
            .ThenByDescending(r => r.Rung)
            .ThenBy(r => higher ? -r.Score : r.Score)
            .ThenBy(r => r.Index)
            .ToArray();
        return new SearchResult(Metric, higher, ranked, roundsRun, refit);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Search: {message}.");
        }
    }
}
