using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

public class TermijnRegelsTests
{
    private static readonly TermijnOpties Opties = new()
    {
        Zoekperiode = TimeSpan.FromDays(56), Herbeoordeling = TimeSpan.FromDays(182), NazorgControles = "3, 6",
    };

    private static Mijlpaal M(MijlpaalSoort soort, string datum) => new()
    {
        MijlpaalId = "mp", Volgnummer = 1, Soort = soort, Datum = DateOnly.Parse(datum), Details = MijlpaalDetails.Geen,
        GeregistreerdOp = DateTimeOffset.UnixEpoch, IdempotencyKey = "k",
    };

    [Fact]
    public void The_intake_starts_search_period_and_reassessment_from_its_date()
    {
        var termijnen = TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Intake, "2026-03-01"), Opties);
        var begin = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(
            [(TermijnSoort.Zoekperiode, begin.AddDays(56)), (TermijnSoort.Herbeoordeling, begin.AddDays(182))],
            termijnen.Select(t => (t.Soort, t.Vervaltijd)));
        Assert.All(termijnen, t => Assert.Null(t.VerstrekenOp));
    }

    [Fact]
    public void Later_milestones_drop_what_no_longer_applies_and_uitstroom_starts_aftercare()
    {
        var na = TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Intake, "2026-03-01"), Opties);
        na = TermijnRegels.NaMijlpaal(na, M(MijlpaalSoort.Diagnose, "2026-03-10"), Opties);
        Assert.Equal([TermijnSoort.Herbeoordeling], na.Select(t => t.Soort));

        na = TermijnRegels.NaMijlpaal(na, M(MijlpaalSoort.Uitstroom, "2026-04-01"), Opties);
        // One deadline per aftercare check, in calendar months after the uitstroom date.
        Assert.Equal(
            [(TermijnSoort.Nazorg, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), (int?)3), (TermijnSoort.Nazorg, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 6)],
            na.Select(t => (t.Soort, t.Vervaltijd, t.Controle)));

        Assert.Empty(TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Beeindigd, "2026-04-01"), Opties));
    }

    [Fact]
    public void A_recorded_reassessment_satisfies_the_due_one_and_starts_the_next_period_while_the_traject_is_active()
    {
        var intake = TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Intake, "2026-03-01"), Opties);
        var (verstreken, _) = TermijnRegels.Verstrijk(intake, TrajectFase.Intake, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), Opties);
        Assert.Contains(verstreken, t => t.Soort == TermijnSoort.Herbeoordeling && t.VerstrekenOp is not null);

        var na = TermijnRegels.NaHerbeoordeling(verstreken, new DateOnly(2026, 9, 15), TrajectFase.Plaatsing, Opties);
        var herbeoordeling = Assert.Single(na, t => t.Soort == TermijnSoort.Herbeoordeling);
        Assert.Null(herbeoordeling.VerstrekenOp);
        Assert.Equal(new DateTimeOffset(2026, 9, 15, 0, 0, 0, TimeSpan.Zero).AddDays(182), herbeoordeling.Vervaltijd);
        Assert.Contains(na, t => t.Soort == TermijnSoort.Zoekperiode); // other deadlines stay as they are

        Assert.DoesNotContain(TermijnRegels.NaHerbeoordeling(verstreken, new DateOnly(2026, 9, 15), TrajectFase.Beeindigd, Opties),
            t => t.Soort == TermijnSoort.Herbeoordeling);
    }

    [Fact]
    public void Reassessments_never_pile_up_a_traject_in_plaatsing_for_three_years_owes_one()
    {
        static TrajectFeit Feit(int nr, Mijlpaal? m = null, Termijn? verstreken = null, Herbeoordeling? h = null) =>
            new() { Volgnummer = nr, Mijlpaal = m, Verstreken = verstreken, Herbeoordeling = h };
        var feiten = new List<TrajectFeit>
        {
            Feit(1, M(MijlpaalSoort.Intake, "2023-01-02") with { MijlpaalId = "mp-1", Volgnummer = 1 }),
            Feit(2, M(MijlpaalSoort.Diagnose, "2023-01-10") with { MijlpaalId = "mp-2", Volgnummer = 2, Details = new() { Loonwaarde = 80, Doelgroep = Doelgroep.Volledig } }),
            Feit(3, M(MijlpaalSoort.Plan, "2023-01-20") with { MijlpaalId = "mp-3", Volgnummer = 3 }),
            Feit(4, M(MijlpaalSoort.Plaatsing, "2023-02-01") with { MijlpaalId = "mp-4", Volgnummer = 4, Details = new() { KvkNummer = "12345678" } }),
        };

        // The reminder fires every time something is due, for three years: what fell due is recorded each time.
        var nu = new DateTimeOffset(2023, 2, 1, 0, 0, 0, TimeSpan.Zero);
        while (nu < new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero))
        {
            nu = nu.AddDays(30);
            var beeld = TrajectBeeld.Bouw(feiten, Opties);
            foreach (var t in TermijnRegels.Verstrijk(beeld.Termijnen, beeld.Fase, nu, Opties).Verstreken)
            {
                feiten.Add(Feit(feiten.Count + 1, verstreken: t with { VerstrekenOp = nu }));
            }
        }

        var drieJaar = TrajectBeeld.Bouw(feiten, Opties);
        var schuldig = Assert.Single(drieJaar.Termijnen, t => t.Soort == TermijnSoort.Herbeoordeling);
        Assert.Equal(new DateTimeOffset(2023, 1, 2, 0, 0, 0, TimeSpan.Zero).AddDays(182), schuldig.Vervaltijd); // due since the first one
        Assert.NotNull(schuldig.VerstrekenOp);
        Assert.Null(TermijnRegels.EerstVolgende(drieJaar.Termijnen, drieJaar.Fase)); // no reminder keeps firing for it
        var punten = Klantbeeld.Aandachtspunten.Bepaal([new Klantbeeld.TrajectStand("tr-1", new DateOnly(2023, 1, 2), drieJaar.Mijlpalen, drieJaar.Termijnen)], [], nu);
        Assert.Equal(new DateOnly(2023, 7, 3), Assert.Single(punten, p => p.Code == Klantbeeld.Aandachtspunten.HerbeoordelingNodig).Sinds);

        feiten.Add(Feit(feiten.Count + 1, h: new Herbeoordeling
        {
            HerbeoordelingId = "hb-1", Datum = new DateOnly(2026, 2, 3), GeregistreerdOp = nu, IdempotencyKey = "h",
        }));
        var na = TrajectBeeld.Bouw(feiten, Opties);
        var volgende = Assert.Single(na.Termijnen, t => t.Soort == TermijnSoort.Herbeoordeling);
        Assert.Null(volgende.VerstrekenOp);
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero).AddDays(182), volgende.Vervaltijd);
        Assert.Equal(volgende.Vervaltijd, TermijnRegels.EerstVolgende(na.Termijnen, na.Fase));
        Assert.Equal("hb-1", Assert.Single(na.Herbeoordelingen).HerbeoordelingId);
        Assert.DoesNotContain(Klantbeeld.Aandachtspunten.Bepaal([new Klantbeeld.TrajectStand("tr-1", new DateOnly(2023, 1, 2), na.Mijlpalen, na.Termijnen)], [], nu),
            p => p.Code == Klantbeeld.Aandachtspunten.HerbeoordelingNodig);
    }

    [Fact]
    public void At_a_moment_only_pending_applicable_deadlines_that_are_due_fall_due()
    {
        var intake = TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Intake, "2026-03-01"), Opties);
        var begin = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        var (vroeg, niets) = TermijnRegels.Verstrijk(intake, TrajectFase.Intake, begin.AddDays(56).AddTicks(-1), Opties);
        Assert.Empty(niets);
        Assert.Same(intake, vroeg);

        var zoekperiodeOm = begin.AddDays(56);
        var (na, verstreken) = TermijnRegels.Verstrijk(intake, TrajectFase.Intake, zoekperiodeOm, Opties);
        Assert.Equal([TermijnSoort.Zoekperiode], verstreken.Select(t => t.Soort));
        Assert.Equal(zoekperiodeOm, na.Single(t => t.Soort == TermijnSoort.Zoekperiode).VerstrekenOp);
        Assert.Equal(begin.AddDays(182), TermijnRegels.EerstVolgende(na, TrajectFase.Intake));

        var herbeoordelingOm = begin.AddDays(182);
        var (daarna, tweede) = TermijnRegels.Verstrijk(na, TrajectFase.Intake, herbeoordelingOm, Opties);
        Assert.Equal([TermijnSoort.Herbeoordeling], tweede.Select(t => t.Soort));
        Assert.Null(TermijnRegels.EerstVolgende(daarna, TrajectFase.Intake)); // the reassessment stays due until one is recorded
        Assert.Equal(2, daarna.Count);
    }

    [Fact]
    public void A_deadline_that_no_longer_applies_never_falls_due_and_nothing_pending_means_no_reminder()
    {
        var intake = TermijnRegels.NaMijlpaal([], M(MijlpaalSoort.Intake, "2026-03-01"), Opties);
        var laat = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var (_, verstreken) = TermijnRegels.Verstrijk(intake, TrajectFase.Beeindigd, laat, Opties);
        Assert.Empty(verstreken);
        Assert.Null(TermijnRegels.EerstVolgende(intake, TrajectFase.Beeindigd));
        Assert.Null(TermijnRegels.EerstVolgende([], TrajectFase.Intake));
    }

    [Theory]
    [InlineData("6,12,18", new[] { 6, 12, 18 })]
    [InlineData(" 3 , 9 ", new[] { 3, 9 })]
    [InlineData("12", new[] { 12 })]
    [InlineData("", null)]
    [InlineData("6,6", null)]
    [InlineData("12,6", null)]
    [InlineData("0,6", null)]
    [InlineData("6,abc", null)]
    [InlineData("-6", null)]
    [InlineData("6,121", null)]
    public void Aftercare_checks_are_an_ascending_list_of_months(string tekst, int[]? verwacht)
    {
        Assert.Equal(verwacht, TermijnOpties.ControlesUit(tekst)?.ToArray());
        if (verwacht is null)
        {
            var fout = Assert.Throws<FormatException>(() => new TermijnOpties { NazorgControles = tekst }.Controles());
            Assert.Contains("Termijnen:NazorgControles", fout.Message);
        }
    }
}
