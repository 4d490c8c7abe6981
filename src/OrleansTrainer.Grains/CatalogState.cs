namespace OrleansTrainer.Grains;

/// <summary>The persisted state of a catalog grain.</summary>
[GenerateSerializer, Alias("otrain.CatalogState")]
public sealed class CatalogState
{
    /// <summary>The names, in ordinal order.</summary>
    [Id(0)] public List<string> Names { get; set; } = [];
}
