namespace OrleansTrainer.Client;

/// <summary>How the trials of a search are chosen.</summary>
public enum SearchStrategy
{
    /// <summary>Every combination of the search space.</summary>
    Grid = 0,

    /// <summary><see cref="SearchOptions.Trials"/> combinations drawn without replacement, seeded.</summary>
    Random = 1,
}

/// <summary>How <see cref="TrainerClient.SearchAsync"/> runs.</summary>
public sealed record SearchOptions
{
    /// <summary>Grid or random search.</summary>
    public SearchStrategy Strategy { get; init; }

    /// <summary>Random search: how many combinations to try.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Seed of the random draws and of the fold assignment.</summary>
    public ulong Seed { get; init; }

    /// <summary>The most jobs running at once (trial jobs, or fold jobs of trials).</summary>
    public int MaxConcurrentJobs { get; init; } = 4;

    /// <summary>Judge each trial by k-fold cross-validation (k ≥ 2) instead of the base spec's validation; 0 for none.</summary>
    public int Folds { get; init; }

    /// <summary>With <see cref="Folds"/>: train the best settings on every row afterwards, under the base spec's name.</summary>
    public bool Refit { get; init; }

    /// <summary>Successive halving: null runs every trial to the end.</summary>
    public HalvingOptions? Halving { get; init; }
}

/// <summary>
/// Successive halving: every trial runs <see cref="MinRounds"/> rounds; the best 1/<see cref="Factor"/> (rounded up)
/// go on to <see cref="Factor"/> times as many rounds, and so on until the spec's MaxRounds, where the last few finish.
/// </summary>
public sealed record HalvingOptions
{
    /// <summary>Rounds of the first rung, at least 1.</summary>
    public int MinRounds { get; init; } = 10;

    /// <summary>The factor η by which the rounds grow and the trials shrink at each rung, at least 2.</summary>
    public int Factor { get; init; } = 3;
}
