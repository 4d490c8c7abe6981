namespace OrleansTrainer.Abstractions;

/// <summary>
/// The weighted mean and the weighted sum of squared deviations from it of one quantity over a set of rows (the rows'
/// weight is kept by the record that holds this one). The mean is kept as <see cref="Reference"/> plus
/// <see cref="MeanOffset"/>: the reference is one of the values, so the offset is about the spread of the values, not
/// their size, and merging parts whose means differ by little keeps that difference to full precision even when the
/// values are large (labels around 10⁶ lose nothing to their mean).
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.MomentSums")]
public sealed record MomentSums
{
    /// <summary>No rows.</summary>
    public static MomentSums Empty { get; } = new();

    /// <summary>A value of the quantity (the first weighted row's), subtracted from every value before summing.</summary>
    [Id(0)] public double Reference { get; init; }

    /// <summary>The weighted mean minus <see cref="Reference"/>.</summary>
    [Id(1)] public double MeanOffset { get; init; }

    /// <summary>Σ wᵢ (vᵢ − mean)².</summary>
    [Id(2)] public double Deviation { get; init; }

    /// <summary>The weighted mean.</summary>
    public double Mean => Reference + MeanOffset;
}
