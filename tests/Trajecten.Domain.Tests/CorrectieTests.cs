using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

/// <summary>
/// Corrections and withdrawals: the view is recomputed from the corrected sequence by the same rules, and the state
/// machine decides whether the corrected sequence may exist.
/// </summary>
public class CorrectieTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly TermijnOpties Opties = new();

    /// <summary>A traject with these milestones, dated on consecutive days from 2026-01-05.</summary>
    private static List<TrajectFeit> Traject(params MijlpaalSoort[] soorten)
    {
        var feiten = new List<TrajectFeit>
        {
            new() { Volgnummer = 1, Geopend = new TrajectGeopend { ClientId = "cl-x", Gemeente = "Alkmaar", Soort = TrajectSoort.ReIntegratie, AangemeldOp = Nu.AddDays(-400) } },
        };
        var datum = new DateOnly(2026, 1, 5);
        for (var i = 0; i < soorten.Length; i++)
        {
            feiten.Add(new TrajectFeit
            {
                Volgnummer = feiten.Count + 1,
                Mijlpaal = new Mijlpaal
                {
                    MijlpaalId = $"mp-{i + 1}", Volgnummer = i + 1, Soort = soorten[i], Datum = datum.AddDays(i), GeregistreerdOp = Nu,
                    IdempotencyKey = $"k{i + 1}", Details = Details(soorten[i]),
                },
            });
        }

        return feiten;
    }

    private static MijlpaalDetails Details(MijlpaalSoort soort) => soort switch
    {
        MijlpaalSoort.Diagnose => new() { Loonwaarde = 60, Doelgroep = Doelgroep.Beperkt },
        MijlpaalSoort.Plan => new() { Instrumenten = [Instrument.Werkstage] },
        MijlpaalSoort.Leerwerkbedrijf => new() { Locatie = "Noord" },
        MijlpaalSoort.Plaatsing => new() { KvkNummer = "12345678" },
        MijlpaalSoort.Uitstroom => new() { UitstroomReden = UitstroomReden.Werk },
        MijlpaalSoort.Beeindigd => new() { BeeindigingsReden = BeeindigingsReden.Overig },
        _ => MijlpaalDetails.Geen,
    };

    private static CorrectieAanvraag Intrekking(int mijlpaal, string sleutel = "c") =>
        new() { IdempotencyKey = sleutel, MijlpaalId = $"mp-{mijlpaal}", Soort = CorrectieSoort.Intrekking, Reden = "per ongeluk" };

    private static CorrectieUitkomst Beslis(List<TrajectFeit> feiten, CorrectieAanvraag aanvraag)
    {
        var uitkomst = CorrectieBesluit.Beslis(feiten, aanvraag, "co-" + feiten.Count, Nu, Opties);
        if (uitkomst.Status == CorrectieStatus.Geregistreerd)
        {
            feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Correctie = uitkomst.Correctie });
        }

        return uitkomst;
    }

    public static TheoryData<MijlpaalSoort[], int, CorrectieStatus, TrajectFase> Intrekkingen => new()
    {
        // milestones, which one is withdrawn, outcome, fase after
        { [MijlpaalSoort.Intake], 1, CorrectieStatus.Geregistreerd, TrajectFase.Aangemeld },
        { [MijlpaalSoort.Intake, MijlpaalSoort.Diagnose], 1, CorrectieStatus.Geweigerd, TrajectFase.Diagnose },
        { [MijlpaalSoort.Intake, MijlpaalSoort.Diagnose], 2, CorrectieStatus.Geregistreerd, TrajectFase.Intake },
        { [MijlpaalSoort.Intake, MijlpaalSoort.Diagnose, MijlpaalSoort.Plan], 2, CorrectieStatus.Geweigerd, TrajectFase.Plan }, // a plan follows a diagnose
        { [MijlpaalSoort.Intake, MijlpaalSoort.Diagnose, MijlpaalSoort.Plan, MijlpaalSoort.Leerwerkbedrijf], 4, CorrectieStatus.Geregistreerd, TrajectFase.Plan },
        { [MijlpaalSoort.Intake, MijlpaalSoort.Leerwerkbedrijf, MijlpaalSoort.Plaatsing], 2, CorrectieStatus.Geregistreerd, TrajectFase.Plaatsing },
        { [MijlpaalSoort.Intake, MijlpaalSoort.Plaatsing, MijlpaalSoort.Uitstroom], 3, CorrectieStatus.Geregistreerd, TrajectFase.Plaatsing }, // reopens
        { [MijlpaalSoort.Intake, MijlpaalSoort.Beeindigd], 2, CorrectieStatus.Geregistreerd, TrajectFase.Intake },
        { [MijlpaalSoort.Intake], 9, CorrectieStatus.Onbekend, TrajectFase.Intake },
    };

    [Theory]
    [MemberData(nameof(Intrekkingen))]
    public void A_withdrawal_is_allowed_only_when_the_remaining_sequence_is_one_the_state_machine_allows(
        MijlpaalSoort[] soorten, int welke, CorrectieStatus verwacht, TrajectFase faseNa)
    {
        var feiten = Traject(soorten);
        var uitkomst = Beslis(feiten, Intrekking(welke));

        Assert.Equal(verwacht, uitkomst.Status);
        Assert.Equal(faseNa, TrajectBeeld.Bouw(feiten, Opties).Fase);
        if (verwacht == CorrectieStatus.Geweigerd)
        {
            Assert.Contains($"Mijlpaal {welke}", uitkomst.Reden);
        }
    }

    public static TheoryData<decimal?, bool?, Doelgroep> Diagnoses => new()
    {
        { 85m, null, Doelgroep.Volledig },
        { 80m, null, Doelgroep.Beperkt },
        { 20m, null, Doelgroep.Beperkt },
        { 19.5m, null, Doelgroep.Beschut },
        { null, true, Doelgroep.Zorg },
    };

    [Theory]
    [MemberData(nameof(Diagnoses))]
    public void A_corrected_diagnose_sets_the_doelgroep_by_the_rules(decimal? loonwaarde, bool? zorg, Doelgroep verwacht)
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Diagnose);
        var uitkomst = Beslis(feiten, new CorrectieAanvraag
        {
            IdempotencyKey = "c", MijlpaalId = "mp-2", Soort = CorrectieSoort.Correctie, Reden = "verkeerd overgenomen", Loonwaarde = loonwaarde, Zorg = zorg,
        });

        Assert.Equal(CorrectieStatus.Geregistreerd, uitkomst.Status);
        var beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.Equal(verwacht, TrajectRegels.HuidigeDoelgroep(beeld.Mijlpalen));
        Assert.Equal(2, beeld.Mijlpalen.Count);
        Assert.Equal(60m, beeld.Geregistreerd[1].Details.Loonwaarde); // history: the recorded milestone is unchanged
    }

    [Fact]
    public void A_corrected_intake_date_moves_the_deadlines_and_a_fired_deadline_of_the_old_date_no_longer_counts()
    {
        var feiten = Traject(MijlpaalSoort.Intake);
        var oud = TrajectBeeld.Bouw(feiten, Opties).Termijnen.Single(t => t.Soort == TermijnSoort.Zoekperiode);
        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Verstreken = oud with { VerstrekenOp = oud.Vervaltijd } });
        Assert.NotNull(TrajectBeeld.Bouw(feiten, Opties).Termijnen.Single(t => t.Soort == TermijnSoort.Zoekperiode).VerstrekenOp);

        Assert.Equal(CorrectieStatus.Geregistreerd, Beslis(feiten, new CorrectieAanvraag
        {
            IdempotencyKey = "c", MijlpaalId = "mp-1", Soort = CorrectieSoort.Correctie, Reden = "datum", Datum = new DateOnly(2026, 3, 1),
        }).Status);

        var zoekperiode = TrajectBeeld.Bouw(feiten, Opties).Termijnen.Single(t => t.Soort == TermijnSoort.Zoekperiode);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) + Opties.Zoekperiode, zoekperiode.Vervaltijd);
        Assert.Null(zoekperiode.VerstrekenOp); // the new one falls due by itself
    }

    [Fact]
    public void Corrections_are_refused_when_invalid_when_nothing_changes_or_for_a_withdrawn_milestone_and_are_idempotent_by_key()
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Diagnose, MijlpaalSoort.Plan);
        CorrectieAanvraag Correctie(string sleutel, Action<CorrectieAanvraag>? _ = null) => new()
        {
            IdempotencyKey = sleutel, MijlpaalId = "mp-2", Soort = CorrectieSoort.Correctie, Reden = "r", Loonwaarde = 30,
        };

        Assert.Equal(CorrectieStatus.Ongeldig, Beslis(feiten, Correctie("a") with { Loonwaarde = 130 }).Status);
        Assert.Equal(CorrectieStatus.Ongeldig, Beslis(feiten, Correctie("a") with { Loonwaarde = 60 }).Status); // the same as now
        Assert.Equal(CorrectieStatus.Ongeldig, Beslis(feiten, Correctie("a") with { Locatie = "x" }).Status); // not a diagnose detail
        Assert.Equal(CorrectieStatus.Ongeldig, Beslis(feiten, Correctie("a") with { Datum = DateOnly.FromDateTime(Nu.UtcDateTime).AddDays(1) }).Status);
        Assert.Equal(CorrectieStatus.Geweigerd, Beslis(feiten, Correctie("a") with { Datum = new DateOnly(2026, 1, 20) }).Status); // after the plan
        Assert.Equal(CorrectieStatus.Ongeldig, Beslis(feiten, Correctie("a") with { Reden = " " }).Status);

        var eerste = Beslis(feiten, Correctie("b"));
        Assert.Equal(CorrectieStatus.Geregistreerd, eerste.Status);
        Assert.Equal(CorrectieStatus.Herhaald, Beslis(feiten, Correctie("b")).Status);
        Assert.Equal(CorrectieStatus.Geweigerd, Beslis(feiten, Correctie("b") with { Loonwaarde = 31 }).Status); // key reused
        Assert.Equal(CorrectieStatus.Geregistreerd, Beslis(feiten, Intrekking(3, "c")).Status);
        Assert.Equal(CorrectieStatus.Geweigerd, Beslis(feiten, Intrekking(3, "d")).Status); // already withdrawn
        Assert.Single(feiten, f => f.Correctie?.IdempotencyKey == "b");
    }

    [Fact]
    public void New_milestones_follow_the_corrected_sequence_but_keep_counting_volgnummers()
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Diagnose);
        Beslis(feiten, Intrekking(2));
        var beeld = TrajectBeeld.Bouw(feiten, Opties);
        var uitkomst = TrajectBesluit.Beslis(beeld.Geregistreerd, new MijlpaalAanvraag
        {
            IdempotencyKey = "k9", Soort = MijlpaalSoort.Diagnose, Datum = new DateOnly(2026, 2, 1), Details = new() { Zorg = true },
        }, "mp-9", Nu, beeld.Mijlpalen);

        Assert.Equal(MijlpaalStatus.Geregistreerd, uitkomst.Status);
        Assert.Equal(3, uitkomst.Mijlpaal!.Volgnummer);
        // A plan may not follow the withdrawn diagnose: the state machine sees intake as the last milestone.
        Assert.Equal(MijlpaalStatus.Geweigerd, TrajectBesluit.Beslis(beeld.Geregistreerd, new MijlpaalAanvraag
        {
            IdempotencyKey = "k8", Soort = MijlpaalSoort.Plan, Datum = new DateOnly(2026, 2, 1), Details = new() { Instrumenten = [Instrument.Scholing] },
        }, "mp-8", Nu, beeld.Mijlpalen).Status);
    }

    [Fact]
    public void Nazorg_follows_uitstroom_and_answers_its_check()
    {
        // Uitstroom on 2026-01-06: checks fall due on 2026-07-06 (6), 2027-01-06 (12) and 2027-07-06 (18 months).
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Uitstroom);
        var beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.Equal([6, 12, 18], beeld.Termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).Select(t => t.Controle!.Value));
        var aanvraag = new NazorgAanvraag { IdempotencyKey = "n", Datum = new DateOnly(2026, 7, 1), AanHetWerk = true };

        var (nazorg, herhaald, weigering) = NazorgBesluit.Beslis(beeld, aanvraag, "nz-1", Nu, Opties);
        Assert.Null(weigering);
        Assert.False(herhaald);
        Assert.Equal(6, nazorg!.Controle); // five days early: within the margin of the 6-month check
        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Nazorg = nazorg });
        beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.Equal([12, 18], beeld.Termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).Select(t => t.Controle!.Value));
        Assert.True(NazorgBesluit.Beslis(beeld, aanvraag, "nz-2", Nu, Opties).Herhaald);
        Assert.NotNull(NazorgBesluit.Beslis(TrajectBeeld.Bouw(Traject(MijlpaalSoort.Intake), Opties), aanvraag, "nz-3", Nu, Opties).Weigering);
        Assert.NotNull(NazorgBesluit.Beslis(beeld, aanvraag with { IdempotencyKey = "m", Datum = new DateOnly(2026, 1, 1) }, "nz-4", Nu, Opties).Weigering);

        // Before the next check's margin: refused, naming the check and from when it can be recorded.
        var vroeg = NazorgBesluit.Beslis(beeld, aanvraag with { IdempotencyKey = "v", Datum = new DateOnly(2026, 9, 1) }, "nz-5", Nu, Opties).Weigering;
        Assert.Equal("De eerstvolgende nazorgcontrole (12 maanden na uitstroom) valt op 2027-01-06; een uitkomst kan vanaf 2026-12-06 worden vastgelegd.", vroeg);
    }

    [Fact]
    public void A_reassessment_is_recorded_while_the_traject_runs_once_per_key_and_never_before_the_intake_or_the_previous_one()
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Diagnose);
        var aanvraag = new HerbeoordelingAanvraag { IdempotencyKey = "h", Datum = new DateOnly(2026, 7, 1) };
        var (eerste, herhaald, weigering) = HerbeoordelingBesluit.Beslis(TrajectBeeld.Bouw(feiten, Opties), aanvraag, "hb-1", Nu);
        Assert.Null(weigering);
        Assert.False(herhaald);
        Assert.Equal(("hb-1", new DateOnly(2026, 7, 1), Nu), (eerste!.HerbeoordelingId, eerste.Datum, eerste.GeregistreerdOp));
        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Herbeoordeling = eerste });
        var beeld = TrajectBeeld.Bouw(feiten, Opties);

        Assert.Equal((eerste, true), (HerbeoordelingBesluit.Beslis(beeld, aanvraag, "hb-2", Nu).Herbeoordeling, HerbeoordelingBesluit.Beslis(beeld, aanvraag, "hb-2", Nu).Herhaald));
        string? Weigering(TrajectBeeld b, HerbeoordelingAanvraag a) => HerbeoordelingBesluit.Beslis(b, a, "hb-x", Nu).Weigering;
        Assert.Contains("al gebruikt", Weigering(beeld, aanvraag with { Datum = new DateOnly(2026, 7, 2) }));
        Assert.Contains("vóór de vorige (2026-07-01)", Weigering(beeld, new HerbeoordelingAanvraag { IdempotencyKey = "a", Datum = new DateOnly(2026, 6, 30) }));
        Assert.Contains("vóór de intake (2026-01-05)", Weigering(TrajectBeeld.Bouw(Traject(MijlpaalSoort.Intake), Opties),
            new HerbeoordelingAanvraag { IdempotencyKey = "b", Datum = new DateOnly(2026, 1, 4) }));
        Assert.Contains("in de toekomst", Weigering(beeld, new HerbeoordelingAanvraag { IdempotencyKey = "c", Datum = DateOnly.FromDateTime(Nu.UtcDateTime).AddDays(1) }));
        Assert.Contains("nog geen intake", Weigering(TrajectBeeld.Bouw(Traject(), Opties), aanvraag));
        Assert.Contains("afgesloten", Weigering(TrajectBeeld.Bouw(Traject(MijlpaalSoort.Intake, MijlpaalSoort.Uitstroom), Opties), aanvraag));
    }

    [Fact]
    public void A_nazorg_outcome_after_a_missed_check_answers_the_latest_due_one_and_closes_the_missed_one()
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Uitstroom);
        var laat = new DateTimeOffset(2027, 8, 1, 9, 0, 0, TimeSpan.Zero);
        var (nazorg, _, weigering) = NazorgBesluit.Beslis(TrajectBeeld.Bouw(feiten, Opties),
            new NazorgAanvraag { IdempotencyKey = "n", Datum = new DateOnly(2027, 1, 20), AanHetWerk = false }, "nz-1", laat, Opties);
        Assert.Null(weigering);
        Assert.Equal(12, nazorg!.Controle); // the 6-month check was missed: it stays without outcome
        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Nazorg = nazorg });
        var beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.Equal([18], beeld.Termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).Select(t => t.Controle!.Value));

        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Nazorg = NazorgBesluit.Beslis(beeld,
            new NazorgAanvraag { IdempotencyKey = "o", Datum = new DateOnly(2027, 7, 10), AanHetWerk = true }, "nz-2", laat, Opties).Uitkomst });
        beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.DoesNotContain(beeld.Termijnen, t => t.Soort == TermijnSoort.Nazorg);
        Assert.Equal("Alle nazorgcontroles van dit traject zijn vastgelegd.", NazorgBesluit.Beslis(beeld,
            new NazorgAanvraag { IdempotencyKey = "p", Datum = new DateOnly(2027, 7, 30), AanHetWerk = true }, "nz-3", laat, Opties).Weigering);
    }

    [Fact]
    public void An_outcome_recorded_before_checks_had_numbers_answers_the_first_check()
    {
        var feiten = Traject(MijlpaalSoort.Intake, MijlpaalSoort.Uitstroom);
        feiten.Add(new TrajectFeit { Volgnummer = feiten.Count + 1, Nazorg = new NazorgUitkomst
        {
            NazorgId = "nz-oud", Datum = new DateOnly(2026, 7, 6), AanHetWerk = true, GeregistreerdOp = Nu, IdempotencyKey = "oud",
        } });
        var beeld = TrajectBeeld.Bouw(feiten, Opties);
        Assert.Equal(6, Assert.Single(beeld.Nazorg).Controle);
        Assert.Equal([12, 18], beeld.Termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).Select(t => t.Controle!.Value));
    }
}
