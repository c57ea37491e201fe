using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// Inzage (AVG art. 15): the privacy officer finds a person by BSN and gets everything kept about them — profile,
/// trajecten with corrections, signals with content — and every read, write, search and refusal of their data,
/// the inzage itself included; as JSON and as a document.
/// </summary>
[Collection(SiloCollection.Naam)]
public class InzageTests(SiloFixture fixture)
{
    private static string Dag(int dagenTerug) => DateTime.UtcNow.AddDays(-dagenTerug).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Signaal(string bsn, string inhoud) => new
    {
        bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Dag(2),
        bron = new { organisatie = "Kredietbank Noord-Holland" }, contactpersoon = new { naam = "E. de Vries" }, inhoud,
    };

    [Fact]
    public async Task The_officer_finds_the_person_by_bsn_and_the_inzage_lists_everything_kept_and_every_read_itself_included()
    {
        var uniek = Guid.NewGuid().ToString("N")[..6];
        var bsn = TestBsn.Nieuw();
        using var anja = fixture.Client(SiloFixture.Token("anja-" + uniek, [Rollen.Klantmanager], ["Alkmaar"]));
        using var bergen = fixture.Client(SiloFixture.Token("km-bergen-" + uniek, [Rollen.Klantmanager], ["Bergen"]));
        using var schuldhulp = fixture.Client(SiloFixture.Token("sh-" + uniek, [Rollen.Schuldhulpverlener], [Claims.Regio]));
        using var functionaris = fixture.Client(SiloFixture.Token("fg-" + uniek, [Rollen.Privacyfunctionaris], ["Alkmaar"]));

        var clientId = (await anja.VerstuurAsync("/api/v1/clienten", new
        {
            bsn, gemeente = "Alkmaar", naam = "Jan <b>de</b> Vries & Zn", contact = new { email = "jan@example.nl" },
        }))["clientId"]!;
        var trajectId = (await anja.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        await anja.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(20) }, "i");
        var diagnose = (await anja.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Dag(10), loonwaarde = 40 }, "d"))["mijlpaalId"]!;
        Assert.Equal(HttpStatusCode.Created, (await anja.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen/{diagnose}/correcties",
            new { reden = "Loonwaarde verkeerd overgenomen", details = new { loonwaarde = 45 } }, "c")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await schuldhulp.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "Huurachterstand van twee maanden"), "s")).Status);
        await anja.HaalAsync($"/api/v1/clienten/{clientId}");
        await anja.HaalAsync($"/api/v1/clienten/{clientId}/klantbeeld");
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/clienten/{clientId}")).Status);

        var gevonden = await functionaris.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn });
        Assert.Equal((HttpStatusCode.OK, clientId), (gevonden.Status, gevonden["clientId"]));
        Assert.Null(gevonden["naam"]); // the clientId only

        var inzage = await functionaris.HaalAsync($"/api/v1/clienten/{clientId}/inzage");
        Assert.Equal(HttpStatusCode.OK, inzage.Status);
        Assert.Equal("Jan <b>de</b> Vries & Zn", inzage["client.naam"]);
        Assert.Equal("jan@example.nl", inzage["client.contact.email"]);
        Assert.Equal("45", inzage["trajecten.0.traject.mijlpalen.1.loonwaarde"]);
        Assert.Equal("Loonwaarde verkeerd overgenomen", inzage["trajecten.0.traject.correcties.0.reden"]);
        Assert.Equal("40", inzage["trajecten.0.zoalsGeregistreerd.1.loonwaarde"]);
        Assert.Equal("Huurachterstand van twee maanden", inzage["signalen.0.inhoud"]);
        Assert.Equal("true", inzage["verwerkingenVolledig"]);
        Assert.DoesNotContain(bsn, inzage.Tekst);

        var regels = inzage.Pad("verwerkingen")!.AsArray()
            .Select(v => (Actor: v!["actor"]!.ToString(), Actie: v["actie"]!.ToString(), Object: v["objectSoort"]!.ToString(), Resultaat: v["resultaat"]!.ToString(), Doel: v["doel"]?.ToString()))
            .ToList();
        Assert.Contains(("anja-" + uniek, "lezen", "client", "toegestaan", null), regels);
        Assert.Contains(("anja-" + uniek, "lezen", "klantbeeld", "toegestaan", null), regels);
        Assert.Contains(("km-bergen-" + uniek, "lezen", "client", "geweigerd", null), regels);
        Assert.Contains(("sh-" + uniek, "schrijven", "signaal", "toegestaan", null), regels);
        Assert.Contains(("fg-" + uniek, "zoeken", "client", "toegestaan", "inzageverzoek"), regels);
        Assert.Contains(("fg-" + uniek, "lezen", "inzage", "toegestaan", null), regels); // the inzage itself

        // The document: every record the JSON listed, and its own reading, one row each; values encoded, nothing loads.
        var document = await functionaris.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/inzage", accept: "text/html");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        Assert.Equal("text/html", document.ContentType);
        var csp = document.Bericht.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Matches("^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; frame-ancestors 'none'$", csp);
        var html = document.Tekst;
        Assert.Contains("Jan &lt;b&gt;de&lt;/b&gt; Vries &amp; Zn", html);
        Assert.DoesNotContain("<b>de</b>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Huurachterstand van twee maanden", html);
        Assert.Contains("Loonwaarde verkeerd overgenomen", html);
        Assert.DoesNotContain(bsn, html);
        var toegangslog = html[html.IndexOf("Wie uw gegevens heeft ingezien", StringComparison.Ordinal)..];
        var rijen = Regex.Matches(toegangslog, "<tr><td>").Count;
        Assert.Equal(regels.Count + 1, rijen);
        foreach (var actor in regels.Select(r => r.Actor).Distinct())
        {
            Assert.Contains(actor, toegangslog);
        }
    }

    [Fact]
    public async Task Only_signals_of_someone_who_is_not_a_client_are_found_by_a_regional_officer_only()
    {
        var bsn = TestBsn.Nieuw();
        using var schuldhulp = fixture.Client(SiloFixture.Token("sh-alleen", [Rollen.Schuldhulpverlener], [Claims.Regio]));
        using var regionaal = fixture.Client(SiloFixture.Token("fg-regio", [Rollen.Privacyfunctionaris], [Claims.Regio]));
        using var gemeente = fixture.Client(SiloFixture.Token("fg-alkmaar", [Rollen.Privacyfunctionaris], ["Alkmaar"]));
        Assert.Equal(HttpStatusCode.Accepted, (await schuldhulp.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "Betalingsachterstand zorgverzekering"), "s")).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await gemeente.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn })).Status);
        var clientId = (await regionaal.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn }))["clientId"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await gemeente.HaalAsync($"/api/v1/clienten/{clientId}/inzage")).Status);

        var inzage = await regionaal.HaalAsync($"/api/v1/clienten/{clientId}/inzage");
        Assert.Equal(HttpStatusCode.OK, inzage.Status);
        Assert.Null(inzage["client"]);
        Assert.Equal("Betalingsachterstand zorgverzekering", inzage["signalen.0.inhoud"]);
        var regels = inzage.Pad("verwerkingen")!.AsArray().Select(v => (v!["actor"]!.ToString(), v["actie"]!.ToString(), v["resultaat"]!.ToString())).ToList();
        Assert.Contains(("fg-alkmaar", "zoeken", "geweigerd"), regels);
        Assert.Contains(("fg-alkmaar", "lezen", "geweigerd"), regels);
        Assert.Contains(("fg-regio", "lezen", "toegestaan"), regels);
        Assert.Contains("Dit overzicht", (await regionaal.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/inzage", accept: "text/html")).Tekst);
    }

    [Fact]
    public async Task Nobody_kept_under_an_id_is_a_404_and_a_klantmanager_gets_no_inzage()
    {
        using var functionaris = fixture.Client(SiloFixture.Token("fg", [Rollen.Privacyfunctionaris], [Claims.Regio]));
        Assert.Equal(HttpStatusCode.NotFound, (await functionaris.HaalAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa/inzage")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await functionaris.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = TestBsn.Nieuw() })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await functionaris.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = "123" })).Status);

        using var klantmanager = fixture.Client(SiloFixture.Token("km", [Rollen.Klantmanager], [Claims.Regio]));
        Assert.Equal(HttpStatusCode.Forbidden, (await klantmanager.HaalAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa/inzage")).Status);
    }
}
