using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

public class TermijnRegelsTests
{
    private static readonly TermijnOpties Opties = new()
    {
        Zoekperiode = TimeSpan.FromDays(56), Herbeoordeling = TimeSpan.FromDays(182), Nazorg = TimeSpan.FromDays(90),
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
        var nazorg = Assert.Single(na);
        Assert.Equal(TermijnSoort.Nazorg, nazorg.Soort);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), nazorg.Vervaltijd);

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
}
