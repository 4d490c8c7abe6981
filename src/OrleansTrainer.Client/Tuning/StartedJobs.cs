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

    /// <summary>Starts <paramref name="spec"/>'s job and remembers it once it has started.</summary>
    public async Task StartAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        await client.StartJobAsync(spec, cancellationToken);
        _names.Add(spec.Name);
    }

    /// <summary>Cancels and deletes every job started here; what cannot be deleted is left, the caller's error stands.</summary>
    public async Task DiscardAsync()
    {
        foreach (var job in _names)
        {
            try
            {
                if (!(await client.GetJobAsync(job)).IsFinished)
                {
                    await client.CancelJobAsync(job);
                }

                await client.DeleteJobAsync(job);
            }
            catch (Exception error) when (error is InvalidOperationException or KeyNotFoundException or TimeoutException)
            {
                // Finished meanwhile, already gone, or unreachable: the error that failed the run is the one to report.
            }
        }
    }
}
