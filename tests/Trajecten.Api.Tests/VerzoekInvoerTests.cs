using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Tests;

/// <summary>
/// How a request body becomes a record: the text rules, the contract's schema and the messages a front-office developer
/// reads, without a silo. The HTTP side of the same rules is in <see cref="OngeldigeInvoerTests"/>.
/// </summary>
public class VerzoekInvoerTests
{
    private static Invoer<T> Lees<T>(string json, bool samenvoegen = false) where T : class
    {
        using var document = JsonDocument.Parse(json);
        return JsonInvoer.Bind<T>(document.RootElement, samenvoegen);
    }

    private static string Beschrijf(IEnumerable<Probleem> problemen) => string.Join(" | ", problemen.Select(p => $"{p.Veld} {p.Code}: {p.Reden}"));

    public static TheoryData<string, string, string> Problemen => new()
    {
        // schema, body, every problem as "veld code: reden", in the order found
        { "NieuweClient", """{"bsn":"1","gemeente":"Gotham","geboortedatum":"gisteren","naam":42}""",
            "bsn invalid: Een BSN bestaat uit 9 cijfers (of 8, zonder de voorloopnul). | naam invalid-type: naam moet een tekst zijn. | "
            + "geboortedatum invalid-date: geboortedatum is een datum als JJJJ-MM-DD (vanaf 1900)." },
        { "NieuweClient", """{"bsn":"   ","gemeente":"Alkmaar"}""", "bsn required: bsn is verplicht (en niet leeg)." },
        { "NieuweClient", """{"bsn":"111222333","gemeente":"Alkmaar","geboorteDatum":"1990-01-01"}""",
            "geboorteDatum not-allowed: geboorteDatum kan hier niet; toegestaan: bsn, gemeente, naam, geboortedatum, klantmanager, klantmanagerNaam, contact." },
        { "NieuweClient", """{"bsn":"111222333","gemeente":"Alkmaar","geboortedatum":"1899-12-31","contact":{"telefoon":"06-1234 x","email":"jan@","fax":"1"}}""",
            "geboortedatum invalid-date: geboortedatum is een datum als JJJJ-MM-DD (vanaf 1900). | contact.telefoon invalid: contact.telefoon bevat alleen cijfers, spaties en + - ( ). | "
            + "contact.email invalid: contact.email is geen e-mailadres. | contact.fax not-allowed: contact.fax kan hier niet; toegestaan: telefoon, email." },
        { "NieuweClient", """{"bsn":"111222333","gemeente":"Alkmaar","naam":"Jan\u0007Mol","klantmanager":"\ud800"}""",
            "naam invalid: naam bevat stuurtekens. | klantmanager invalid-text: Geen geldige tekst: ongeldige UTF-8 of een losse surrogaat (\\uD800–\\uDFFF)." },
        { "NieuweMijlpaal", """{"soort":"plan","datum":"2026-02-30","instrumenten":["scholing","toveren"," "],"loonwaarde":150}""",
            "datum invalid-date: datum is een datum als JJJJ-MM-DD (vanaf 1900). | loonwaarde out-of-range: loonwaarde ligt tussen 0 en 100. | "
            + "instrumenten[1] invalid: instrumenten[1] is één van: scholing, werkstage, proefplaatsing, loonkostensubsidie, loondispensatie, jobcoaching, werkplekaanpassing, participatie, vrijwilligerswerk, beschut-werk. | "
            + "instrumenten[2] invalid: instrumenten[2] is één van: scholing, werkstage, proefplaatsing, loonkostensubsidie, loondispensatie, jobcoaching, werkplekaanpassing, participatie, vrijwilligerswerk, beschut-werk." },
        { "NieuweMijlpaal", """{"soort":null,"datum":"2026-01-01","kvkNummer":"123","locatie":["x"]}""",
            "soort required: soort is verplicht (en niet leeg). | locatie invalid-type: locatie moet een tekst zijn. | kvkNummer invalid: kvkNummer is een KvK-nummer van 8 cijfers." },
        { "NieuweVacature", """{"titel":"Heftruckchauffeur","aantal":1.5,"urenPerWeek":0}""",
            "aantal invalid-type: aantal moet een geheel getal zijn. | urenPerWeek out-of-range: urenPerWeek ligt tussen 1 en 60." },
        { "NieuwSignaal", """{"bsn":"111222333","domein":"wmo","soort":"melding","datum":"2026-01-01","bron":"Wmo-loket","contactpersoon":{}}""",
            "bron invalid-type: bron moet een object zijn. | contactpersoon.naam required: contactpersoon.naam is verplicht (en niet leeg)." },
        { "NieuwAbonnement", """{"callbackUrl":42,"kanalen":[{"naam":"trajecten"},{"naam":"klanten"}]}""",
            "callbackUrl invalid-type: callbackUrl moet een tekst zijn. | kanalen max-items: kanalen heeft hoogstens 1 element." },
        { "NieuwAbonnement", """{"callbackUrl":"https://a.example/h","kanalen":[{"naam":"klanten","filters":{"soort":"intake","gemeente":4}}]}""",
            "kanalen[0].naam invalid: kanalen[0].naam is één van: trajecten. | kanalen[0].filters.gemeente invalid-type: kanalen[0].filters.gemeente moet een tekst zijn." },
        { "NieuwAbonnement", """{"callbackUrl":"https://a.example/h","kanalen":[]}""", "kanalen min-items: kanalen heeft minstens 1 element." },
        { "ClientWijziging", """{"gemeente":"Alkmaar","bsn":"111222333","geboortedatum":"1990-01-01","roepnaam":"Jan"}""",
            "gemeente not-allowed: De gemeente verandert met een verhuizing: POST …/verhuizing {naarGemeente}. | bsn not-allowed: Het BSN van een cliënt verandert niet. | "
            + "geboortedatum not-allowed: De geboortedatum komt uit de registratie en verandert niet met een wijziging. | "
            + "roepnaam not-allowed: roepnaam kan hier niet; toegestaan: naam, klantmanager, klantmanagerNaam, contact." },
    };

