namespace OrleansTrainer.Abstractions;

/// <summary>
/// Which rows a job holds out to judge its model, how often it does, and whether it stops early. Rows are held out
/// by a seeded hash of their global row index (the order they were ingested in), so the split is the same for any
/// shard count and placement: row i draws u(i) uniform in [0, 1); with <see cref="Fraction"/> p it is held out when
/// u &lt; p; with <see cref="Folds"/> k it belongs to fold ⌊u·k⌋ and is held out when that is <see cref="Fold"/>.
/// With <see cref="Dataset"/> the job trains on every row of its own dataset and validates on that one.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.ValidationSpec")]
public sealed record ValidationSpec
{
    /// <summary>The share of rows held out, in (0, 1); 0 when <see cref="Folds"/> or <see cref="Dataset"/> chooses the rows.</summary>
    [Id(0)] public double Fraction { get; init; }

    /// <summary>Seed of the row hash: the same seed gives the same split (and the same folds).</summary>
    [Id(1)] public ulong Seed { get; init; }

    /// <summary>Cross-validation: the number of folds k ≥ 2; 0 when not a fold job.</summary>
    [Id(2)] public int Folds { get; init; }

    /// <summary>Cross-validation: the fold held out, 0 ≤ fold &lt; <see cref="Folds"/>.</summary>
    [Id(3)] public int Fold { get; init; }

    /// <summary>A separate dataset with the same schema to validate on; empty to hold out rows of the training dataset.</summary>
    [Id(4)] public string Dataset { get; init; } = "";

    /// <summary>Validate after every this many rounds (and after the last); at least 1.</summary>
    [Id(5)] public int Every { get; init; } = 1;

    /// <summary>The metric early stopping watches and searches rank by; null takes the model's default (<c>MetricKind</c> docs).</summary>
    [Id(6)] public MetricKind? Metric { get; init; }

    /// <summary>Early stopping: stop after this many validations without an improvement of at least <see cref="MinDelta"/>; 0 never stops early.</summary>
    [Id(7)] public int Patience { get; init; }

    /// <summary>Early stopping: the least change of the metric (in its better direction) that counts as an improvement.</summary>
    [Id(8)] public double MinDelta { get; init; }

    /// <summary>Whether the job holds out rows of its own dataset (a fraction or a fold) rather than validating on another.</summary>
    public bool SplitsRows => Dataset.Length == 0;
}
