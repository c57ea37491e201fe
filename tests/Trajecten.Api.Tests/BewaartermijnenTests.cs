using System.Globalization;
using System.Net;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// Retention over HTTP, on a host of its own (a round destroys, so it must not reach the shared fixture's clients): the
/// regional privacy officer sees what has reached the end of its period, confirms exactly that list, and only that is
/// destroyed — a closed file as a whole, a vroegsignalering signal without help on its own while its file stays.
/// </summary>
public class BewaartermijnenTests
{
    private static string Dag(int dagenTerug) => DateTime.UtcNow.AddDays(-dagenTerug).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_officer_sees_what_expired_confirms_that_list_and_only_that_is_destroyed()
    {
        var app = SiloFixture.EigenHost("bewaartermijnen", new Dictionary<string, string?>
        {
            ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel,
            // The API takes an aanmelding at most a year back, so files here end their period after one year (two in Bergen).
            ["Bewaartermijnen:DossierJaren"] = "1",
            ["Bewaartermijnen:DossierJarenPerGemeente:Bergen"] = "2",
        });
        await app.StartAsync();
        try
        {
            HttpClient Client(string token)
            {
                var http = new HttpClient { BaseAddress = SiloFixture.AdresVan(app) };
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                return http;
            }

            using var km = Client(SiloFixture.Token("km", [Rollen.Klantmanager], ["Heiloo", "Bergen"]));
            using var sh = Client(SiloFixture.Token("sh", [Rollen.Schuldhulpverlener], [Claims.Regio], "schuldhulp"));
            using var fg = Client(SiloFixture.Token("fg-regio", [Rollen.Privacyfunctionaris], [Claims.Regio]));
            using var fgHeiloo = Client(SiloFixture.Token("fg-heiloo", [Rollen.Privacyfunctionaris], ["Heiloo"]));

            async Task<(string ClientId, string Bsn)> DossierAsync(string gemeente, bool afgesloten)
            {
                var bsn = TestBsn.Nieuw();
                var clientId = (await km.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente, naam = "Bewaar " + gemeente }))["clientId"]!;
                var trajectId = (await km.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie", aanmelddatum = Dag(366) }))["trajectId"]!;
                Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(366) }, "i")).Status);
                if (afgesloten)
                {
                    Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen",
                        new { soort = "beeindigd", datum = Dag(366), reden = "verhuisd" }, "b")).Status);
                }

                return (clientId, bsn);
            }

            async Task SignaalAsync(string bsn, string soort, int dagenTerug, string sleutel) =>
                Assert.Equal(HttpStatusCode.Accepted, (await sh.VerstuurAsync("/api/v1/signalen", new
                {
                    bsn, domein = "schuldhulp", soort, datum = Dag(dagenTerug), bron = new { organisatie = "Woonwaard" },
                    contactpersoon = new { naam = "Consulent" }, inhoud = "Huurachterstand " + sleutel,
                }, sleutel)).Status);

            var heiloo = await DossierAsync("Heiloo", afgesloten: true);   // ended 366 days ago, one-year period: expired
            var bergen = await DossierAsync("Bergen", afgesloten: true);   // the same, but Bergen keeps files two years
            var loopt = await DossierAsync("Heiloo", afgesloten: false);   // still running: kept
            await SignaalAsync(loopt.Bsn, "vroegsignalering", 400, "oud");  // no help followed: this signal expired, the file stays
            var geholpen = TestBsn.Nieuw();
            await SignaalAsync(geholpen, "vroegsignalering", 400, "g1");    // help followed: kept
            await SignaalAsync(geholpen, "aanmelding", 300, "g2");
            await SignaalAsync(TestBsn.Nieuw(), "vroegsignalering", 30, "nieuw"); // too recent

            // Step 1, the dry run, for the regional officer only; it lists exactly the expired file and the expired signal.
            Assert.Equal(HttpStatusCode.Forbidden, (await fgHeiloo.HaalAsync("/api/v1/bewaartermijnen")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await km.HaalAsync("/api/v1/bewaartermijnen")).Status);
            var lijst = await Wacht.TotAsync(() => fg.HaalAsync("/api/v1/bewaartermijnen"),
                a => a.Pad("verlopen")?.AsArray().Count == 2, "een dossier en een signaal verlopen");
            var verlopen = lijst.Pad("verlopen")!.AsArray().Select(v => $"{v!["soort"]} {v["clientId"]} {v["positie"] is null}").OrderBy(x => x).ToArray();
            Assert.Equal(new[] { $"re-integratiedossier {heiloo.ClientId} True", $"vroegsignalering-zonder-hulp {loopt.ClientId} False" }.OrderBy(x => x), verlopen);
            Assert.Equal(["re-integratiedossier", "vroegsignalering-zonder-hulp", "verwerkingenlog"], lijst.Pad("regels")!.AsArray().Select(r => (string)r!["soort"]!));
            Assert.Contains("Bergen 2 jaar", (string)lijst.Pad("regels")![0]!["termijn"]!, StringComparison.Ordinal);
            Assert.All(lijst.Pad("regels")!.AsArray(), r => Assert.False(string.IsNullOrEmpty((string?)r!["grondslag"])));
            var peildatum = (string)lijst.Json!["peildatum"]!;

            // Step 2 must repeat what the list showed: otherwise 409 and nothing destroyed; bad input 400; others 403.
            var fout = await fg.VerstuurAsync("/api/v1/bewaartermijnen/rondes", new { peildatum, verlopen = 3, verwerkingen = 0 });
            Assert.Equal(HttpStatusCode.Conflict, fout.Status);
            Assert.Equal("application/problem+json", fout.Bericht.Content.Headers.ContentType!.MediaType);
            Assert.Equal(HttpStatusCode.BadRequest, (await fg.VerstuurAsync("/api/v1/bewaartermijnen/rondes", new { peildatum = "gisteren", verlopen = -1 })).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await fgHeiloo.VerstuurAsync("/api/v1/bewaartermijnen/rondes", new { peildatum, verlopen = 2, verwerkingen = 0 })).Status);
            Assert.Equal(HttpStatusCode.OK, (await km.HaalAsync($"/api/v1/clienten/{heiloo.ClientId}")).Status);

            var ronde = await fg.VerstuurAsync("/api/v1/bewaartermijnen/rondes", new { peildatum, verlopen = 2, verwerkingen = 0 });
            Assert.Equal(HttpStatusCode.OK, ronde.Status);
            Assert.Equal(("1", "1", "0"), (ronde["dossiers"], ronde["signalen"], ronde["verwerkingen"]));
            Assert.Empty(ronde.Pad("fouten")!.AsArray());

            // The expired file is gone (410); the others stay; the running file keeps everything but the expired signal.
            Assert.Equal(HttpStatusCode.Gone, (await km.HaalAsync($"/api/v1/clienten/{heiloo.ClientId}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await km.HaalAsync($"/api/v1/clienten/{bergen.ClientId}")).Status);
            var klantbeeld = await Wacht.TotAsync(() => km.HaalAsync($"/api/v1/clienten/{loopt.ClientId}/klantbeeld"),
                a => a.Status == HttpStatusCode.OK && a.Pad("signalen")?.AsArray().Count == 0, "het klantbeeld zonder het verlopen signaal");
            Assert.Single(klantbeeld.Pad("trajecten")!.AsArray());

            // Nothing left to do: the next listing is empty and names the round; a repeat destroys nothing.
            var daarna = await fg.HaalAsync("/api/v1/bewaartermijnen");
            Assert.Empty(daarna.Pad("verlopen")!.AsArray());
            Assert.Equal(peildatum, (string?)daarna.Json!["vorigeRonde"]);
            var herhaling = await fg.VerstuurAsync("/api/v1/bewaartermijnen/rondes", new { peildatum, verlopen = 0, verwerkingen = 0 });
            Assert.Equal(("0", "0"), (herhaling["dossiers"], herhaling["signalen"]));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
