using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

public class TrajectBesluitTests
{
    private static readonly DateTimeOffset Nu = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private int _volgendeId;

    private MijlpaalUitkomst Beslis(List<Mijlpaal> bestaande, MijlpaalAanvraag aanvraag)
    {
        var uitkomst = TrajectBesluit.Beslis(bestaande, aanvraag, $"mp-{_volgendeId++}", Nu);
        if (uitkomst.Status == MijlpaalStatus.Geregistreerd)
        {
            bestaande.Add(uitkomst.Mijlpaal!);
        }

        return uitkomst;
    }

    private static MijlpaalAanvraag Aanvraag(string sleutel, MijlpaalSoort soort, string datum, MijlpaalDetails? details = null) =>
        new() { IdempotencyKey = sleutel, Soort = soort, Datum = DateOnly.Parse(datum), Details = details ?? MijlpaalDetails.Geen };

    [Fact]
    public void A_whole_journey_numbers_milestones_without_gaps_and_sets_the_doelgroep()
    {
        var mijlpalen = new List<Mijlpaal>();
        Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));
        Beslis(mijlpalen, Aanvraag("b", MijlpaalSoort.Diagnose, "2026-02-01", new() { Loonwaarde = 55 }));
        Beslis(mijlpalen, Aanvraag("c", MijlpaalSoort.Plan, "2026-02-10", new() { Instrumenten = [Instrument.Jobcoaching, Instrument.Loonkostensubsidie] }));
        Beslis(mijlpalen, Aanvraag("d", MijlpaalSoort.Leerwerkbedrijf, "2026-03-01", new() { Locatie = "Alkmaar Noord" }));
        Beslis(mijlpalen, Aanvraag("e", MijlpaalSoort.Plaatsing, "2026-06-01", new() { KvkNummer = "12345678" }));
        var laatste = Beslis(mijlpalen, Aanvraag("f", MijlpaalSoort.Uitstroom, "2026-09-01", new() { UitstroomReden = UitstroomReden.Werk }));

        Assert.Equal(MijlpaalStatus.Geregistreerd, laatste.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], mijlpalen.Select(m => m.Volgnummer));
        Assert.Equal(Doelgroep.Beperkt, TrajectRegels.HuidigeDoelgroep(mijlpalen));
        Assert.Equal(TrajectFase.Uitstroom, TrajectRegels.Fase(mijlpalen));
        Assert.Equal(Nu, laatste.Mijlpaal!.GeregistreerdOp);
    }

    [Fact]
    public void Zorg_gives_doelgroep_zorg()
    {
        var mijlpalen = new List<Mijlpaal>();
        Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));
        var diagnose = Beslis(mijlpalen, Aanvraag("b", MijlpaalSoort.Diagnose, "2026-02-01", new() { Zorg = true }));
        Assert.Equal(Doelgroep.Zorg, diagnose.Mijlpaal!.Details.Doelgroep);
    }

    [Fact]
    public void The_same_key_and_content_returns_the_first_milestone_and_records_nothing()
    {
        var mijlpalen = new List<Mijlpaal>();
        var eerste = Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));
        var tweede = Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));

        Assert.Equal(MijlpaalStatus.Herhaald, tweede.Status);
        Assert.Equal(eerste.Mijlpaal, tweede.Mijlpaal);
        Assert.Single(mijlpalen);
    }

    [Fact]
    public void The_same_key_with_other_content_is_refused()
    {
        var mijlpalen = new List<Mijlpaal>();
        Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));
        var hergebruik = Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-06"));

        Assert.Equal(MijlpaalStatus.Geweigerd, hergebruik.Status);
        Assert.Contains("Idempotency-Key", hergebruik.Reden);
        Assert.Single(mijlpalen);
    }

    [Fact]
    public void A_repeated_diagnose_is_recognised_although_the_stored_one_carries_its_doelgroep()
    {
        var mijlpalen = new List<Mijlpaal>();
        Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-01-05"));
        Beslis(mijlpalen, Aanvraag("b", MijlpaalSoort.Diagnose, "2026-02-01", new() { Loonwaarde = 90 }));
        var herhaling = Beslis(mijlpalen, Aanvraag("b", MijlpaalSoort.Diagnose, "2026-02-01", new() { Loonwaarde = 90 }));
        Assert.Equal(MijlpaalStatus.Herhaald, herhaling.Status);
    }

    [Fact]
    public void A_milestone_dated_before_the_previous_one_is_refused()
    {
        var mijlpalen = new List<Mijlpaal>();
        Beslis(mijlpalen, Aanvraag("a", MijlpaalSoort.Intake, "2026-03-01"));
        var uitkomst = Beslis(mijlpalen, Aanvraag("b", MijlpaalSoort.Diagnose, "2026-02-01", new() { Loonwaarde = 50 }));
        Assert.Equal(MijlpaalStatus.Geweigerd, uitkomst.Status);
        Assert.Contains("vóór de vorige mijlpaal", uitkomst.Reden);
    }

    [Fact]
    public void A_milestone_in_the_future_is_invalid()
    {
        var uitkomst = Beslis([], Aanvraag("a", MijlpaalSoort.Intake, "2026-11-23"));
        Assert.Equal(MijlpaalStatus.Ongeldig, uitkomst.Status);
        Assert.Equal("datum", Assert.Single(uitkomst.Problemen).Veld);
    }

    [Fact]
    public void An_illegal_jump_is_refused_with_the_reason()
    {
        var uitkomst = Beslis([], Aanvraag("a", MijlpaalSoort.Uitstroom, "2026-01-05", new() { UitstroomReden = UitstroomReden.Werk }));
        Assert.Equal(MijlpaalStatus.Geweigerd, uitkomst.Status);
        Assert.Contains("begint met de intake", uitkomst.Reden);
    }

    public static TheoryData<MijlpaalSoort, MijlpaalDetails, string> OngeldigeDetails => new()
    {
        { MijlpaalSoort.Diagnose, MijlpaalDetails.Geen, "loonwaarde" },
        { MijlpaalSoort.Diagnose, new() { Loonwaarde = 50, Zorg = true }, "zorg" },
        { MijlpaalSoort.Diagnose, new() { Loonwaarde = 101 }, "loonwaarde" },
        { MijlpaalSoort.Diagnose, new() { Loonwaarde = -1 }, "loonwaarde" },
        { MijlpaalSoort.Plan, MijlpaalDetails.Geen, "instrumenten" },
        { MijlpaalSoort.Plan, new() { Instrumenten = [] }, "instrumenten" },
        { MijlpaalSoort.Plan, new() { Instrumenten = [Instrument.Scholing, Instrument.Scholing] }, "instrumenten" },
        { MijlpaalSoort.Leerwerkbedrijf, MijlpaalDetails.Geen, "locatie" },
        { MijlpaalSoort.Leerwerkbedrijf, new() { Locatie = new string('x', 201) }, "locatie" },
        { MijlpaalSoort.Plaatsing, MijlpaalDetails.Geen, "kvkNummer" },
        { MijlpaalSoort.Plaatsing, new() { KvkNummer = "1234" }, "kvkNummer" },
        { MijlpaalSoort.Uitstroom, MijlpaalDetails.Geen, "reden" },
        { MijlpaalSoort.Beeindigd, MijlpaalDetails.Geen, "reden" },
        { MijlpaalSoort.Intake, new() { Loonwaarde = 50 }, "loonwaarde" },
        { MijlpaalSoort.Intake, new() { Locatie = "x" }, "locatie" },
        { MijlpaalSoort.Plan, new() { Instrumenten = [Instrument.Scholing], KvkNummer = "12345678" }, "kvkNummer" },
        { MijlpaalSoort.Diagnose, new() { Loonwaarde = 50, Doelgroep = Doelgroep.Volledig }, "doelgroep" },
        { MijlpaalSoort.Intake, new() { UitstroomReden = UitstroomReden.Werk }, "reden" },
    };

    [Theory]
    [MemberData(nameof(OngeldigeDetails))]
    public void Details_that_do_not_fit_the_soort_are_reported_by_field(MijlpaalSoort soort, MijlpaalDetails details, string veld)
    {
        var problemen = MijlpaalInvoer.Valideer(soort, new DateOnly(2026, 1, 1), details, new DateOnly(2026, 11, 22));
        Assert.Contains(problemen, p => p.Veld == veld);
    }

    [Fact]
    public void Uitstroom_may_name_the_employer()
    {
        var problemen = MijlpaalInvoer.Valideer(MijlpaalSoort.Uitstroom, new DateOnly(2026, 1, 1),
            new() { UitstroomReden = UitstroomReden.Werk, KvkNummer = "12345678" }, new DateOnly(2026, 11, 22));
        Assert.Empty(problemen);
    }
}
