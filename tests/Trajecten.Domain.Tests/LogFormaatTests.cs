using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Client;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Tests;

/// <summary>
/// Golden files of the stored log format: every fact type as the log keeps it, and rows as the first version wrote them.
/// A rename in C# that changes a stored name or code fails here, before any stored row becomes unreadable. To pin a new
/// type, add it below and run once with TRAJECTEN_GOUDEN_SCHRIJF=1 (writes Gouden/{type}.v2.json), then read the file.
/// </summary>
public class LogFormaatTests
{
    private static readonly DateTimeOffset Op = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    private static readonly Mijlpaal Diagnose = new()
    {
        MijlpaalId = "mp-aaaaaaaaaaaaaaaaaaaaaaaaaa", Volgnummer = 2, Soort = MijlpaalSoort.Diagnose, Datum = new DateOnly(2026, 11, 1),
        Details = new MijlpaalDetails { Loonwaarde = 40, Doelgroep = Doelgroep.Beperkt }, GeregistreerdOp = Op, IdempotencyKey = "k2",
    };

    private static readonly OntvangenSignaal Signaal = new()
    {
        Melding = new SignaalMelding
        {
            SignaalId = "sg-aaaaaaaaaaaaaaaaaaaaaaaaaa", Domein = SignaalDomein.Schuldhulp, Soort = "vroegsignalering", Datum = new DateOnly(2026, 11, 2),
            BronOrganisatie = "Kredietbank", OntvangenOp = Op, Contactpersoon = new Contactpersoon { Naam = "Eva", Email = "eva@example.org" },
        },
        Inhoud = "huurachterstand", IdempotencyKey = "s1", Vingerafdruk = "v",
    };

    public static TheoryData<string> Typen => new(LogFormaat.BekendeTypen);

    internal static object Voorbeeld(string type) => type switch
    {
        LogFormaat.Mijlpaal => Diagnose with
        {
            Soort = MijlpaalSoort.Plan,
            Details = new MijlpaalDetails { Instrumenten = [Instrument.BeschutWerk, Instrument.Jobcoaching] },
        },
        LogFormaat.Signaal => Signaal,
        LogFormaat.ClientGeregistreerd => new ClientGeregistreerd
        {
            Gemeente = "Graft-de Rijp", Geboortedatum = new DateOnly(1990, 4, 1), Op = Op,
            Gegevens = new ClientGegevens { Naam = "Sanne Jansen", Klantmanager = "anja", KlantmanagerNaam = "Anja Bakker", Telefoon = "072-1234567" },
        },
        LogFormaat.ClientGewijzigd => new ClientGewijzigd
        {
            Gegevens = new ClientGegevens { Naam = "S. Jansen", Klantmanager = "bram", Email = "s@example.nl" }, Velden = ["naam", "klantmanager"], Op = Op,
        },
        LogFormaat.ClientVerhuisd => new ClientVerhuisd { Van = "Alkmaar", Naar = "Bergen", Op = Op },
        LogFormaat.ClientVernietigd => new ClientVernietigd { Grondslag = "bewaartermijn-verstreken", Op = Op },
        LogFormaat.TrajectGeopend => new TrajectGeopend { ClientId = "cl-aaaaaaaaaaaaaaaaaaaaaaaaaa", Gemeente = "Heiloo", Soort = TrajectSoort.ReIntegratie, AangemeldOp = Op },
        LogFormaat.TrajectVerhuisd => new GemeenteWissel { Van = "Alkmaar", Naar = "Bergen", Op = Op },
        LogFormaat.TermijnVerstreken => new Termijn { Soort = TermijnSoort.Herbeoordeling, Vervaltijd = Op.AddDays(-1), VerstrekenOp = Op },
        LogFormaat.MijlpaalGecorrigeerd => new MijlpaalCorrectie
        {
            CorrectieId = "co-aaaaaaaaaaaaaaaaaaaaaaaaaa", MijlpaalId = Diagnose.MijlpaalId, Soort = CorrectieSoort.Correctie, Datum = new DateOnly(2026, 10, 30),
            Details = new MijlpaalDetails { Loonwaarde = 85, Doelgroep = Doelgroep.Volledig }, Reden = "typefout", GeregistreerdOp = Op, IdempotencyKey = "c1", Vingerafdruk = "v",
            MijlpaalSoort = MijlpaalSoort.Diagnose,
        },
        LogFormaat.MijlpaalIngetrokken => new MijlpaalCorrectie
        {
            CorrectieId = "co-bbbbbbbbbbbbbbbbbbbbbbbbbb", MijlpaalId = Diagnose.MijlpaalId, Soort = CorrectieSoort.Intrekking,
            Reden = "per ongeluk", GeregistreerdOp = Op, IdempotencyKey = "c2", Vingerafdruk = "v",
        },
        LogFormaat.HerbeoordelingVastgelegd => new Herbeoordeling
        {
            HerbeoordelingId = "hb-aaaaaaaaaaaaaaaaaaaaaaaaaa", Datum = new DateOnly(2026, 11, 18), GeregistreerdOp = Op, IdempotencyKey = "h1",
        },
        LogFormaat.NazorgVastgelegd => new NazorgUitkomst
        {
            NazorgId = "nz-aaaaaaaaaaaaaaaaaaaaaaaaaa", Datum = new DateOnly(2026, 11, 19), AanHetWerk = true, Toelichting = "vast contract", GeregistreerdOp = Op, IdempotencyKey = "n1",
        },
        LogFormaat.VerwerkingBeperkt => new Verwerkingsbeperking { Beperkt = true, Reden = "bezwaar tegen matching, in behandeling", Door = "fg-anna", Op = Op },
        LogFormaat.BeperkingOpgeheven => new Verwerkingsbeperking { Beperkt = false, Reden = "bezwaar afgewezen", Door = "fg-anna", Op = Op },
        _ => throw new ArgumentException("Geen voorbeeld voor " + type),
    };

