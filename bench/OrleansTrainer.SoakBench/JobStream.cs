using System.Collections.Concurrent;
using static OrleansTrainer.RecoveryBench.Progress;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// Keeps <c>workers</c> jobs running at once until a deadline, cycling through the templates: each worker starts a job,
/// sees it to its end, checks it against the template's uninterrupted run, deletes it and starts the next.
/// </summary>
internal sealed class JobStream(JobRun run, IReadOnlyList<SoakTemplate> templates, IReadOnlyDictionary<string, double[]> references)
{
    private int _started;

    /// <summary>How every job ended, in the order they ended.</summary>
    public ConcurrentQueue<JobOutcome> Outcomes { get; } = new();

    /// <summary>Jobs started so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Runs until <paramref name="until"/>; returns once the jobs under way then have ended.</summary>
    public Task RunAsync(int workers, DateTimeOffset until) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkerAsync(until))));

    private async Task WorkerAsync(DateTimeOffset until)
    {
        while (DateTimeOffset.UtcNow < until)
        {
            var n = Interlocked.Increment(ref _started);
            var template = templates[(n - 1) % templates.Count];
            var (outcome, _) = await run.RunAsync(template, $"soak-{n:D4}-{template.Label}", references[template.Label]);
            Outcomes.Enqueue(outcome);
            Say($"{outcome.Name}: {outcome.Status} at round {outcome.Rounds} in {outcome.Seconds:F1} s, identical {outcome.Identical}"
                + (outcome.Resumes.Count > 0 ? $", resumed after faults {string.Join(", ", outcome.Resumes.Select(r => $"#{r.Fault} {r.Seconds:F2} s"))}" : "")
                + (outcome.Error.Length > 0 ? $", error: {outcome.Error}" : ""));
        }
    }
}
