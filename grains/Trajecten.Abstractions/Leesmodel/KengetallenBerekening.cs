using System.Globalization;

namespace Trajecten.Abstractions.Leesmodel;

public enum MetriekSoort
{
    Gauge,
    Counter,
    Histogram,
}

/// <summary>One series: its labels (codes only) and its value; a histogram has cumulative bucket counts, a sum and a count.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.meting.v1")]
public sealed record Meting(
    [property: Id(0)] IReadOnlyList<KeyValuePair<string, string>> Labels,
    [property: Id(1)] double Waarde,
    [property: Id(2)] IReadOnlyList<long>? Buckets = null,
    [property: Id(3)] long Aantal = 0);

/// <summary>A metric of the management figures: Prometheus name (without <c>_total</c>), type, help text, its series.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.metriek.v1")]
public sealed record Metriek(
    [property: Id(0)] string Naam,
    [property: Id(1)] MetriekSoort Soort,
    [property: Id(2)] string Help,
    [property: Id(3)] IReadOnlyList<Meting> Metingen,
    [property: Id(4)] IReadOnlyList<double>? Grenzen = null);

/// <summary>
/// The management figures as pure functions of the read model: the current state (gauges), what happened since the log began
/// (counters, durations), and durable uitstroom. The same rows give the same figures after any restart or rebuild.
/// </summary>
public static class KengetallenBerekening
{
    /// <summary>Bucket bounds of the durations, in days: a week, two, four, eight weeks, a quarter, half a year, a year, two.</summary>
    public static readonly IReadOnlyList<double> DagGrenzen = [7, 14, 28, 56, 91, 182, 365, 730];

    /// <summary>Bucket bounds of the caseload per klantmanager (active clients).</summary>
    public static readonly IReadOnlyList<double> CaseloadGrenzen = [10, 25, 50, 75, 100, 150, 200, 300];

    /// <summary>The steps whose duration is measured, and how each is read from a traject (null: not (yet) taken).</summary>
    public static readonly IReadOnlyList<(string Stap, Func<TrajectStatistiek, int?> Dagen)> Stappen =
    [
        ("aanmelding-intake", t => Dagen(t.AangemeldOp, t.IntakeOp)),
        ("intake-diagnose", t => Dagen(t.IntakeOp, t.DiagnoseOp)),
        ("intake-plaatsing", t => Dagen(t.IntakeOp, t.PlaatsingOp)),
        ("intake-uitstroom", t => t.Uitkomst?.StartsWith("uitstroom-", StringComparison.Ordinal) == true ? Dagen(t.IntakeOp, t.AfgeslotenOp) : null),
        ("zoekperiode", t => Dagen(t.IntakeOp, t.ZoekperiodeTot)),
    ];

    /// <summary>Whole days from one date to another (never negative: a milestone back-dated before the aanmelding counts 0).</summary>
    public static int? Dagen(DateOnly? van, DateOnly? tot) =>
        van is { } a && tot is { } b ? Math.Max(0, b.DayNumber - a.DayNumber) : null;

