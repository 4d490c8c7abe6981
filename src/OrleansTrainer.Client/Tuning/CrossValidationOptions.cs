namespace OrleansTrainer.Client;

/// <summary>How <see cref="TrainerClient.CrossValidateAsync"/> divides the rows and runs the fold jobs.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>The number of folds k, at least 2 and at most the dataset's rows.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the row hash that assigns folds (<see cref="Abstractions.ValidationSpec"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>After the folds, train one more job on every row under the spec's own name.</summary>
    public bool Refit { get; init; }

    /// <summary>The most fold jobs running at once; 0 runs all k together.</summary>
    public int MaxConcurrentJobs { get; init; }
}
