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
    public void Reassessment_repeats_while_the_traject_is_active()
    {
        var termijn = new Termijn { Soort = TermijnSoort.Herbeoordeling, Vervaltijd = DateTimeOffset.UnixEpoch };
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(182), TermijnRegels.Volgende(termijn, TrajectFase.Plaatsing, Opties)!.Vervaltijd);
        Assert.Null(TermijnRegels.Volgende(termijn, TrajectFase.Beeindigd, Opties));
        Assert.Null(TermijnRegels.Volgende(termijn with { Soort = TermijnSoort.Zoekperiode }, TrajectFase.Intake, Opties));
    }

    [Fact]
    public void At_a_moment_only_pending_applicable_deadlines_that_are_due_fall_due_and_a_reassessment_is_followed_by_the_next()
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
        Assert.Equal(begin.AddDays(364), TermijnRegels.EerstVolgende(daarna, TrajectFase.Intake)); // the next cycle
        Assert.Equal(3, daarna.Count);
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
