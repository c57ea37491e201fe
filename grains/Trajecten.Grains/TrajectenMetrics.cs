using System.Diagnostics.Metrics;

namespace Trajecten.Grains;

/// <summary>
/// Domain outcome counters, incremented where the fact is stored. Labels are low-cardinality codes
/// (gemeente, soort, domein); never an id, never a BSN. Each silo counts what it stored; Prometheus sums.
/// </summary>
public sealed class TrajectenMetrics
{
    public const string MeterName = "Trajecten";

    private readonly Counter<long> _clienten;
    private readonly Counter<long> _gestart;
    private readonly Counter<long> _mijlpalen;
    private readonly Counter<long> _afgesloten;
    private readonly Counter<long> _signalen;
    private readonly Counter<long> _termijnen;
    private readonly Counter<long> _correcties;
    private readonly Counter<long> _afleveringMislukt;
    private readonly UpDownCounter<long> _abonnementenFalend;

    public TrajectenMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _clienten = meter.CreateCounter<long>("trajecten.clienten.geregistreerd", description: "Cliënten geregistreerd, per gemeente.");
        _gestart = meter.CreateCounter<long>("trajecten.trajecten.gestart", description: "Trajecten aangemeld, per gemeente en soort.");
        _mijlpalen = meter.CreateCounter<long>("trajecten.mijlpalen", description: "Mijlpalen geregistreerd, per soort en gemeente.");
        _afgesloten = meter.CreateCounter<long>("trajecten.trajecten.afgesloten", description: "Trajecten afgesloten, per gemeente, soort en uitkomst (uitstroom-werk, uitstroom-opleiding, uitstroom-overig, beeindigd).");
        _signalen = meter.CreateCounter<long>("trajecten.signalen", description: "Signalen uit andere domeinen ontvangen, per domein.");
        _afleveringMislukt = meter.CreateCounter<long>("trajecten.abonnementen.aflevering.mislukt", description: "Mislukte webhook-afleveringen.");
        _abonnementenFalend = meter.CreateUpDownCounter<long>("trajecten.abonnementen.falend", description: "Abonnementen die als falend gemarkeerd zijn (op deze silo).");
        _correcties = meter.CreateCounter<long>("trajecten.mijlpalen.gecorrigeerd", description: "Correcties en intrekkingen van mijlpalen, per soort (correctie, intrekking) en gemeente.");
        _termijnen = meter.CreateCounter<long>("trajecten.termijnen.verstreken", description: "Termijnen (zoekperiode, herbeoordeling, nazorg) verstreken, per termijn en gemeente.");
    }

    public void ClientGeregistreerd(string gemeente) => _clienten.Add(1, new KeyValuePair<string, object?>("gemeente", gemeente));

    public void TrajectGestart(string gemeente, string soort) =>
        _gestart.Add(1, new("gemeente", gemeente), new("soort", soort));

    public void MijlpaalGeregistreerd(string soort, string gemeente) =>
        _mijlpalen.Add(1, new("soort", soort), new("gemeente", gemeente));

    public void TrajectAfgesloten(string gemeente, string soort, string uitkomst) =>
        _afgesloten.Add(1, new("gemeente", gemeente), new("soort", soort), new("uitkomst", uitkomst));

    public void TermijnVerstreken(string termijn, string gemeente) =>
        _termijnen.Add(1, new("termijn", termijn), new("gemeente", gemeente));

    public void MijlpaalGecorrigeerd(string soort, string gemeente) =>
        _correcties.Add(1, new("soort", soort), new("gemeente", gemeente));

    public void AfleveringMislukt() => _afleveringMislukt.Add(1);

    public void AbonnementFalend(int verandering) => _abonnementenFalend.Add(verandering);

    public void SignaalOntvangen(string domein) => _signalen.Add(1, new KeyValuePair<string, object?>("domein", domein));
}
