using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.RecoveryBench;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// Runs one job of the soak from start to delete through the public client, riding out faults: starts it, waits for its
/// end, reads its model (compared with the template's uninterrupted run) and its metrics (how it resumed after each fault
/// that struck while it ran), and deletes it.
/// </summary>
internal sealed class JobRun(TrainerClient client, FaultLog faults)
{
    private static readonly TimeSpan CallBudget = TimeSpan.FromMinutes(5);

    /// <summary>A job still running after this long is cancelled (and counted as failed).</summary>
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(15);

    /// <summary>Runs <paramref name="template"/> as job <paramref name="name"/>; returns how it ended and its coefficients (null unless it completed).</summary>
    public async Task<(JobOutcome Outcome, double[]? Coefficients)> RunAsync(SoakTemplate template, string name, double[]? reference)
    {
        var status = new JobStatusInfo { Name = name };
        double[]? coefficients = null;
        IReadOnlyList<Resume> resumes = [];
        var comparison = (Identical: (bool?)null, Differing: 0, MaxAbs: 0.0);
        var error = "";
        var deleted = false;
        try
        {
            await Calls.RetryAsync("start", () => StartOnceAsync(template.Named(name)), CallBudget);
            status = await UntilFinishedAsync(name);
            if (status.Status == JobStatus.Completed)
            {
                coefficients = Coefficients(await Calls.RetryAsync("model", () => client.GetModelAsync(name), CallBudget));
                comparison = reference is null ? comparison : Compare(coefficients, reference);
            }
            else
            {
                error = $"{status.Status}: {status.Reason}";
            }

            var metrics = await Calls.RetryAsync("metrics", () => client.GetMetricsAsync(name), CallBudget);
            resumes = ResumesOf(metrics, status);
            await Calls.RetryAsync("delete", () => DeleteOnceAsync(name), CallBudget);
            deleted = true;
        }
        catch (Exception ex)
        {
            error = $"{error} {ex.GetType().Name}: {ex.Message}".Trim();
        }

        var seconds = status is { StartedAt: { } started, FinishedAt: { } finished } ? (finished - started).TotalSeconds : double.NaN;
        return (new JobOutcome(name, template.Label, status.Status, status.Round, seconds, comparison.Identical, comparison.Differing,
            comparison.MaxAbs, resumes, error, deleted), coefficients);
    }

    // A start whose answer was lost may have started the job: a retry then finds it instead of starting it again.
    private async Task<JobStatusInfo> StartOnceAsync(JobSpec spec)
    {
        var existing = await client.GetJobAsync(spec.Name);
        return existing.Status != JobStatus.None ? existing : await client.StartJobAsync(spec);
    }

    // A delete whose answer was lost may have deleted the job: a retry then finds no job, which is success.
    private async Task<bool> DeleteOnceAsync(string name)
    {
        try
        {
            await client.DeleteJobAsync(name);
        }
        catch (KeyNotFoundException)
        {
        }

        return true;
    }

    private async Task<JobStatusInfo> UntilFinishedAsync(string name)
    {
        var deadline = DateTime.UtcNow + JobTimeout;
        var cancelled = false;
        while (true)
        {
            var status = await Calls.RetryAsync("status", () => client.GetJobAsync(name), CallBudget);
            if (status.IsFinished)
            {
                return status;
            }

            if (!cancelled && DateTime.UtcNow > deadline)
            {
                await Calls.RetryAsync("cancel", () => client.CancelJobAsync(name), CallBudget);
                cancelled = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private IReadOnlyList<Resume> ResumesOf(RoundMetrics[] metrics, JobStatusInfo status)
    {
        if (status is not { StartedAt: { } started, FinishedAt: { } finished })
        {
            return [];
        }

        var timeline = new CommitTimeline(metrics, started);
        return [.. faults.Between(started, finished)
            .Select(f => (Fault: f.Index, Next: timeline.FirstRoundStartedAfter(f.At)))
            .Where(r => r.Next.Round >= 0)
            .Select(r => new Resume(r.Fault, r.Next.Seconds, r.Next.Round))];
    }

    private static (bool? Identical, int Differing, double MaxAbs) Compare(double[] ours, double[] reference)
    {
        if (ours.Length != reference.Length)
        {
            return (false, -1, double.NaN);
        }

        var differing = ours.Zip(reference).Count(p => BitConverter.DoubleToInt64Bits(p.First) != BitConverter.DoubleToInt64Bits(p.Second));
        return (differing == 0, differing, ours.Zip(reference).Max(p => Math.Abs(p.First - p.Second)));
    }

    private static double[] Coefficients(LinearModel model) => [.. model.Weights.ToArray(), model.Intercept];
}
