namespace OrleansTrainer.Abstractions;

/// <summary>The names of the catalogs: the keys of <see cref="ICatalogGrain"/>.</summary>
public static class CatalogNames
{
    /// <summary>Every dataset ever begun and not deleted.</summary>
    public const string Datasets = "datasets";

    /// <summary>Every job ever started.</summary>
    public const string Jobs = "jobs";
}
