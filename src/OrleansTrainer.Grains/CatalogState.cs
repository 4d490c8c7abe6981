using System.Collections.Immutable;
namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a catalog grain.</summary>
[GenerateSerializer, Alias("otrain.CatalogState")]
public sealed record CatalogState
{
    /// <summary>The names, in ordinal order.</summary>
    [Id(0)] public ImmutableArray<string> Names { get; init; } = [];
}
