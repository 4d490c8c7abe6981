namespace OrleansTrainer.Abstractions;

/// <summary>
/// The weight of positive and negative rows per score bin, sent sparsely: only bins that hold a row of positive weight,
/// in ascending bin order (the bins are a non-decreasing function of the score; the code that fills them says which).
/// All four vectors have one element per bin.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.ScoreHistogram")]
public sealed record ScoreHistogram
{
    /// <summary>No rows.</summary>
    public static ScoreHistogram Empty { get; } = new();

    /// <summary>The bins' ids, int32, strictly ascending.</summary>
    [Id(0)] public PackedVector Bins { get; init; } = PackedVector.Empty;

    /// <summary>Per bin, the weight of its rows labelled 1, float64.</summary>
    [Id(1)] public PackedVector Positive { get; init; } = PackedVector.Empty;

    /// <summary>Per bin, the weight of its rows labelled 0, float64.</summary>
    [Id(2)] public PackedVector Negative { get; init; } = PackedVector.Empty;

    /// <summary>Per bin, float64: the score all its rows share, or NaN when they hold distinct scores.</summary>
    [Id(3)] public PackedVector Scores { get; init; } = PackedVector.Empty;
}
