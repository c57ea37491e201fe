using System.Net;
using System.Text.Json.Nodes;

namespace Trajecten.Api.Tests;

[Collection(SiloCollection.Naam)]
public class JourneyTests(SiloFixture fixture)
{
    private HttpClient Http => fixture.Http;
    private static string Vandaag => DateTime.UtcNow.ToString("yyyy-MM-dd");
    private static string DagenTerug(int n) => DateTime.UtcNow.AddDays(-n).ToString("yyyy-MM-dd");

    private static string NieuwKvk() => Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_whole_journey_from_registration_to_uitstroom()
    {
        var bsn = TestBsn.Nieuw();

        // Register; the same BSN again is the same client.
        var registratie = await Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "heerhugowaard", naam = "Sanne Jansen", geboortedatum = "1990-04-01", klantmanager = "anja", klantmanagerNaam = "Anja Bakker" });
        Assert.Equal(HttpStatusCode.Created, registratie.Status);
        var clientId = registratie["clientId"]!;
        Assert.StartsWith("cl-", clientId);
        Assert.Equal($"/api/v1/clienten/{clientId}", registratie.Bericht.Headers.Location!.OriginalString);
        Assert.Equal("Heerhugowaard", registratie["gemeente"]);
        Assert.DoesNotContain(bsn, registratie.Tekst);

        var opnieuw = await Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Alkmaar" });
        Assert.Equal(HttpStatusCode.OK, opnieuw.Status);
        Assert.Equal(clientId, opnieuw["clientId"]);
        Assert.Equal("Heerhugowaard", opnieuw["gemeente"]);

        var gezocht = await Http.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn });
        Assert.Equal(HttpStatusCode.OK, gezocht.Status);
        Assert.Equal(clientId, gezocht["clientId"]);

        var profiel = await Http.HaalAsync($"/api/v1/clienten/{clientId}");
        Assert.Equal("Sanne Jansen", profiel["naam"]);
        Assert.Equal("1990-04-01", profiel["geboortedatum"]);

        // A signal from schuldhulp, and an employer.
        var signaal = await Http.VerstuurAsync("/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = DagenTerug(40),
            bron = new { organisatie = "Woonwaard" },
            contactpersoon = new { naam = "P. de Vries", telefoon = "072-1234567", email = "p.devries@example.nl" },
            inhoud = "Huurachterstand van twee maanden",
        }, sleutel: "woonwaard-2026-0001");
        Assert.Equal(HttpStatusCode.Accepted, signaal.Status);
        Assert.StartsWith("sg-", signaal["signaalId"]);

        var kvk = NieuwKvk();
        var werkgever = await Http.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{kvk}", new { naam = "Bakkerij Rijp", gemeente = "Graft-de Rijp", sector = "voeding" });
        Assert.Equal(HttpStatusCode.Created, werkgever.Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{kvk}", new { naam = "Bakkerij Rijp BV", gemeente = "Graft-de Rijp" })).Status);

        var vacature = await Http.VerstuurAsync($"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Leerling-bakker", aantal = 2, urenPerWeek = 32, leerwerkplek = true });
        Assert.Equal(HttpStatusCode.Created, vacature.Status);
        var vacatureTerug = await Http.HaalAsync(vacature.Bericht.Headers.Location!.OriginalString);
        Assert.Equal("Leerling-bakker", vacatureTerug["titel"]);

        // The traject and its milestones.
        var traject = await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" });
        Assert.Equal(HttpStatusCode.Created, traject.Status);
        Assert.Equal("aangemeld", traject["fase"]);
        var trajectId = traject["trajectId"]!;
        Assert.Equal($"/api/v1/trajecten/{trajectId}", traject.Bericht.Headers.Location!.OriginalString);

        var stappen = new (string Sleutel, object Body, string Fase)[]
        {
            ("m1", new { soort = "intake", datum = DagenTerug(30) }, "intake"),
            ("m2", new { soort = "diagnose", datum = DagenTerug(25), loonwaarde = 60 }, "diagnose"),
            ("m3", new { soort = "plan", datum = DagenTerug(20), instrumenten = new[] { "werkstage", "jobcoaching" } }, "plan"),
            ("m4", new { soort = "leerwerkbedrijf", datum = DagenTerug(15), locatie = "Leerwerkbedrijf Alkmaar" }, "leerwerkbedrijf"),
            ("m5", new { soort = "plaatsing", datum = DagenTerug(5), kvkNummer = kvk }, "plaatsing"),
            ("m6", new { soort = "uitstroom", datum = Vandaag, reden = "werk", kvkNummer = kvk }, "uitstroom"),
        };
        var volgnummer = 0;
        foreach (var (sleutel, body, fase) in stappen)
        {
            var mijlpaal = await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", body, sleutel);
            Assert.Equal(HttpStatusCode.Created, mijlpaal.Status);
            Assert.Equal(++volgnummer, (int)mijlpaal.Json!["volgnummer"]!);
            var terug = await Http.HaalAsync(mijlpaal.Bericht.Headers.Location!.OriginalString);
            Assert.Equal(mijlpaal["mijlpaalId"], terug["mijlpaalId"]);
            Assert.Equal(fase, (await Http.HaalAsync($"/api/v1/trajecten/{trajectId}"))["fase"]);
        }

        var herhaald = await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", stappen[1].Body, "m2");
        Assert.Equal(HttpStatusCode.OK, herhaald.Status);
        Assert.Equal(2, (int)herhaald.Json!["volgnummer"]!);

        var geheel = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal("beperkt", geheel["doelgroep"]);
        Assert.Equal(clientId, geheel["clientId"]);
        Assert.Equal("Heerhugowaard", geheel["gemeente"]);
        var mijlpalen = (await Http.HaalAsync($"/api/v1/trajecten/{trajectId}/mijlpalen")).Pad("mijlpalen")!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], mijlpalen.Select(m => (int)m!["volgnummer"]!));
        Assert.Equal(["werkstage", "jobcoaching"], mijlpalen[2]!["instrumenten"]!.AsArray().Select(i => i!.ToString()));

        var geweigerd = await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "beeindigd", datum = Vandaag, reden = "verhuisd" }, "m7");
        Assert.Equal(HttpStatusCode.Conflict, geweigerd.Status);
        Assert.Contains("afgesloten", geweigerd["detail"]);

        // The employer knows both placements; the klantbeeld shows everything, minus signal content.
        var werkgeverNu = await Wacht.TotAsync(() => Http.HaalAsync($"/api/v1/werkgevers/{kvk}"),
            w => w.Pad("plaatsingen")?.AsArray().Count == 2, "beide plaatsingen bij de werkgever");
        Assert.Equal("Bakkerij Rijp BV", werkgeverNu["naam"]);
        Assert.Equal(["plaatsing", "uitstroom"], werkgeverNu.Pad("plaatsingen")!.AsArray().Select(p => p!["soort"]!.ToString()));

        // Read as a klantmanager: signal content is for schuldhulp's own professionals only.
        using var klantmanager = fixture.Client(SiloFixture.Token("anja", [Trajecten.Api.Autorisatie.Rollen.Klantmanager], ["Heerhugowaard"]));
        var klantbeeld = await WachtOpKlantbeeldAsync(clientId, k =>
            k.Pad("trajecten")?.AsArray() is [var t] && t!["fase"]!.ToString() == "uitstroom" && k.Pad("signalen")?.AsArray().Count == 1, klantmanager);
        Assert.Equal("anja", klantbeeld["klantmanager"]);
        Assert.Equal("beperkt", klantbeeld["doelgroep"]);
        Assert.Equal("Woonwaard", klantbeeld["signalen.0.bron.organisatie"]);
        Assert.Equal("P. de Vries", klantbeeld["signalen.0.contactpersoon.naam"]);
        Assert.DoesNotContain("Huurachterstand", klantbeeld.Tekst);
        Assert.Null(klantbeeld.Pad("signalen.0.inhoud"));
        Assert.NotNull(klantbeeld["bijgewerktOp"]);
        Assert.Empty(klantbeeld.Pad("aandachtspunten")!.AsArray()); // the traject is over
    }

    [Fact]
    public async Task The_klantbeeld_flags_a_schuldhulp_signal_during_an_active_traject()
    {
        var bsn = TestBsn.Nieuw();
        var signaal = await Http.VerstuurAsync("/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "aanmelding", datum = DagenTerug(2),
            bron = new { organisatie = "Schuldhulp BUCH" }, contactpersoon = new { naam = "R. Visser" },
        }, sleutel: "buch-1");
        Assert.Equal(HttpStatusCode.Accepted, signaal.Status);
        var herhaling = await Http.VerstuurAsync("/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "aanmelding", datum = DagenTerug(2),
            bron = new { organisatie = "Schuldhulp BUCH" }, contactpersoon = new { naam = "R. Visser" },
        }, sleutel: "buch-1");
        Assert.Equal(HttpStatusCode.Accepted, herhaling.Status);
        Assert.Equal(signaal["signaalId"], herhaling["signaalId"]);

        var clientId = (await Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Bergen" }))["clientId"]!;
        var trajectId = (await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }))["trajectId"]!;
        Assert.Equal(HttpStatusCode.Created, (await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "i")).Status);

        var klantbeeld = await WachtOpKlantbeeldAsync(clientId, k => k.Pad("aandachtspunten")?.AsArray().Count == 1 && k.Pad("trajecten.0.mijlpalen")?.AsArray().Count == 1);
        Assert.Equal("schuldhulp-tijdens-traject", klantbeeld["aandachtspunten.0.code"]);
        Assert.Single(klantbeeld.Pad("signalen")!.AsArray());
    }

    [Fact]
    public async Task Opening_a_traject_with_an_idempotency_key_twice_opens_one()
    {
        var clientId = (await Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Castricum" }))["clientId"]!;
        var eerste = await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }, "open-1");
        var tweede = await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }, "open-1");
        var anders = await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }, "open-1");

        Assert.Equal(HttpStatusCode.Created, eerste.Status);
        Assert.Equal(HttpStatusCode.OK, tweede.Status);
        Assert.Equal(eerste["trajectId"], tweede["trajectId"]);
        Assert.Equal(HttpStatusCode.Conflict, anders.Status);
        Assert.Single((await Http.HaalAsync($"/api/v1/clienten/{clientId}")).Pad("trajectIds")!.AsArray());
    }

    [Fact]
    public async Task A_recorded_reassessment_ends_the_herbeoordeling_point_and_starts_the_next_period()
    {
        var clientId = (await Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Langedijk" }))["clientId"]!;
        var trajectId = (await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie", aanmelddatum = DagenTerug(250) }))["trajectId"]!;
        var pad = $"/api/v1/trajecten/{trajectId}/herbeoordelingen";
        var teVroeg = await Http.VerstuurAsync(pad, new { datum = Vandaag }, "h0");
        Assert.Equal(HttpStatusCode.Conflict, teVroeg.Status);
        Assert.Contains("nog geen intake", teVroeg["detail"]);

        await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = DagenTerug(250) }, "i");
        await Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = DagenTerug(240), loonwaarde = 60 }, "d");
        await WachtOpKlantbeeldAsync(clientId, k => k.Pad("aandachtspunten")!.AsArray().Any(p => p!["code"]!.ToString() == "herbeoordeling-nodig"));

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.VerstuurAsync(pad, new { datum = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd") }, "h1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.VerstuurAsync(pad, new { datum = Vandaag, uitkomst = "goed" }, "h1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.VerstuurAsync(pad, new { datum = Vandaag })).Status); // Idempotency-Key is required
        var voorIntake = await Http.VerstuurAsync(pad, new { datum = DagenTerug(251) }, "h1");
        Assert.Equal(HttpStatusCode.Conflict, voorIntake.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.VerstuurAsync("/api/v1/trajecten/tr-aaaaaaaaaaaaaaaaaaaaaaaaaa/herbeoordelingen", new { datum = Vandaag }, "h1")).Status);

        var vastgelegd = await Http.VerstuurAsync(pad, new { datum = DagenTerug(2) }, "h1");
        Assert.Equal(HttpStatusCode.Created, vastgelegd.Status);
        Assert.StartsWith("hb-", vastgelegd["herbeoordelingId"]);
        var opnieuw = await Http.VerstuurAsync(pad, new { datum = DagenTerug(2) }, "h1");
        Assert.Equal((HttpStatusCode.OK, vastgelegd["herbeoordelingId"]), (opnieuw.Status, opnieuw["herbeoordelingId"]));
        Assert.Equal(HttpStatusCode.Conflict, (await Http.VerstuurAsync(pad, new { datum = DagenTerug(1) }, "h1")).Status);

        var klantbeeld = await WachtOpKlantbeeldAsync(clientId, k => k.Pad("aandachtspunten")!.AsArray().All(p => p!["code"]!.ToString() != "herbeoordeling-nodig"));
        var traject = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal(vastgelegd["herbeoordelingId"], traject["herbeoordelingen.0.herbeoordelingId"]);
        var volgende = traject.Pad("termijnen")!.AsArray().Single(t => t!["soort"]!.ToString() == "herbeoordeling");
        Assert.Null(volgende!["verstrekenOp"]);
        Assert.Equal(DateTime.UtcNow.Date.AddDays(-2 + 182), DateTimeOffset.Parse(volgende["vervaltijd"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date);
        Assert.NotNull(klantbeeld.Json);
    }

    private async Task<Antwoord> WachtOpKlantbeeldAsync(string clientId, Func<Antwoord, bool> voorwaarde, HttpClient? http = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var antwoord = await (http ?? Http).HaalAsync($"/api/v1/clienten/{clientId}/klantbeeld");
            if (antwoord.Status == HttpStatusCode.OK && voorwaarde(antwoord))
            {
                return antwoord;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Klantbeeld na 15 s nog niet zoals verwacht: {antwoord.Tekst}");
            await Task.Delay(25);
        }
    }
}
