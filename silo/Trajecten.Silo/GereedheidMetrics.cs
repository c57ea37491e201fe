using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Trajecten.Silo;

/// <summary>
/// The readiness checks as a gauge, so Prometheus can alert on them: <c>trajecten_gereed{check}</c> is 1 while the check is
/// healthy, 0 otherwise; evaluated every 15 seconds by the health check publisher (the same checks as /health/ready).
/// </summary>
public sealed class GereedheidMetrics : IHealthCheckPublisher
{
    private readonly ConcurrentDictionary<string, int> _stand = new(StringComparer.Ordinal);

    public GereedheidMetrics(IMeterFactory meters)
    {
        meters.Create(Trajecten.Postgres.OpslagMetrics.MeterName).CreateObservableGauge("trajecten.gereed",
            () => _stand.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("check", s.Key))),
            description: "1 als de gereedheidscontrole slaagt, anders 0, per controle (cluster, database).");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (naam, uitslag) in report.Entries)
        {
            _stand[naam] = uitslag.Status == HealthStatus.Healthy ? 1 : 0;
        }

        return Task.CompletedTask;
    }
}
