using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

public class AandachtspuntenTests
{
    private static readonly DateOnly Aangemeld = new(2026, 1, 5);

    private static Mijlpaal M(int volgnummer, MijlpaalSoort soort, DateOnly datum) => new()
    {
        MijlpaalId = $"mp-{volgnummer}",
        Volgnummer = volgnummer,
        Soort = soort,
        Datum = datum,
        Details = MijlpaalDetails.Geen,
        GeregistreerdOp = DateTimeOffset.UnixEpoch,
        IdempotencyKey = $"k{volgnummer}",
    };

    private static SignaalMelding S(SignaalDomein domein, string soort, DateOnly datum) => new()
    {
        SignaalId = $"sg-{domein}-{datum}",
        Domein = domein,
        Soort = soort,
        Datum = datum,
        BronOrganisatie = "Woonwaard",
        Contactpersoon = new Contactpersoon { Naam = "P. de Vries" },
        OntvangenOp = DateTimeOffset.UnixEpoch,
    };

    private static TrajectStand Actief(params Mijlpaal[] mijlpalen) => new("tr-1", Aangemeld, mijlpalen);

    [Fact]
    public void Search_period_runs_out_after_exactly_eight_weeks_in_intake()
    {
        var intake = new DateOnly(2026, 1, 10);
        var traject = Actief(M(1, MijlpaalSoort.Intake, intake));

        Assert.Empty(Aandachtspunten.Bepaal([traject], [], intake.AddDays(56)));
        var punt = Assert.Single(Aandachtspunten.Bepaal([traject], [], intake.AddDays(57)));
        Assert.Equal(Aandachtspunten.ZoekperiodeVerlopen, punt.Code);
        Assert.Equal(intake.AddDays(56), punt.Sinds);
        Assert.Equal("tr-1", punt.TrajectId);
    }

    [Fact]
    public void Search_period_does_not_count_once_the_diagnose_is_done()
    {
        var intake = new DateOnly(2026, 1, 10);
        var traject = Actief(M(1, MijlpaalSoort.Intake, intake), M(2, MijlpaalSoort.Diagnose, intake.AddDays(30)));
        Assert.Empty(Aandachtspunten.Bepaal([traject], [], intake.AddDays(200)));
    }

    [Fact]
    public void Schuldhulp_and_jeugd_signals_matter_while_a_traject_is_active()
    {
        var signalen = new[]
        {
            S(SignaalDomein.Schuldhulp, "vroegsignalering", new DateOnly(2026, 2, 1)),
            S(SignaalDomein.Schuldhulp, "aanmelding", new DateOnly(2026, 3, 1)),
            S(SignaalDomein.Jeugd, "jeugdhulp", new DateOnly(2025, 6, 1)),
            S(SignaalDomein.Wmo, "melding", new DateOnly(2026, 2, 1)),
        };
        var punten = Aandachtspunten.Bepaal([Actief(M(1, MijlpaalSoort.Intake, Aangemeld))], signalen, new DateOnly(2026, 3, 2));

        var schuld = Assert.Single(punten, p => p.Code == Aandachtspunten.SchuldhulpTijdensTraject);
        Assert.Equal(new DateOnly(2026, 3, 1), schuld.Sinds); // the latest schuldhulp signal
        Assert.Contains("aanmelding", schuld.Omschrijving);
        var jeugd = Assert.Single(punten, p => p.Code == Aandachtspunten.JeugdhulpTijdensTraject);
        Assert.Equal(Aangemeld, jeugd.Sinds); // signal before the traject: relevant since the traject started
        Assert.Equal(2, punten.Count);
    }

    [Fact]
    public void Signals_raise_nothing_without_an_active_traject()
    {
        var afgesloten = new TrajectStand("tr-1", Aangemeld,
            [M(1, MijlpaalSoort.Intake, Aangemeld), M(2, MijlpaalSoort.Beeindigd, Aangemeld.AddDays(3))]);
        var signalen = new[] { S(SignaalDomein.Schuldhulp, "vroegsignalering", Aangemeld) };

        Assert.Empty(Aandachtspunten.Bepaal([afgesloten], signalen, Aangemeld.AddDays(100)));
        Assert.Empty(Aandachtspunten.Bepaal([], signalen, Aangemeld.AddDays(100)));
    }
}
