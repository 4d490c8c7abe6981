using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

public sealed partial class TrainerClient
{
    /// <summary>Every dataset that exists (ready or being ingested), in name order.</summary>
    public async Task<DatasetInfo[]> ListDatasetsAsync(CancellationToken cancellationToken = default)
    {
        var names = await Cluster.DatasetCatalog().ListAsync().WaitAsync(cancellationToken);
        var infos = await Task.WhenAll(names.Select(n => Dataset(n).GetInfoAsync())).WaitAsync(cancellationToken);
        return infos.Where(d => d.Status != DatasetStatus.None).ToArray();
    }

    /// <summary>Every job ever started, in name order.</summary>
    public async Task<JobStatusInfo[]> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        var names = await Cluster.JobCatalog().ListAsync().WaitAsync(cancellationToken);
        var infos = await Task.WhenAll(names.Select(n => Trainer(n).GetStatusAsync())).WaitAsync(cancellationToken);
        return infos.Where(j => j.Status != JobStatus.None).ToArray();
    }
}
