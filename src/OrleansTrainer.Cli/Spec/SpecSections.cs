namespace OrleansTrainer.Cli.Spec;

/// <summary>
/// The sections a job spec's settings fall into: the prefixes of <c>otrain train --help</c>'s descriptions and the
/// groups <c>job show</c> prints and writes as JSON.
/// </summary>
public static class SpecSections
{
    /// <summary>What is fitted: model family, intercept, standardization, classes, Huber δ.</summary>
    public const string Model = "model";

    /// <summary>How it walks: solver, learning rate and schedule, line search, L-BFGS memory, batches, local steps, seed.</summary>
    public const string Solver = "solver";

    /// <summary>L2 and L1.</summary>
    public const string Penalties = "penalties";

    /// <summary>Round limit and tolerances.</summary>
    public const string Stopping = "stopping";

    /// <summary>The blocks' update rule and its constants.</summary>
    public const string Optimizer = "optimizer";

    /// <summary>Data or model parallelism, weight blocks, partition, consistency.</summary>
    public const string Parallelism = "parallelism";

    /// <summary>Held-out rows or dataset, metric, early stopping.</summary>
    public const string Validation = "validation";
}
