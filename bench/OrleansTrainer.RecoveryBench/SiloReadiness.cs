using System.Diagnostics;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.RecoveryBench;

/// <summary>When a silo's readiness probe (<c>/health/ready</c>, what Kubernetes routes by) first answers 200: the silo has joined the cluster and reaches Redis.</summary>
internal static class SiloReadiness
{
    /// <summary>Polls every 50 ms; returns the Stopwatch timestamp of the first 200.</summary>
    /// <exception cref="TimeoutException">Not ready within <paramref name="timeout"/>.</exception>
    public static async Task<long> UntilReadyAsync(SiloProcess silo, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var url = $"http://127.0.0.1:{silo.HealthPort}/health/ready";
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetTimestamp();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer: ask again.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{silo.Name} was not ready ({url}) within {timeout.TotalSeconds:F0} s.");
    }
}
