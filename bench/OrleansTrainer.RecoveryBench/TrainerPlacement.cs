using Orleans.Runtime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.RecoveryBench;

/// <summary>Which silo process hosts a job's trainer grain.</summary>
internal static class TrainerPlacement
{
    /// <summary>How long to keep asking while the cluster re-forms (the management grain's silo may just have died).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The live silo hosting the trainer of <paramref name="job"/>, asking again on errors for up to 15 s.</summary>
    /// <exception cref="InvalidOperationException">The trainer is not active, or on no live silo of the cluster.</exception>
    public static async Task<SiloProcess> SiloOfAsync(TrainerClient client, LocalTrainerCluster cluster, string job)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await AskAsync(client, cluster, job);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A live silo other than <paramref name="trainerSilo"/>.</summary>
    public static SiloProcess OtherThan(LocalTrainerCluster cluster, SiloProcess trainerSilo) =>
        cluster.Silos.First(s => !s.HasExited && s != trainerSilo);

    private static async Task<SiloProcess> AskAsync(TrainerClient client, LocalTrainerCluster cluster, string job)
    {
        var management = client.Cluster.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(client.Cluster.GetGrain<ITrainerGrain>(job)).AsTask().WaitAsync(TimeSpan.FromSeconds(2))
                      ?? throw new InvalidOperationException($"The trainer of {job} is not active.");
        return cluster.Silos.FirstOrDefault(s => !s.HasExited && s.SiloPort == address.Endpoint.Port)
               ?? throw new InvalidOperationException($"The trainer of {job} is on {address}, which is no live silo of the cluster.");
    }
}
