using Microsoft.Extensions.Options;

namespace OrleansTrainer.Admin.Services;

/// <summary>Membership and activations, from Orleans' management grain.</summary>
public sealed class ClusterQueries(IClusterClient cluster, IOptions<AdminConsoleOptions> options, TimeProvider clock)
{
    private IManagementGrain Management => cluster.GetGrain<IManagementGrain>(0);

    /// <summary>The silos (every status the membership table holds) and the activation counts per grain type and silo.</summary>
    public async Task<ClusterView> GetAsync()
    {
        var now = clock.GetUtcNow();
        var hosts = await Management.GetDetailedHosts(onlyActive: false);
        var statistics = await Management.GetSimpleGrainStatistics();
        var silos = hosts
            .OrderBy(h => h.Status != SiloStatus.Active).ThenBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
            .Select(h =>
            {
                var started = new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc));
                return new SiloView(h.SiloAddress.ToString(), h.SiloName, h.HostName, h.Status.ToString(), started,
                    h.Status == SiloStatus.Active ? (now - started).TotalSeconds : 0);
            })
            .ToArray();
        var activations = statistics
            .Select(s => new ActivationCount(ShortTypeName(s.GrainType), s.SiloAddress.ToString(), s.ActivationCount))
            .OrderBy(a => a.GrainType, StringComparer.Ordinal).ThenBy(a => a.Silo, StringComparer.Ordinal)
            .ToArray();
        return new ClusterView(options.Value.ClusterId, options.Value.ServiceId, silos, activations);
    }

    /// <summary>The silo a grain is active on, or null when it has no activation.</summary>
    public async Task<string?> SiloOfAsync(IAddressable grain) => (await Management.GetActivationAddress(grain))?.ToString();

    private static string ShortTypeName(string type)
    {
        var name = type.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