    private static string Gouden(string bestand, [CallerFilePath] string bron = "") =>
        Path.Combine(Environment.GetEnvironmentVariable("TRAJECTEN_GOUDEN_SCHRIJF") == "1" ? Path.GetDirectoryName(bron)! : AppContext.BaseDirectory, "Gouden", bestand);

    [Theory]
    [MemberData(nameof(Typen))]
    public void Every_fact_type_is_stored_exactly_as_its_golden_file_and_reads_back_equal(string type)
    {
        var feit = Voorbeeld(type);
        Assert.Equal(type, LogFormaat.Type(feit));
        var json = LogFormaat.Schrijf(feit);
        var pad = Gouden($"{type}.v2.json");
        if (Environment.GetEnvironmentVariable("TRAJECTEN_GOUDEN_SCHRIJF") == "1")
        {
            File.WriteAllText(pad, JsonNode.Parse(json)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var gouden = File.ReadAllText(pad);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(gouden), JsonNode.Parse(json)), $"Opgeslagen vorm van {type} wijkt af van Gouden/{type}.v2.json:\n{json}");
        var terug = LogFormaat.Lees(type, LogFormaat.Versie, gouden);
        Assert.Equal(Tekst(feit), Tekst(terug));
    }

    [Fact]
    public void Rows_of_the_first_version_with_csharp_enum_names_and_explicit_nulls_still_read()
    {
        var mijlpaal = (Mijlpaal)LogFormaat.Lees(LogFormaat.Mijlpaal, 1, File.ReadAllText(Gouden("mijlpaal.v1.json")));
        Assert.Equal(Tekst(Diagnose), Tekst(mijlpaal));
        var signaal = (OntvangenSignaal)LogFormaat.Lees(LogFormaat.Signaal, 1, File.ReadAllText(Gouden("signaal.v1.json")));
        Assert.Equal(Signaal, signaal);
    }

    [Fact]
    public void Enums_are_stored_as_dutch_codes_and_unknown_members_and_types_are_tolerated()
    {
        var json = LogFormaat.Schrijf(Voorbeeld(LogFormaat.Mijlpaal));
        Assert.Contains("\"beschut-werk\"", json, StringComparison.Ordinal);
        Assert.Contains("\"soort\":\"plan\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("BeschutWerk", json, StringComparison.Ordinal);

        // A member added by a later version is ignored; a type this version does not know is kept as it is.
        var metExtra = JsonNode.Parse(LogFormaat.Schrijf(Diagnose))!.AsObject();
        metExtra["nieuwVeld"] = "later";
        Assert.Equal(Tekst(Diagnose), Tekst(LogFormaat.Lees(LogFormaat.Mijlpaal, 3, metExtra.ToJsonString())));
        var onbekend = Assert.IsType<OnbekendFeit>(LogFormaat.Lees("werkgever-gefuseerd", 3, "{\"a\":1}"));
        Assert.Equal("werkgever-gefuseerd", LogFormaat.Type(onbekend));
        Assert.Throws<System.Text.Json.JsonException>(() => LogFormaat.Lees(LogFormaat.Mijlpaal, 2, "{\"soort\":\"verzonnen\"}"));
    }

    private static string Tekst(object o) => System.Text.Json.JsonSerializer.Serialize(o, o.GetType(), LogFormaat.Json);
}
