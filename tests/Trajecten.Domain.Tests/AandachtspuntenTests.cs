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

    private static readonly TermijnOpties Opties = new();

    /// <summary>A traject with these milestones and the deadlines the rules give them.</summary>
    private static TrajectStand Actief(params Mijlpaal[] mijlpalen)
    {
        IReadOnlyList<Termijn> termijnen = [];
        foreach (var mijlpaal in mijlpalen)
        {
            termijnen = TermijnRegels.NaMijlpaal(termijnen, mijlpaal, Opties);
        }

        return new("tr-1", Aangemeld, mijlpalen, termijnen);
    }

    private static DateTimeOffset Op(DateOnly dag) => new(dag.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    [Fact]
    public void Search_period_runs_out_eight_weeks_after_the_intake_date()
    {
        var intake = new DateOnly(2026, 1, 10);
        var traject = Actief(M(1, MijlpaalSoort.Intake, intake));

        Assert.Empty(Aandachtspunten.Bepaal([traject], [], Op(intake.AddDays(56)).AddTicks(-1)));
        var punt = Assert.Single(Aandachtspunten.Bepaal([traject], [], Op(intake.AddDays(56))));
        Assert.Equal(Aandachtspunten.ZoekperiodeVerlopen, punt.Code);
        Assert.Equal(intake.AddDays(56), punt.Sinds);
        Assert.Equal("tr-1", punt.TrajectId);
    }

    [Fact]
    public void Search_period_does_not_count_once_the_diagnose_is_done_but_reassessment_does()
    {
        var intake = new DateOnly(2026, 1, 10);
        var traject = Actief(M(1, MijlpaalSoort.Intake, intake), M(2, MijlpaalSoort.Diagnose, intake.AddDays(30)));

        Assert.Empty(Aandachtspunten.Bepaal([traject], [], Op(intake.AddDays(181))));
        var punt = Assert.Single(Aandachtspunten.Bepaal([traject], [], Op(intake.AddDays(182))));
        Assert.Equal(Aandachtspunten.HerbeoordelingNodig, punt.Code);
    }

    [Fact]
    public void Aftercare_is_checked_after_uitstroom_and_reassessment_stops()
    {
        var intake = new DateOnly(2026, 1, 10);
        var uitstroom = intake.AddDays(20);
        var traject = Actief(M(1, MijlpaalSoort.Intake, intake),
            M(2, MijlpaalSoort.Uitstroom, uitstroom) with { Details = new() { UitstroomReden = UitstroomReden.Werk } });

        Assert.Equal([6, 12, 18], traject.Termijnen.Select(t => t.Controle!.Value)); // the aftercare checks; no reassessment
        Assert.Empty(Aandachtspunten.Bepaal([traject], [], Op(uitstroom.AddMonths(6).AddDays(-1))));
        var punt = Assert.Single(Aandachtspunten.Bepaal([traject], [], Op(uitstroom.AddMonths(6))));
        Assert.Equal(Aandachtspunten.NazorgControle, punt.Code);
    }

    [Fact]
    public void A_deadline_whose_reminder_fired_counts_even_if_the_clock_is_behind()
    {
        var intake = new DateOnly(2026, 1, 10);
        var basis = Actief(M(1, MijlpaalSoort.Intake, intake));
        var gevuurd = basis with { Termijnen = [.. basis.Termijnen.Select(t => t.Soort == TermijnSoort.Zoekperiode ? t with { VerstrekenOp = Op(intake) } : t)] };
        Assert.Equal(Aandachtspunten.ZoekperiodeVerlopen, Assert.Single(Aandachtspunten.Bepaal([gevuurd], [], Op(intake))).Code);
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
        var punten = Aandachtspunten.Bepaal([Actief(M(1, MijlpaalSoort.Intake, Aangemeld))], signalen, Op(new DateOnly(2026, 3, 1)));

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
            [M(1, MijlpaalSoort.Intake, Aangemeld), M(2, MijlpaalSoort.Beeindigd, Aangemeld.AddDays(3))], []);
        var signalen = new[] { S(SignaalDomein.Schuldhulp, "vroegsignalering", Aangemeld) };

        Assert.Empty(Aandachtspunten.Bepaal([afgesloten], signalen, Op(Aangemeld.AddDays(100))));
        Assert.Empty(Aandachtspunten.Bepaal([], signalen, Op(Aangemeld.AddDays(100))));
    }
}