    /// <summary>Every management metric from the rows, at <paramref name="nu"/> (which decides "overdue" and finished windows).</summary>
    public static IReadOnlyList<Metriek> Bereken(KengetallenBron bron, DateTimeOffset nu, IReadOnlyList<int> controles)
    {
        var t = bron.Trajecten;
        var actief = t.Where(x => x.Actief).ToArray();
        var metrieken = new List<Metriek>
        {
            Tel("trajecten_trajecten_actief", MetriekSoort.Gauge, "Actieve trajecten nu, per gemeente, fase, soort en doelgroep (onbepaald: nog geen diagnose).",
                actief.Select(x => L(("gemeente", x.Gemeente), ("fase", x.Fase), ("soort", x.Soort), ("doelgroep", x.Doelgroep ?? "onbepaald")))),
            Tel("trajecten_clienten_aandachtspunt", MetriekSoort.Gauge, "Cliënten met een aandachtspunt nu, per gemeente en aandachtspunt.",
                bron.Clienten.SelectMany(c => c.Aandachtspunten.Distinct().Select(a => L(("gemeente", c.Gemeente), ("aandachtspunt", a))))),
            Tel("trajecten_termijnen_open", MetriekSoort.Gauge,
                "Open termijnen nu, per gemeente, termijn en of ze achterstallig zijn (vervallen zonder dat erop is gehandeld).",
                t.SelectMany(x => x.Termijnen.Select(o => L(("gemeente", x.Gemeente), ("termijn", o.Soort),
                    ("achterstallig", o.Verstreken || o.Vervaltijd <= nu ? "ja" : "nee"))))),
            CaseloadVerdeling(bron, actief),
            Tel("trajecten_aanmeldingen", MetriekSoort.Counter, "Trajecten aangemeld sinds het begin van het log, per gemeente en soort.",
                t.Select(x => L(("gemeente", x.Gemeente), ("soort", x.Soort)))),
            Tel("trajecten_mijlpalen", MetriekSoort.Counter, "Mijlpalen die gelden (correcties toegepast, intrekkingen niet meegeteld), per gemeente en soort.",
                t.SelectMany(x => x.Mijlpalen.Select(m => L(("gemeente", x.Gemeente), ("soort", m))))),
            Tel("trajecten_afgesloten", MetriekSoort.Counter,
                "Trajecten afgesloten, per gemeente, soort en uitkomst (uitstroom-werk, uitstroom-opleiding, uitstroom-overig, beeindigd; vernietigd: nog lopend toen de persoonsgegevens werden vernietigd).",
                t.Where(x => !x.Actief).Select(x => L(("gemeente", x.Gemeente), ("soort", x.Soort), ("uitkomst", x.Uitkomst!)))),
            Tel("trajecten_correcties", MetriekSoort.Counter, "Correcties en intrekkingen van mijlpalen, per gemeente en soort.",
                t.SelectMany(x => Enumerable.Repeat(L(("gemeente", x.Gemeente), ("soort", "correctie")), x.Correcties)
                    .Concat(Enumerable.Repeat(L(("gemeente", x.Gemeente), ("soort", "intrekking")), x.Intrekkingen)))),
            Tel("trajecten_termijnen_verstreken", MetriekSoort.Counter, "Termijnen die verstreken, per gemeente en termijn.",
                t.SelectMany(x => x.Verstreken.Select(v => L(("gemeente", x.Gemeente), ("termijn", v))))),
            Tel("trajecten_signalen", MetriekSoort.Counter, "Signalen uit andere domeinen ontvangen, per domein en soort.",
                bron.Signalen.Select(s => L(("domein", s.Domein), ("soort", s.Soort)))),
            Doorlooptijden(t),
        };
        metrieken.AddRange(Duurzaamheid(t, nu, controles));
        return metrieken;
    }

    private static Metriek CaseloadVerdeling(KengetallenBron bron, IReadOnlyList<TrajectStatistiek> actief)
    {
        var metActief = actief.Select(x => x.ClientId).ToHashSet(StringComparer.Ordinal);
        var perKlantmanager = bron.Clienten.Where(c => c.Klantmanager is not null && metActief.Contains(c.ClientId))
            .GroupBy(c => c.Klantmanager!, StringComparer.Ordinal).Select(g => (double)g.Count());
        return new Metriek("trajecten_caseload_per_klantmanager", MetriekSoort.Histogram,
            "Verdeling van de caseload nu: per klantmanager het aantal cliënten met een actief traject (een momentopname, geen label per persoon).",
            [Histogram([], perKlantmanager, CaseloadGrenzen)], CaseloadGrenzen);
    }

    private static Metriek Doorlooptijden(IReadOnlyList<TrajectStatistiek> trajecten)
    {
        var metingen = trajecten
            .SelectMany(x => Stappen.Select(s => (x.Gemeente, x.Soort, s.Stap, Dagen: s.Dagen(x))))
            .Where(x => x.Dagen is not null)
            .GroupBy(x => (x.Gemeente, x.Soort, x.Stap))
            .OrderBy(g => g.Key)
            .Select(g => Histogram(L(("gemeente", g.Key.Gemeente), ("soort", g.Key.Soort), ("stap", g.Key.Stap)), g.Select(x => (double)x.Dagen!.Value), DagGrenzen))
            .ToArray();
        return new Metriek("trajecten_doorlooptijd_dagen", MetriekSoort.Histogram,
            "Doorlooptijden in dagen van alle trajecten die de stap zetten sinds het begin van het log, per gemeente, soort en stap "
            + "(aanmelding-intake, intake-diagnose, intake-plaatsing, intake-uitstroom, zoekperiode).", metingen, DagGrenzen);
    }

