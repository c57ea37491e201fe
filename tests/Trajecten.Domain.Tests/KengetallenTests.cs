using Trajecten.Abstractions.Leesmodel;

namespace Trajecten.Domain.Tests;

public class KengetallenTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Vandaag = DateOnly.FromDateTime(Nu.UtcDateTime);

    private static TrajectStatistiek T(string id, string client, string gemeente = "Alkmaar", string fase = "intake", string? uitkomst = null,
        DateOnly? aangemeld = null, DateOnly? intake = null, DateOnly? afgesloten = null, string? doelgroep = null,
        IReadOnlyList<OpenTermijn>? termijnen = null, IReadOnlyList<NazorgMeting>? nazorg = null) =>
        new(id, client, gemeente, "re-integratie", fase, doelgroep, aangemeld ?? new DateOnly(2026, 1, 5), intake, null, null, null, afgesloten, uitkomst,
            intake is null ? [] : ["intake"], nazorg ?? [], termijnen ?? [], [], 0, 0, 1);

    private static double Waarde(IReadOnlyList<Metriek> metrieken, string naam, params (string, string)[] labels) =>
        metrieken.Single(m => m.Naam == naam).Metingen
            .Where(x => labels.All(l => x.Labels.Contains(new KeyValuePair<string, string>(l.Item1, l.Item2)))).Sum(x => x.Waarde);

    [Theory]
    // uitstroom 2026-01-10; the 6-month window ends 2026-07-10
    [InlineData("2026-03-01", 6, true)]     // came back within the window
    [InlineData("2026-07-10", 6, true)]     // on its last day
    [InlineData("2026-07-11", 6, false)]    // after it, and the window has passed
    [InlineData(null, 6, false)]            // never came back, the window has passed
    [InlineData(null, 12, null)]            // the 12-month window (to 2027-01-10) is still open: not known yet
    [InlineData("2026-12-01", 12, true)]    // known before the window ends
    [InlineData("2026-01-10", 6, false)]    // a traject registered on the day of uitstroom is not a return
    public void Herinstroom_is_a_new_traject_of_the_same_client_within_the_window(string? terug, int maanden, bool? verwacht)
    {
        var uit = T("tr-1", "cl-1", fase: "uitstroom", uitkomst: TrajectStatistiek.UitstroomWerk, afgesloten: new DateOnly(2026, 1, 10));
        var van = new List<TrajectStatistiek> { uit };
        if (terug is not null)
        {
            van.Add(T("tr-2", "cl-1", aangemeld: DateOnly.Parse(terug)));
        }

        Assert.Equal(verwacht, KengetallenBerekening.Herinstroom(uit, maanden, van, Vandaag));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 5)]
    [InlineData(120, 120)]
    public void Cells_of_one_to_four_people_are_suppressed(int aantal, int? gepubliceerd) =>
        Assert.Equal(gepubliceerd, KengetallenPerMaand.Cel(aantal).Waarde);

    [Fact]
    public void Medians_and_shares_need_five_people()
    {
        Assert.Null(KengetallenPerMaand.Mediaan([1, 2, 3, 4]));
        Assert.Equal(3, KengetallenPerMaand.Mediaan([5, 1, 3, 2, 4]));
        Assert.Equal(3.5, KengetallenPerMaand.Mediaan([6, 1, 3, 2, 4, 5, null]));
        Assert.Null(KengetallenPerMaand.Aandeel(3, 4));
        Assert.Equal(0.667, KengetallenPerMaand.Aandeel(4, 6));
    }

    [Fact]
    public void Gauges_count_the_current_state_and_counters_everything_since_the_log_began()
    {
        var bron = new KengetallenBron(
        [
            T("tr-1", "cl-1", intake: new DateOnly(2026, 1, 12), termijnen: [new OpenTermijn("zoekperiode", Nu.AddDays(-1), false)]),
            T("tr-2", "cl-2", fase: "diagnose", doelgroep: "beperkt", intake: new DateOnly(2026, 1, 5),
                termijnen: [new OpenTermijn("herbeoordeling", Nu.AddDays(30), false)]),
            T("tr-3", "cl-3", gemeente: "Bergen", fase: "uitstroom", uitkomst: TrajectStatistiek.UitstroomWerk, intake: new DateOnly(2026, 1, 5),
                afgesloten: new DateOnly(2026, 3, 1), nazorg: [new NazorgMeting(6, true)]),
            T("tr-4", "cl-1", fase: "beeindigd", uitkomst: TrajectStatistiek.Beeindigd, afgesloten: new DateOnly(2026, 1, 6)),
        ],
        [
            new ClientStatistiek("cl-1", "Alkmaar", "km-a", ["zoekperiode-verlopen"], 1),
            new ClientStatistiek("cl-2", "Alkmaar", "km-a", [], 1),
            new ClientStatistiek("cl-3", "Bergen", "km-b", [], 1),
        ],
        [new SignaalStatistiek(7, "cl-1", "schuldhulp", "vroegsignalering", new DateOnly(2026, 2, 1), "Alkmaar")]);

        var m = KengetallenBerekening.Bereken(bron, Nu, [6, 12, 18]);

        Assert.Equal(2, Waarde(m, "trajecten_trajecten_actief", ("gemeente", "Alkmaar")));
        Assert.Equal(1, Waarde(m, "trajecten_trajecten_actief", ("fase", "intake"), ("doelgroep", "onbepaald")));
        Assert.Equal(1, Waarde(m, "trajecten_trajecten_actief", ("fase", "diagnose"), ("doelgroep", "beperkt")));
        Assert.Equal(0, Waarde(m, "trajecten_trajecten_actief", ("gemeente", "Bergen")));
        Assert.Equal(1, Waarde(m, "trajecten_clienten_aandachtspunt", ("gemeente", "Alkmaar"), ("aandachtspunt", "zoekperiode-verlopen")));
        Assert.Equal(1, Waarde(m, "trajecten_termijnen_open", ("termijn", "zoekperiode"), ("achterstallig", "ja"))); // past its date
        Assert.Equal(1, Waarde(m, "trajecten_termijnen_open", ("termijn", "herbeoordeling"), ("achterstallig", "nee")));
        Assert.Equal(4, Waarde(m, "trajecten_aanmeldingen"));
        Assert.Equal(1, Waarde(m, "trajecten_afgesloten", ("gemeente", "Bergen"), ("uitkomst", "uitstroom-werk")));
        Assert.Equal(1, Waarde(m, "trajecten_afgesloten", ("uitkomst", "beeindigd")));
        Assert.Equal(1, Waarde(m, "trajecten_signalen", ("domein", "schuldhulp")));
        Assert.Equal(1, Waarde(m, "trajecten_uitstroom_werk_nazorg", ("controle", "6"), ("uitkomst", "aan-het-werk")));
        Assert.Equal(1, Waarde(m, "trajecten_uitstroom_werk_gevolgd", ("binnen_maanden", "6"))); // left 2026-03-01: the 6-month window has passed
        Assert.Equal(0, Waarde(m, "trajecten_uitstroom_werk_gevolgd", ("binnen_maanden", "12")));

        // The caseload per klantmanager is a distribution: km-a has two clients with an active traject, km-b none.
        var caseload = Assert.Single(m.Single(x => x.Naam == "trajecten_caseload_per_klantmanager").Metingen);
        Assert.Empty(caseload.Labels);
        Assert.Equal((1L, 2.0), (caseload.Aantal, caseload.Waarde));

        // Durations: intake→uitstroom of tr-3 is 55 days, in the buckets from 56 days up.
        var duur = m.Single(x => x.Naam == "trajecten_doorlooptijd_dagen");
        var uitstroom = duur.Metingen.Single(x => x.Labels.Contains(new("stap", "intake-uitstroom")));
        Assert.Equal((1L, 55.0), (uitstroom.Aantal, uitstroom.Waarde));
        Assert.Equal([0L, 0, 0, 1, 1, 1, 1, 1], uitstroom.Buckets);

        // Labels are codes: no id of a client or traject anywhere.
        Assert.DoesNotContain(m.SelectMany(x => x.Metingen).SelectMany(x => x.Labels), l => l.Value.StartsWith("cl-") || l.Value.StartsWith("tr-") || l.Value.StartsWith("km-"));
    }
}
