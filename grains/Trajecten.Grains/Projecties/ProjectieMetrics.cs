using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// How far the projections are behind and what is parked. A partition is active on one silo at a time and reports from
/// there (and stops reporting when it leaves), so summing or taking the maximum over silos gives the cluster's figure.
/// </summary>
public sealed class ProjectieMetrics
{
    private readonly Histogram<double> _vertraging;
    private readonly Counter<long> _fouten;
    private readonly ConcurrentDictionary<(string Projectie, int Partitie), double> _achterstand = new();
    private readonly ConcurrentDictionary<(string Projectie, int Partitie), int> _geparkeerd = new();

    public ProjectieMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TrajectenMetrics.MeterName);
        _vertraging = meter.CreateHistogram<double>("trajecten.projectie.vertraging", unit: "s",
            description: "Tijd van het vastleggen van een feit tot het toepassen in een projectie, per projectie.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _fouten = meter.CreateCounter<long>("trajecten.projectie.fouten", description: "Mislukte pogingen om een feit toe te passen, per projectie.");
        meter.CreateObservableGauge("trajecten.projectie.achterstand", () => _achterstand.Select(p =>
                new Measurement<double>(p.Value, new("projectie", p.Key.Projectie), new("partitie", p.Key.Partitie))),
            unit: "s", description: "Leeftijd van het oudste nog niet toegepaste feit, per projectie en partitie (0: bij).");
        meter.CreateObservableGauge("trajecten.projectie.geparkeerd", () => _geparkeerd.Select(p =>
                new Measurement<int>(p.Value, new("projectie", p.Key.Projectie), new("partitie", p.Key.Partitie))),
            description: "Geparkeerde feiten, per projectie en partitie.");
    }

    public void Toegepast(string projectie, TimeSpan vertraging) =>
        _vertraging.Record(Math.Max(0, vertraging.TotalSeconds), new KeyValuePair<string, object?>("projectie", projectie));

    public void Fout(string projectie) => _fouten.Add(1, new KeyValuePair<string, object?>("projectie", projectie));

    public void Achterstand(string projectie, int partitie, TimeSpan achterstand) => _achterstand[(projectie, partitie)] = Math.Max(0, achterstand.TotalSeconds);

    public void Geparkeerd(string projectie, int partitie, int aantal) => _geparkeerd[(projectie, partitie)] = aantal;

    public void Vergeet(int partitie)
    {
        foreach (var sleutel in _achterstand.Keys.Where(k => k.Partitie == partitie))
        {
            _achterstand.TryRemove(sleutel, out _);
        }

        foreach (var sleutel in _geparkeerd.Keys.Where(k => k.Partitie == partitie))
        {
            _geparkeerd.TryRemove(sleutel, out _);
        }
    }
}