    /// <summary>
    /// Durable uitstroom of everyone who left for work: the aftercare outcomes per check (CBS follows people at 6, 12 and 18
    /// months), and herinstroom (Divosa): of those whose window has passed, how many came back with a new traject within it.
    /// </summary>
    private static IEnumerable<Metriek> Duurzaamheid(IReadOnlyList<TrajectStatistiek> trajecten, DateTimeOffset nu, IReadOnlyList<int> controles)
    {
        var werk = trajecten.Where(x => x.Uitkomst == TrajectStatistiek.UitstroomWerk).ToArray();
        yield return Tel("trajecten_uitstroom_werk_nazorg", MetriekSoort.Gauge,
            "Nazorguitkomsten van wie uitstroomde naar werk, per gemeente, controle (maanden na uitstroom) en uitkomst (aan-het-werk, niet-aan-het-werk).",
            werk.SelectMany(x => x.Nazorg.Select(n => L(("gemeente", x.Gemeente), ("controle", Tekst(n.Controle)),
                ("uitkomst", n.AanHetWerk ? "aan-het-werk" : "niet-aan-het-werk")))));
        var vandaag = DateOnly.FromDateTime(nu.UtcDateTime);
        var perClient = trajecten.ToLookup(x => x.ClientId, StringComparer.Ordinal);
        var gevolgd = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        var terug = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        foreach (var x in werk)
        {
            foreach (var maanden in controles)
            {
                var status = Herinstroom(x, maanden, perClient[x.ClientId], vandaag);
                var labels = L(("gemeente", x.Gemeente), ("binnen_maanden", Tekst(maanden)));
                if (status is not null)
                {
                    gevolgd.Add(labels);
                    if (status == true)
                    {
                        terug.Add(labels);
                    }
                }
            }
        }

        yield return Tel("trajecten_uitstroom_werk_gevolgd", MetriekSoort.Gauge,
            "Uitgestroomden naar werk van wie de herinstroomperiode voorbij is (of die eerder terugkwamen), per gemeente en periode in maanden.", gevolgd);
        yield return Tel("trajecten_uitstroom_werk_herinstroom", MetriekSoort.Gauge,
            "Uitgestroomden naar werk die binnen de periode weer instroomden (een nieuw traject), per gemeente en periode in maanden.", terug);
    }

    /// <summary>
    /// Whether the person who left for work with traject <paramref name="x"/> came back within <paramref name="maanden"/>:
    /// true (a traject of the same client registered after the uitstroom and within the window), false (the window has
    /// passed without one), null (the window is still open and they have not come back: not known yet).
    /// </summary>
    public static bool? Herinstroom(TrajectStatistiek x, int maanden, IEnumerable<TrajectStatistiek> vanClient, DateOnly vandaag)
    {
        var uit = x.AfgeslotenOp!.Value;
        var einde = uit.AddMonths(maanden);
        if (vanClient.Any(o => o.TrajectId != x.TrajectId && o.AangemeldOp > uit && o.AangemeldOp <= einde))
        {
            return true;
        }

        return einde < vandaag ? false : null;
    }

    private static Metriek Tel(string naam, MetriekSoort soort, string help, IEnumerable<IReadOnlyList<KeyValuePair<string, string>>> reeksen) =>
        new(naam, soort, help, reeksen
            .GroupBy(l => string.Join('\u0001', l.Select(p => p.Key + "=" + p.Value)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Meting(g.First(), g.Count()))
            .ToArray());

    private static Meting Histogram(IReadOnlyList<KeyValuePair<string, string>> labels, IEnumerable<double> waarden, IReadOnlyList<double> grenzen)
    {
        var buckets = new long[grenzen.Count];
        double som = 0;
        long aantal = 0;
        foreach (var w in waarden)
        {
            som += w;
            aantal++;
            for (var i = 0; i < grenzen.Count; i++)
            {
                if (w <= grenzen[i])
                {
                    buckets[i]++;
                }
            }
        }

        return new Meting(labels, som, buckets, aantal);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> L(params (string Naam, string Waarde)[] labels) =>
        labels.Select(l => new KeyValuePair<string, string>(l.Naam, l.Waarde)).ToArray();

    private static string Tekst(int getal) => getal.ToString(CultureInfo.InvariantCulture);
}
