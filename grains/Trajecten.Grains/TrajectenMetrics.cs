using System.Diagnostics.Metrics;

namespace Trajecten.Grains;

/// <summary>
/// What this process did with webhooks: per process, since it started (Prometheus sums over silos; <c>rate()</c> survives a
/// restart). The domain figures (trajecten, mijlpalen, outcomes, signals) are not counted here but computed from the
/// log's read model by the kengetallen grain, so a restart loses nothing (see <see cref="Kengetallen.KengetallenGrain"/>).
/// </summary>
public sealed class TrajectenMetrics
{
    public const string MeterName = "Trajecten";

    private readonly Counter<long> _afleveringMislukt;
    private readonly UpDownCounter<long> _abonnementenFalend;

    public TrajectenMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _afleveringMislukt = meter.CreateCounter<long>("trajecten.abonnementen.aflevering.mislukt", description: "Mislukte webhook-afleveringen door deze silo sinds de start.");
        _abonnementenFalend = meter.CreateUpDownCounter<long>("trajecten.abonnementen.falend", description: "Abonnementen die als falend gemarkeerd zijn (op deze silo).");
    }

    public void AfleveringMislukt() => _afleveringMislukt.Add(1);

    public void AbonnementFalend(int verandering) => _abonnementenFalend.Add(verandering);
}
