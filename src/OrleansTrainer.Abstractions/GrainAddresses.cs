namespace OrleansTrainer.Abstractions;

/// <summary>
/// Where each grain lives, as typed addresses on Orleans' grain factory: every lookup site — the grains, the client, the
/// admin console — goes through these, so no key is formatted by hand. A job's trainer and a dataset are keyed by their
/// names; a weight block and a shard by <c>{owner}/{index}</c> (<see cref="GrainKeys"/>).
/// </summary>
public static class GrainAddresses
{
    /// <summary>The trainer of job <paramref name="job"/>.</summary>
    public static ITrainerGrain Trainer(this IGrainFactory grains, string job) => grains.GetGrain<ITrainerGrain>(job);

    /// <summary>Weight block <paramref name="block"/> of job <paramref name="job"/>.</summary>
    public static IWeightBlockGrain WeightBlock(this IGrainFactory grains, string job, int block) =>
        grains.GetGrain<IWeightBlockGrain>(GrainKeys.Child(job, block));

    /// <summary>The dataset <paramref name="dataset"/>.</summary>
    public static IDatasetGrain Dataset(this IGrainFactory grains, string dataset) => grains.GetGrain<IDatasetGrain>(dataset);

    /// <summary>Shard <paramref name="shard"/> of dataset <paramref name="dataset"/>.</summary>
    public static IDataShardGrain DataShard(this IGrainFactory grains, string dataset, int shard) =>
        grains.GetGrain<IDataShardGrain>(GrainKeys.Child(dataset, shard));

    /// <summary>The coordinator of the silos' ingestion of a file into dataset <paramref name="dataset"/>.</summary>
    public static IFileIngestGrain FileIngest(this IGrainFactory grains, string dataset) => grains.GetGrain<IFileIngestGrain>(dataset);

    /// <summary>The reader of part <paramref name="part"/> of the file ingestion <paramref name="ingestId"/> into <paramref name="dataset"/>.</summary>
    public static IFilePartGrain FilePart(this IGrainFactory grains, string dataset, string ingestId, int part) =>
        grains.GetGrain<IFilePartGrain>(GrainKeys.Child($"{dataset}/{ingestId}", part));

    /// <summary>The catalog of every dataset's name.</summary>
    public static ICatalogGrain DatasetCatalog(this IGrainFactory grains) => grains.GetGrain<ICatalogGrain>(CatalogNames.Datasets);

    /// <summary>The catalog of every job's name.</summary>
    public static ICatalogGrain JobCatalog(this IGrainFactory grains) => grains.GetGrain<ICatalogGrain>(CatalogNames.Jobs);
}
