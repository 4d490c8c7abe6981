namespace OrleansTrainer.Abstractions;

/// <summary>The model family a job fits.</summary>
public enum ModelKind
{
    /// <summary>Least squares: mean of ½(x·w + b − y)² over the rows.</summary>
    LinearRegression = 0,

    /// <summary>Binary logistic regression on labels in {0, 1}: mean of log(1 + e^z) − y·z, z = x·w + b.</summary>
    LogisticRegression = 1,
}

/// <summary>How a job walks towards the optimum.</summary>
public enum SolverKind
{
    /// <summary>Full-batch gradient descent: every round uses every row.</summary>
    GradientDescent = 0,

    /// <summary>Mini-batch stochastic gradient descent: every round uses <see cref="JobSpec.BatchSize"/> rows drawn by epoch.</summary>
    MiniBatchSgd = 1,
}

/// <summary>How the learning rate changes over rounds.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The same rate every round.</summary>
    Constant = 0,

    /// <summary>rate / sqrt(1 + round).</summary>
    InverseSqrt = 1,
}

/// <summary>
/// Everything that defines a training job. The objective minimized is
/// <c>mean_i loss(x_i·w + b, y_i) + (L2/2)·‖w‖²</c>, the intercept <c>b</c> unpenalized and <c>w</c> on the original feature scale.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.JobSpec")]
public sealed class JobSpec
{
    /// <summary>The job's name: the trainer grain's key and the prefix of its weight blocks' keys.</summary>
    [Id(0)] public string Name { get; init; } = "";

    /// <summary>The dataset to train on; it must be <see cref="DatasetStatus.Ready"/>.</summary>
    [Id(1)] public string Dataset { get; init; } = "";

    /// <summary>The model family.</summary>
    [Id(2)] public ModelKind Model { get; init; } = ModelKind.LinearRegression;

    /// <summary>The solver.</summary>
    [Id(3)] public SolverKind Solver { get; init; } = SolverKind.GradientDescent;

    /// <summary>Whether to fit an (unpenalized) intercept.</summary>
    [Id(4)] public bool FitIntercept { get; init; } = true;

    /// <summary>
    /// Whether the solver works on standardized features (zero mean, unit variance). This preconditions the problem;
    /// it does not change the optimum, and coefficients are always reported on the original scale.
    /// </summary>
    [Id(5)] public bool Standardize { get; init; } = true;

    /// <summary>L2 penalty strength; 0 for none.</summary>
    [Id(6)] public double L2 { get; init; }

    /// <summary>Step size of the gradient step (in standardized coordinates when <see cref="Standardize"/> is on).</summary>
    [Id(7)] public double LearningRate { get; init; } = 0.1;

    /// <summary>How the learning rate changes over rounds.</summary>
    [Id(8)] public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Heavy-ball momentum in [0, 1); 0 for plain gradient steps.</summary>
    [Id(9)] public double Momentum { get; init; }

    /// <summary>Use Nesterov's form of momentum.</summary>
    [Id(10)] public bool Nesterov { get; init; }

    /// <summary>Rows per mini-batch over the whole dataset (mini-batch SGD only); split over shards in proportion to their rows.</summary>
    [Id(11)] public int BatchSize { get; init; } = 256;

    /// <summary>The most rounds (gradient steps) to run.</summary>
    [Id(12)] public int MaxRounds { get; init; } = 1000;

    /// <summary>
    /// Stop when the relative change of the objective between consecutive rounds falls below this (full-batch only); 0 disables.
    /// </summary>
    [Id(13)] public double Tolerance { get; init; } = 1e-10;

    /// <summary>Stop when the gradient's Euclidean norm falls below this (full-batch only); 0 disables.</summary>
    [Id(14)] public double GradientTolerance { get; init; }

    /// <summary>How many weight blocks the parameter vector is split into (by feature range).</summary>
    [Id(15)] public int WeightBlocks { get; init; } = 1;

    /// <summary>Seed of every random choice the job makes (mini-batch sampling).</summary>
    [Id(16)] public ulong Seed { get; init; }
}
