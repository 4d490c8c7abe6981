using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;

namespace OrleansTrainer.IntegrationTests;

/// <summary>Follows a job while silos come and go.</summary>
internal static class JobProgress
{
    /// <summary>The silo that hosts the job's trainer.</summary>
    public static async Task<SiloAddress> TrainerSiloAsync(TrainerClient client, string job)
    {
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        return await management.GetActivationAddress(client.Cluster.GetGrain<ITrainerGrain>(job))
               ?? throw new InvalidOperationException($"The trainer of {job} is not active.");
    }

    /// <summary>Waits until the job has committed <paramref name="round"/> rounds.</summary>
    public static async Task WaitForRoundAsync(TrainerClient client, string job, long round)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await client.GetJobAsync(job, timeout.Token)).Round < round)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Waits until the job has finished, asking again while the cluster re-forms after a silo left.</summary>
    public static async Task<JobStatusInfo> WaitForCompletionAsync(TrainerClient client, string job)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            try
            {
                return await client.WaitForJobAsync(job, TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException or OrleansException
                                       && !timeout.IsCancellationRequested)
            {
                // The client's gateway or the trainer's silo is gone; the cluster is re-forming. Ask again.
                await Task.Delay(200, timeout.Token);
            }
        }
    }
}
