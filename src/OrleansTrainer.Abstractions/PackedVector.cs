namespace OrleansTrainer.Abstractions;

/// <summary>
/// A vector of numbers carried as raw little-endian bytes. Orleans copies a <c>byte[]</c> in one block,
/// whereas a <c>double[]</c> would be encoded element by element; every large vector in a grain call or in
/// persisted state travels in this form.
/// </summary>
[GenerateSerializer, Immutable, Alias("otrain.PackedVector")]
public sealed record PackedVector
{
    /// <summary>An empty vector.</summary>
    public static PackedVector Empty { get; } = new() { Bytes = [] };

    /// <summary>The elements' bytes: float64 or float32 values, depending on the field that holds the vector.</summary>
    [Id(0)] public byte[] Bytes { get; init; } = [];
}