    [Theory]
    [MemberData(nameof(Problemen))]
    public void A_body_gets_every_problem_with_its_field_code_and_reason(string schema, string body, string verwacht)
    {
        var lees = typeof(VerzoekInvoerTests).GetMethod(nameof(Lees), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeof(Verzoek).GetNestedType(schema)!);
        var invoer = lees.Invoke(null, [body, schema == "ClientWijziging"])!;
        var problemen = (IReadOnlyList<Probleem>)invoer.GetType().GetProperty("Problemen")!.GetValue(invoer)!;
        Assert.Equal(verwacht, Beschrijf(problemen));
    }

    [Fact]
    public void Text_is_trimmed_blank_and_null_count_as_absent_and_a_field_with_a_problem_is_left_out_while_the_rest_binds()
    {
        var invoer = Lees<Verzoek.NieuweClient>("""{"bsn":"111222333","gemeente":"  Alkmaar ","naam":"","klantmanagerNaam":null,"geboortedatum":"vandaag","contact":{"email":" jan@mol.nl "}}""");
        Assert.Equal("geboortedatum", Assert.Single(invoer.Problemen).Veld);
        Assert.Equal(new Verzoek.NieuweClient("111222333", "Alkmaar", null, null, null, null, new Verzoek.Contact(null, "jan@mol.nl")), invoer.Waarde);
    }

    [Fact]
    public void A_merge_patch_tells_absent_from_null_and_null_for_an_object_removes_each_member()
    {
        var leeg = Lees<Verzoek.ClientWijziging>("{}", samenvoegen: true).Waarde;
        Assert.Equal(new Verzoek.ClientWijziging(PatchVeld.Afwezig, PatchVeld.Afwezig, PatchVeld.Afwezig, null), leeg);

        var invoer = Lees<Verzoek.ClientWijziging>("""{"naam":null,"klantmanagerNaam":"  ","klantmanager":" km-1 ","contact":null}""", samenvoegen: true);
        Assert.Empty(invoer.Problemen);
        Assert.Equal(new Verzoek.ClientWijziging(new PatchVeld(true, null), new PatchVeld(true, "km-1"), new PatchVeld(true, null),
            new Verzoek.ContactWijziging(new PatchVeld(true, null), new PatchVeld(true, null))), invoer.Waarde);

        var alleenTelefoon = Lees<Verzoek.ClientWijziging>("""{"contact":{"telefoon":null}}""", samenvoegen: true).Waarde.Contact;
        Assert.Equal(new Verzoek.ContactWijziging(new PatchVeld(true, null), PatchVeld.Afwezig), alleenTelefoon);
    }

    [Theory]
    [InlineData("""{"titel":"x","aantal":1e400}""", "aantal")]
    [InlineData("""{"titel":"x","aantal":99999999999999999999999}""", "aantal")]
    [InlineData("""{"titel":"x","aantal":-0.0000000000000000000000001}""", "aantal")]
    public void Numbers_beyond_any_type_are_a_problem_not_a_crash(string body, string veld)
    {
        var invoer = Lees<Verzoek.NieuweVacature>(body);
        Assert.Contains(invoer.Problemen, p => p.Veld == veld);
        Assert.Null(invoer.Waarde.Aantal);
    }

