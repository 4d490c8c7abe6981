namespace OrleansTrainer.Abstractions;

/// <summary>
/// A model a job starts from instead of zeros (warm start), on the original feature scale as a job hands its model out
/// (<see cref="TrainedModel"/>): the trainer checks it against the spec and the dataset, converts it to the solver's
/// coordinates and sets the weight blocks up with it.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.InitialModel")]
public sealed record InitialModel
{
    /// <summary>The model family; it must be the job's <see cref="JobSpec.Model"/>.</summary>
    [Id(0)] public ModelKind Kind { get; init; }

    /// <summary>Feature names in coefficient order, the dataset's; empty for a model of a sparse dataset, whose features are numbered.</summary>
    [Id(1)] public string[] FeatureNames { get; init; } = [];

    /// <summary>Features per output; the dataset's feature count.</summary>
    [Id(2)] public int FeatureCount { get; init; }

    /// <summary>Coefficients (float64), outputs × features, output-major.</summary>
    [Id(3)] public PackedVector Weights { get; init; } = PackedVector.Empty;

    /// <summary>One intercept per output (float64): K for softmax regression, else 1.</summary>
    [Id(4)] public PackedVector Intercepts { get; init; } = PackedVector.Empty;
}
