using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Deleting a dataset. Which jobs use it is answered here, from the job catalog and each listed trainer's status (its
/// spec and whether it runs), not from an index of users the dataset would keep: the trainers' states are the truth,
/// and an index would have to follow every start, end, cancel and delete of a job, crashes included (docs/architecture.md,
/// "Deleting a dataset in use").
/// </summary>
public sealed partial class DatasetGrain
{
    /// <inheritdoc />
    public async Task<string[]> DeleteAsync(bool force)
    {
        if (state.State.Status == DatasetStatus.None)
        {
            return [];
        }

        var users = state.State.Status == DatasetStatus.Ready ? await JobsUsingAsync() : [];
        if (users.Length > 0 && !force)
        {
            throw new InvalidOperationException(
                $"Dataset \"{Name}\" is used by {(users.Length == 1 ? "job" : "jobs")} {string.Join(", ", users.Select(j => $"\"{j}\""))} (running or paused); cancel {(users.Length == 1 ? "it" : "them")} first, or force the delete, which cancels {(users.Length == 1 ? "it" : "them")}.");
        }

        foreach (var job in users)
        {
            await GrainFactory.Trainer(job).CancelForAsync($"its dataset \"{Name}\" was deleted (forced)");
            LogCancelledUser(Name, job);
        }

        await ClearShardsAsync(state.State.ShardCount);
        await state.ClearStateAsync();
        await Catalog().RemoveAsync(Name);
        await ReleaseLeaseAsync();
        return users;
    }

    /// <summary>The running, paused or just created jobs that train or validate on this dataset, by name.</summary>
    private async Task<string[]> JobsUsingAsync()
    {
        var names = await GrainFactory.JobCatalog().ListAsync();
        var jobs = await Task.WhenAll(names.Select(job => GrainFactory.Trainer(job).GetStatusAsync()));
        return [.. jobs.Where(job => job.Status is JobStatus.Created or JobStatus.Running or JobStatus.Paused && job.Spec is { } spec && Uses(spec)).Select(job => job.Name)];
    }

    private bool Uses(JobSpec spec) =>
        spec.Dataset == Name || spec.Validation is { SplitsRows: false } validation && validation.Dataset == Name;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Dataset}: cancelled job {Job}, which used it, to delete it (forced)")]
    private partial void LogCancelledUser(string dataset, string job);
}
