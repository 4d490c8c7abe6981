using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// Reads a job's status while the cluster may be re-forming: every failed or slow call (the client's gateway died, the
/// trainer's silo is not yet declared dead, the trainer is re-activating) is counted and retried.
/// </summary>
internal sealed class JobPolling(TrainerClient client, string job)
{
    /// <summary>How long one status call may take before it is abandoned and asked again.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Failed calls since the counters were last reset, by exception type.</summary>
    public Dictionary<string, int> Failures { get; } = [];

    /// <summary>The status, retrying failed calls every <paramref name="pause"/> until <paramref name="deadline"/> (a Stopwatch timestamp).</summary>
    /// <exception cref="TimeoutException">No call succeeded before the deadline.</exception>
    public async Task<JobStatusInfo> StatusAsync(TimeSpan pause, long deadline)
    {
        while (true)
        {
            try
            {
                return await client.GetJobAsync(job).WaitAsync(CallTimeout);
            }
            catch (Exception ex)
            {
                var kind = ex.GetType().Name;
                Failures[kind] = Failures.GetValueOrDefault(kind) + 1;
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"No status of job {job} within the deadline; last error: {ex.Message}", ex);
                }

                await Task.Delay(pause);
            }
        }
    }

    /// <summary>Polls every <paramref name="pause"/> until the job's committed round reaches <paramref name="round"/> or the job ends.</summary>
    public async Task<(JobStatusInfo Status, long At)> UntilRoundAsync(long round, TimeSpan pause, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var status = await StatusAsync(pause, deadline);
            var at = Stopwatch.GetTimestamp();
            if (status.Round >= round || status.IsFinished)
            {
                return (status, at);
            }

            if (at > deadline)
            {
                throw new TimeoutException($"Job {job} still at round {status.Round} ({status.Status}) after {timeout.TotalSeconds:F0} s; waited for round {round}.");
            }

            await Task.Delay(pause);
        }
    }

    /// <summary>Waits until the job has ended.</summary>
    public async Task<JobStatusInfo> UntilFinishedAsync(TimeSpan timeout) =>
        (await UntilRoundAsync(long.MaxValue, TimeSpan.FromMilliseconds(50), timeout)).Status;
}
