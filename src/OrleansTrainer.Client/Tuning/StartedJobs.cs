using System.Collections.Concurrent;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>
/// The jobs one cross-validation or search has started. When it fails (a fold or trial failed or could not start, or
/// the caller cancelled), <see cref="DiscardAsync"/> cancels and deletes every one of them: a failed run leaves no jobs
/// behind, and its names can be used again. Jobs that existed before it, under names it then could not start, are not
/// touched.
/// </summary>
internal sealed class StartedJobs(TrainerClient client)
{
    private readonly ConcurrentBag<string> _names = [];

    /// <summary>
    /// Starts <paramref name="spec"/>'s job and remembers it once it has started. The start is awaited even when
    /// <paramref name="cancellationToken"/> is cancelled meanwhile (an abandoned start could still start the job, unknown
    /// to <see cref="DiscardAsync"/>); the cancellation is honoured right after.
    /// </summary>
    public async Task StartAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        await client.StartJobAsync(spec, CancellationToken.None);
        _names.Add(spec.Name);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Cancels and deletes every job started here, all at once; what cannot be deleted is left, the caller's error stands.</summary>
    public Task DiscardAsync() => Task.WhenAll(_names.Select(DiscardOneAsync));

    private async Task DiscardOneAsync(string job)
    {
        try
        {
            // Not asked whether it is finished first: a cancel queues behind a continuation still in flight (status
            // answers interleaved and could still say Completed), and does nothing to a finished job.
            await client.CancelJobAsync(job);
            await client.DeleteJobAsync(job);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Gone already, or the cluster failed too: the error that failed the run is the one to report.
        }
    }
}
