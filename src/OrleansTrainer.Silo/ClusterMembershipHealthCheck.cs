using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace OrleansTrainer.Silo;

/// <summary>Healthy while this silo is an active member of its cluster: not before it has joined, not once it begins to leave.</summary>
public sealed class ClusterMembershipHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{oracle.SiloName} is an active cluster member")
            : HealthCheckResult.Unhealthy($"{oracle.SiloName} is {oracle.CurrentStatus}"));
}
