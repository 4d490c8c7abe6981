using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Deleting a job: everything it owns goes, in an order a crash cannot break (docs/faults.md, "Deleting a job"). The
/// trainer's state, which names the job's dataset and blocks, is marked <see cref="JobStatus.Deleting"/> first and deleted
/// last but one, so a delete cut off anywhere before is finished by the next; the catalog drops the name last, so it never
/// misses a job that still owns something.
/// </summary>
public sealed partial class TrainerGrain
{
    /// <inheritdoc />
    public async Task DeleteAsync()
    {
        switch (state.State.Status)
        {
            case JobStatus.None:
                await FinishCatalogRemovalAsync();
                return;
            case JobStatus.Running or JobStatus.Paused or JobStatus.Created:
                throw new InvalidOperationException($"Job \"{Name}\" is {state.State.Status}; cancel it first, then delete it.");
            case JobStatus.Deleting:
                LogControl(Name, "finishing an interrupted delete", state.State.Round);
                break;
            default:
                await PersistAsync(state.State with { Status = JobStatus.Deleting });
                break;
        }

        _timer?.Dispose();
        _timer = null;
        _driver = null;
        await StopWatchdogAsync();

        var job = state.State;
        var spec = job.Spec!;
        await Task.WhenAll(metrics.ClearAsync(Name), Kept.DeleteAsync(), LbfgsVectorStore.DeleteJobAsync(redis, keys, Name));
        await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks).Select(b => GrainFactory.WeightBlock(Name, b).ClearAsync()));
        await Task.WhenAll(Enumerable.Range(0, job.ShardRows.Length).Select(s => GrainFactory.DataShard(spec.Dataset, s).ForgetJobAsync(Name)));
        await state.ClearStateAsync();
        await GrainFactory.JobCatalog().RemoveAsync(Name);
        LogControl(Name, "deleted", job.Round);
        DeactivateOnIdle();
    }

    /// <summary>
    /// A job without state: a delete cut off after the trainer's state went leaves the name in the catalog, which this
    /// removes; a name the catalog does not hold is no job at all.
    /// </summary>
    private async Task FinishCatalogRemovalAsync()
    {
        var catalog = GrainFactory.JobCatalog();
        if (!(await catalog.ListAsync()).Contains(Name, StringComparer.Ordinal))
        {
            throw new KeyNotFoundException($"Job \"{Name}\" does not exist.");
        }

        await catalog.RemoveAsync(Name);
        DeactivateOnIdle();
    }
}
