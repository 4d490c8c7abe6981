using Microsoft.Extensions.Logging;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Wakes the trainers of running jobs without waiting for a client call or the watchdog reminder: when this silo
/// becomes active (after a whole-cluster restart the first silo up resumes every running job) and whenever the cluster
/// declares a silo dead (its trainers re-activate elsewhere at once). Waking is asking each job in the catalog for its
/// status: a trainer whose persisted state is Running resumes on activation, the others answer and go idle. Every silo
/// does it; the calls are idempotent. The watchdog reminder stays as the backstop.
/// </summary>
internal sealed partial class JobRevival(IGrainFactory grains, IClusterMembershipService membership, ILogger<JobRevival> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobRevival), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(WatchAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task WatchAsync()
    {
        await ReviveAsync("this silo started");
        var dead = Dead(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var now = Dead(snapshot);
                if (now.Except(dead).Any())
                {
                    await ReviveAsync($"silo {string.Join(", ", now.Except(dead))} died");
                }

                dead = now;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task ReviveAsync(string why)
    {
        try
        {
            var jobs = await grains.JobCatalog().ListAsync();
            var states = await Task.WhenAll(jobs.Select(job => grains.Trainer(job).GetStatusAsync()));
            LogRevived(why, states.Count(s => s.Status == JobStatus.Running), jobs.Length);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The watchdog reminder still wakes them; a cluster still forming often refuses calls for a moment.
            LogReviveFailed(error, why);
        }
    }

    private static HashSet<SiloAddress> Dead(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: {Why}; woke the trainers of {Running} running jobs of {Jobs}")]
    private partial void LogRevived(string why, int running, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs: {Why}; waking the trainers of running jobs failed, the watchdog reminder will")]
    private partial void LogReviveFailed(Exception exception, string why);
}
