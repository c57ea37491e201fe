using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Trajecten.Silo;

/// <summary>Ready when the cluster answers a management call and has at least one active silo.</summary>
internal sealed class ClusterGereedCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var silos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return silos.Count > 0
                ? HealthCheckResult.Healthy($"{silos.Count} actieve silo('s)")
                : HealthCheckResult.Unhealthy("Geen actieve silo's.");
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Het cluster antwoordt niet.");
        }
    }
}