    [Fact]
    public void A_problem_inside_an_item_of_a_list_leaves_the_rest_of_that_item_bound()
    {
        var invoer = Lees<Verzoek.NieuwAbonnement>("""{"callbackUrl":"https://a.example/h","kanalen":[{"naam":"klanten","filters":{"type":"x"}}]}""");
        Assert.Equal("kanalen[0].naam", Assert.Single(invoer.Problemen).Veld);
        Assert.Equal("x", invoer.Waarde.Kanalen![0].Filters!.Type); // so the domain rule for type can still speak

        var instrumenten = Lees<Verzoek.NieuweMijlpaal>("""{"soort":"plan","datum":"2026-01-01","instrumenten":["scholing","toveren"]}""");
        Assert.Null(instrumenten.Waarde.Instrumenten); // an item with a problem takes its list: never bound as a shorter list
    }

    [Fact]
    public void A_number_beyond_any_type_in_a_field_with_a_range_names_the_range()
    {
        var probleem = Assert.Single(Lees<Verzoek.NieuweMijlpaal>("""{"soort":"diagnose","datum":"2026-01-01","loonwaarde":1e400}""").Problemen);
        Assert.Equal(("loonwaarde", "out-of-range", "loonwaarde ligt tussen 0 en 100."), (probleem.Veld, probleem.Code, probleem.Reden));
    }

    [Fact]
    public void A_huge_number_where_text_belongs_is_a_wrong_type()
    {
        var probleem = Assert.Single(Lees<Verzoek.NieuweVacature>("""{"titel":1e999999,"aantal":1}""").Problemen);
        Assert.Equal(("titel", "invalid-type"), (probleem.Veld, probleem.Code));
    }

    [Fact]
    public void Every_request_body_of_the_contract_has_a_record_with_exactly_its_fields()
    {
        var verzoekschemas = Contract.Document.Paths.Values
            .SelectMany(pad => pad.Values)
            .Select(operatie => operatie.ActualRequestBody?.Content.Values.First().Schema)
            .Where(schema => schema is not null)
            .Select(schema => Contract.Document.Components.Schemas.Single(s => s.Value == schema!.ActualSchema).Key)
            .Distinct()
            .Order()
            .ToList();
        Assert.NotEmpty(verzoekschemas);
        foreach (var naam in verzoekschemas)
        {
            var record = typeof(Verzoek).GetNestedType(naam);
            Assert.True(record is not null, $"Het contract heeft een verzoek {naam}, maar Verzoek heeft geen record {naam}.");
            VergelijkVelden(naam, Verzoekschemas.Van(naam), record!);
        }
    }

    private static void VergelijkVelden(string pad, JsonSchema schema, Type record)
    {
        Assert.False(schema.AllowAdditionalProperties, $"{pad}: een verzoekschema staat geen onbekende velden toe (additionalProperties: false).");
        var eigenschappen = record.GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
        Assert.Equal(schema.ActualProperties.Keys.Order(), eigenschappen.Keys.Order());
        foreach (var (naam, veld) in schema.ActualProperties)
        {
            var type = eigenschappen[naam].PropertyType;
            var element = type.IsArray ? type.GetElementType()! : type;
            if (element.DeclaringType == typeof(Verzoek))
            {
                var veldschema = veld.ActualSchema;
                VergelijkVelden($"{pad}.{naam}", type.IsArray ? veldschema.Item!.ActualSchema : veldschema, element);
            }
        }
    }

    public static TheoryData<string, string, string[]> Codelijsten => new()
    {
        { "NieuwTraject", "soort", [.. TrajectCodes.Soort.Codes] },
        { "NieuweMijlpaal", "soort", [.. TrajectCodes.Mijlpaal.Codes] },
        { "NieuweMijlpaal", "instrumenten", [.. TrajectCodes.Instrument.Codes] },
        { "NieuweMijlpaal", "reden", [.. TrajectCodes.UitstroomReden.Codes.Union(TrajectCodes.BeeindigingsReden.Codes)] },
        { "NieuwSignaal", "domein", [.. SignaalCodes.Domein.Codes] },
    };

    [Theory]
    [MemberData(nameof(Codelijsten))]
    public void The_contracts_code_lists_are_the_domains(string schema, string veld, string[] codes)
    {
        var eigenschap = Verzoekschemas.Van(schema).ActualProperties[veld].ActualSchema;
        var lijst = (eigenschap.Item?.ActualSchema ?? eigenschap).Enumeration.Select(e => e?.ToString());
        Assert.Equal(codes.Order(), lijst.Order());
    }
}
