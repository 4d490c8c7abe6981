using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>
/// Runs several jobs to their end, a limited number at once: each is started (or continued), then waited for. If one
/// cannot start, or one does not complete, the waits end and the error names the job; stopping the jobs is the
/// caller's (<see cref="StartedJobs"/>).
/// </summary>
internal static class JobBatch
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// For each of <paramref name="jobs"/>, awaits <paramref name="start"/>(its index) and then the job's end, with at
    /// most <paramref name="limit"/> in flight (0: all); returns the final states in job order.
    /// </summary>
    /// <exception cref="InvalidOperationException">A job failed or was cancelled.</exception>
    public static async Task<JobStatusInfo[]> RunAsync(TrainerClient client, IReadOnlyList<string> jobs, Func<int, Task> start, int limit,
        CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(limit <= 0 ? Math.Max(1, jobs.Count) : limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = jobs.Select(async (job, index) =>
        {
            await gate.WaitAsync(stop.Token);
            try
            {
                await start(index);
                var status = await client.WaitForJobAsync(job, Poll, stop.Token);
                return status.Status == JobStatus.Completed
                    ? status
                    : throw new InvalidOperationException($"Job \"{job}\" {status.Status.ToString().ToLowerInvariant()}: {status.Reason}");
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await stop.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        try
        {
            return await Task.WhenAll(runs);
        }
        catch
        {
            var failure = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }

            throw;
        }
    }
}
