namespace OrleansTrainer.Abstractions;

/// <summary>Which of a shard's rows an evaluation scores.</summary>
public enum EvaluationRows
{
    /// <summary>Every row.</summary>
    All = 0,

    /// <summary>The rows the spec's validation split holds out.</summary>
    HeldOut = 1,

    /// <summary>The rows the spec's job trains on (every row without a split).</summary>
    Training = 2,
}

/// <summary>A model for a shard to score its rows with, and which rows.</summary>
[GenerateSerializer, Immutable, Alias("otrain.EvaluationRequest")]
public sealed record EvaluationRequest
{
    /// <summary>The model family and its loss settings (<see cref="JobSpec.HuberDelta"/>), and the split (<see cref="JobSpec.Validation"/>) when rows are chosen by it.</summary>
    [Id(0)] public JobSpec Spec { get; init; } = new();

    /// <summary>Number of outputs: K for softmax regression, else 1.</summary>
    [Id(1)] public int Outputs { get; init; } = 1;

    /// <summary>Coefficients on the original feature scale (float64), outputs × features, output-major.</summary>
    [Id(2)] public PackedVector Weights { get; init; } = PackedVector.Empty;

    /// <summary>One intercept per output (float64).</summary>
    [Id(3)] public PackedVector Intercepts { get; init; } = PackedVector.Empty;

    /// <summary>Which rows to score.</summary>
    [Id(4)] public EvaluationRows Rows { get; init; }
}
