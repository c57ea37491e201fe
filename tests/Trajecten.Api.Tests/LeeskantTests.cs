using System.Net;
using System.Text.Json.Nodes;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// The read side through the API: changing a client (ETag/If-Match), moving it, correcting and withdrawing milestones,
/// nazorg, and the caseload a klantmanager works from (filters, search, paging, werkvoorraad).
/// </summary>
[Collection(SiloCollection.Naam)]
public class LeeskantTests(SiloFixture fixture)
{
    private HttpClient Http => fixture.Http;
    private static string DagenTerug(int n) => DateTime.UtcNow.AddDays(-n).ToString("yyyy-MM-dd");

    private HttpClient Klantmanager(string sub, params string[] gemeenten) =>
        fixture.Client(SiloFixture.Token(sub, [Rollen.Klantmanager], gemeenten.Length == 0 ? [Claims.Regio] : gemeenten));

    private static async Task<string> RegistreerAsync(HttpClient http, object body)
    {
        var antwoord = await http.VerstuurAsync("/api/v1/clienten", body);
        Assert.Equal(HttpStatusCode.Created, antwoord.Status);
        return antwoord["clientId"]!;
    }

    private static async Task<string> TrajectAsync(HttpClient http, string clientId, string soort = "re-integratie")
    {
        var antwoord = await http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort });
        Assert.Equal(HttpStatusCode.Created, antwoord.Status);
        return antwoord["trajectId"]!;
    }

    private static async Task<Antwoord> MijlpaalAsync(HttpClient http, string trajectId, object body) =>
        await http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", body, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_change_needs_the_current_etag_and_a_merge_patch_sets_and_removes()
    {
        var clientId = await RegistreerAsync(Http, new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar", naam = "Sanne Jansen", contact = new { telefoon = "072-1111111" } });
        var gelezen = await Http.HaalAsync($"/api/v1/clienten/{clientId}");
        var etag = gelezen.Bericht.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        var zonder = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}", new { naam = "S. Jansen" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, zonder.Status);

        var wijziging = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}",
            ruweBody: """{"naam":"S. Jansen-de Vries","klantmanager":"bram","contact":{"telefoon":null,"email":"s@example.nl"}}""",
            contentType: "application/merge-patch+json", ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, wijziging.Status);
        Assert.Equal("S. Jansen-de Vries", wijziging["naam"]);
        Assert.Equal("bram", wijziging["klantmanager"]);
        Assert.Null(wijziging["contact.telefoon"]);
        Assert.Equal("s@example.nl", wijziging["contact.email"]);
        Assert.Equal("\"2\"", wijziging.Bericht.Headers.ETag!.Tag);

        // The old ETag is stale now: 412, and nothing changes.
        var verouderd = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}", new { naam = "Overschreven" }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, verouderd.Status);
        Assert.Equal("S. Jansen-de Vries", (await Http.HaalAsync($"/api/v1/clienten/{clientId}"))["naam"]);

        // What a patch may not touch, and bad values: 400 listing each, nothing changed.
        var fout = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}",
            new { gemeente = "Bergen", klantmanager = "geen spaties", contact = new { email = "geen-adres" } }, ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.BadRequest, fout.Status);
        Assert.Equal(["contact.email", "gemeente", "klantmanager"], fout.Pad("invalidParams")!.AsArray().Select(p => p!["name"]!.ToString()).Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}", new { naam = "x" }, ifMatch: "3")).Status);
        Assert.Equal("\"2\"", (await Http.HaalAsync($"/api/v1/clienten/{clientId}")).Bericht.Headers.ETag!.Tag);

        // A patch that changes nothing records nothing.
        var niets = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}", new { naam = "S. Jansen-de Vries" }, ifMatch: "*");
        Assert.Equal(HttpStatusCode.OK, niets.Status);
        Assert.Equal("\"2\"", niets.Bericht.Headers.ETag!.Tag);

        // Null for the contact object removes each of its members (RFC 7396); a blank name removes the name.
        var zonderContact = await Http.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{clientId}",
            ruweBody: """{"contact":null,"naam":"  "}""", contentType: "application/merge-patch+json", ifMatch: "\"2\"");
        Assert.Equal(HttpStatusCode.OK, zonderContact.Status);
        Assert.Null(zonderContact["contact.email"]);
        Assert.Null(zonderContact["naam"]);
        Assert.Equal("bram", zonderContact["klantmanager"]);
    }

    [Fact]
    public async Task A_move_takes_the_client_and_its_trajecten_to_the_new_gemeente()
    {
        using var alkmaar = Klantmanager("km-alkmaar-" + Guid.NewGuid().ToString("N")[..6], "Alkmaar");
        using var bergen = Klantmanager("km-bergen-" + Guid.NewGuid().ToString("N")[..6], "Bergen");
        var clientId = await RegistreerAsync(alkmaar, new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar", naam = "Verhuizer" });
        var trajectId = await TrajectAsync(alkmaar, clientId);
        Assert.Equal(HttpStatusCode.Created, (await MijlpaalAsync(alkmaar, trajectId, new { soort = "intake", datum = DagenTerug(3) })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/clienten/{clientId}")).Status);

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await alkmaar.VerstuurAsync($"/api/v1/clienten/{clientId}/verhuizing", new { naarGemeente = "Bergen" })).Status);
        var naarZelf = await alkmaar.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/verhuizing", new { naarGemeente = "alkmaar" }, ifMatch: "*");
        Assert.Equal(HttpStatusCode.Conflict, naarZelf.Status);
        var onbekend = await alkmaar.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/verhuizing", new { naarGemeente = "Amsterdam" }, ifMatch: "*");
        Assert.Equal(HttpStatusCode.BadRequest, onbekend.Status);

        var verhuisd = await alkmaar.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/verhuizing", new { naarGemeente = "Bergen" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, verhuisd.Status);
        Assert.Equal("Bergen", verhuisd["gemeente"]);

        // Scope follows the client: the old gemeente sees nothing, the new one the whole history.
        Assert.Equal(HttpStatusCode.NotFound, (await alkmaar.HaalAsync($"/api/v1/clienten/{clientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alkmaar.HaalAsync($"/api/v1/trajecten/{trajectId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alkmaar.HaalAsync($"/api/v1/clienten/{clientId}/klantbeeld")).Status);
        var traject = await bergen.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal(HttpStatusCode.OK, traject.Status);
        Assert.Equal("Bergen", traject["gemeente"]);
        Assert.Equal("intake", traject["mijlpalen.0.soort"]);
        var klantbeeld = await Wacht.TotAsync(() => bergen.HaalAsync($"/api/v1/clienten/{clientId}/klantbeeld"),
            k => k.Status == HttpStatusCode.OK && k["gemeente"] == "Bergen", "het klantbeeld in Bergen");
        Assert.Equal("intake", klantbeeld["trajecten.0.fase"]);
        await Wacht.TotAsync(() => bergen.HaalAsync("/api/v1/clienten?zoek=verhuizer&gemeente=Bergen"),
            a => a.Pad("clienten")!.AsArray().Any(c => c!["clientId"]!.ToString() == clientId), "de caseload van Bergen");
    }

    [Fact]
    public async Task Corrections_and_withdrawals_recompute_the_traject_and_keep_the_history()
    {
        var clientId = await RegistreerAsync(Http, new { bsn = TestBsn.Nieuw(), gemeente = "Heiloo" });
        var trajectId = await TrajectAsync(Http, clientId);
        var intake = await MijlpaalAsync(Http, trajectId, new { soort = "intake", datum = DagenTerug(30) });
        var diagnose = await MijlpaalAsync(Http, trajectId, new { soort = "diagnose", datum = DagenTerug(20), loonwaarde = 60 });
        Assert.Equal("beperkt", (await Http.HaalAsync($"/api/v1/trajecten/{trajectId}"))["doelgroep"]);
        var pad = $"/api/v1/trajecten/{trajectId}/mijlpalen";

        // The loonwaarde was 85, not 60: the doelgroep follows.
        var correctie = await Http.VerstuurAsync($"{pad}/{diagnose["mijlpaalId"]}/correcties",
            new { reden = "Typefout in de loonwaarde", details = new { loonwaarde = 85 } }, "c1");
        Assert.Equal(HttpStatusCode.Created, correctie.Status);
        Assert.Equal("volledig", correctie["doelgroep"]);
        Assert.Equal(HttpStatusCode.OK, (await Http.VerstuurAsync($"{pad}/{diagnose["mijlpaalId"]}/correcties",
            new { reden = "Typefout in de loonwaarde", details = new { loonwaarde = 85 } }, "c1")).Status); // a retry
        var traject = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal("volledig", traject["doelgroep"]);
        Assert.Equal("85", traject["mijlpalen.1.loonwaarde"]);
        Assert.Equal(2, traject.Pad("mijlpalen")!.AsArray().Count);
        Assert.Equal("correctie", traject["correcties.0.soort"]);

        // The intake date moves the search period with it.
        var zoekperiodeVoor = traject["termijnen.0.vervaltijd"];
        Assert.Equal(HttpStatusCode.Created, (await Http.VerstuurAsync($"{pad}/{intake["mijlpaalId"]}/correcties",
            new { reden = "Intake was eerder", datum = DagenTerug(35) }, "c2")).Status);
        var na = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.NotEqual(zoekperiodeVoor, na["termijnen.0.vervaltijd"]);
        Assert.Equal(DagenTerug(35), na["mijlpalen.0.datum"]);

        // What the state machine does not allow: the intake under a diagnose; a date after the next milestone.
        var intakeWeg = await Http.VerstuurAsync($"{pad}/{intake["mijlpaalId"]}/intrekking", new { reden = "Per ongeluk" }, "i1");
        Assert.Equal(HttpStatusCode.Conflict, intakeWeg.Status);
        Assert.Contains("intake", intakeWeg["detail"]);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.VerstuurAsync($"{pad}/{intake["mijlpaalId"]}/correcties",
            new { reden = "x", datum = DagenTerug(10) }, "c3")).Status);
        // Bad input: 400, nothing recorded.
        var ongeldig = await Http.VerstuurAsync($"{pad}/{diagnose["mijlpaalId"]}/correcties", new { details = new { loonwaarde = 120, locatie = "x" } }, "c4");
        Assert.Equal(HttpStatusCode.BadRequest, ongeldig.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.VerstuurAsync($"{pad}/mp-aaaaaaaaaaaaaaaaaaaaaaaaaa/intrekking", new { reden = "x" }, "i2")).Status);
        Assert.Equal(2, (await Http.HaalAsync($"/api/v1/trajecten/{trajectId}")).Pad("correcties")!.AsArray().Count);

        // Withdrawing the diagnose: back in intake, no doelgroep; the milestone is gone (410), its history stays.
        var weg = await Http.VerstuurAsync($"{pad}/{diagnose["mijlpaalId"]}/intrekking", new { reden = "Diagnose hoorde bij een ander traject" }, "i3");
        Assert.Equal(HttpStatusCode.Created, weg.Status);
        var teruggezet = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal("intake", teruggezet["fase"]);
        Assert.Null(teruggezet["doelgroep"]);
        Assert.Equal(HttpStatusCode.Gone, (await Http.HaalAsync($"{pad}/{diagnose["mijlpaalId"]}")).Status);
        Assert.Equal(["correctie", "correctie", "intrekking"], teruggezet.Pad("correcties")!.AsArray().Select(c => c!["soort"]!.ToString()));

        // A new diagnose gets the next volgnummer (3): numbers are never reused.
        var nieuw = await MijlpaalAsync(Http, trajectId, new { soort = "diagnose", datum = DagenTerug(1), zorg = true });
        Assert.Equal(3, (int)nieuw.Json!["volgnummer"]!);
        var klantbeeld = await Wacht.TotAsync(() => Http.HaalAsync($"/api/v1/clienten/{clientId}/klantbeeld"),
            k => k["trajecten.0.fase"] == "diagnose" && k.Pad("trajecten.0.correcties")?.AsArray().Count == 3, "het gecorrigeerde klantbeeld");
        Assert.Equal("zorg", klantbeeld["doelgroep"]);
    }

    [Fact]
    public async Task Nazorg_follows_uitstroom_and_is_recorded_once_per_key()
    {
        var clientId = await RegistreerAsync(Http, new { bsn = TestBsn.Nieuw(), gemeente = "Castricum" });
        var trajectId = await TrajectAsync(Http, clientId, "participatie");
        var pad = $"/api/v1/trajecten/{trajectId}/nazorg";
        await MijlpaalAsync(Http, trajectId, new { soort = "intake", datum = DagenTerug(200) });
        Assert.Equal(HttpStatusCode.Conflict, (await Http.VerstuurAsync(pad, new { datum = DagenTerug(1), aanHetWerk = true }, "n0")).Status);
        await MijlpaalAsync(Http, trajectId, new { soort = "uitstroom", datum = DagenTerug(190), reden = "werk" });

        Assert.Equal(HttpStatusCode.BadRequest, (await Http.VerstuurAsync(pad, new { datum = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"), aanHetWerk = "ja" }, "n1")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.VerstuurAsync(pad, new { datum = DagenTerug(195), aanHetWerk = true }, "n2")).Status);
        var teVroeg = await Http.VerstuurAsync(pad, new { datum = DagenTerug(170), aanHetWerk = true }, "n4"); // before the 6-month check's margin
        Assert.Equal(HttpStatusCode.Conflict, teVroeg.Status);
        Assert.Contains("6 maanden na uitstroom", teVroeg.Json!["detail"]!.ToString());
        var vastgelegd = await Http.VerstuurAsync(pad, new { datum = DagenTerug(8), aanHetWerk = true, toelichting = "vast contract" }, "n3");
        Assert.Equal(HttpStatusCode.Created, vastgelegd.Status);
        Assert.Equal(HttpStatusCode.OK, (await Http.VerstuurAsync(pad, new { datum = DagenTerug(8), aanHetWerk = true, toelichting = "vast contract" }, "n3")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.VerstuurAsync(pad, new { datum = DagenTerug(8), aanHetWerk = false }, "n3")).Status);

        var traject = await Http.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal("true", traject["nazorg.0.aanHetWerk"]);
        Assert.Equal("6", traject["nazorg.0.controle"]);
        // the 6-month check is done; those at 12 and 18 months are pending
        Assert.Equal(["12", "18"], traject.Pad("termijnen")!.AsArray().Where(t => t!["soort"]!.ToString() == "nazorg").Select(t => t!["controle"]!.ToString()));
    }

    [Fact]
    public async Task A_second_open_traject_of_a_soort_is_409_and_opens_nothing()
    {
        var clientId = await RegistreerAsync(Http, new { bsn = TestBsn.Nieuw(), gemeente = "Bergen" });
        var eerste = await TrajectAsync(Http, clientId);
        var dubbel = await Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" });
        Assert.Equal(HttpStatusCode.Conflict, dubbel.Status);
        Assert.Contains(eerste, dubbel["detail"]);
        Assert.Single((await Http.HaalAsync($"/api/v1/clienten/{clientId}")).Pad("trajectIds")!.AsArray());
    }

    [Fact]
    public async Task The_caseload_filters_searches_without_accents_and_refuses_bad_queries()
    {
        var sub = "km-zoek-" + Guid.NewGuid().ToString("N")[..6];
        using var km = Klantmanager(sub, "Schermer");
        var merk = Guid.NewGuid().ToString("N")[..5];
        var jose = await RegistreerAsync(km, new { bsn = TestBsn.Nieuw(), gemeente = "Schermer", naam = $"José Öztürk{merk}", geboortedatum = "1985-03-02" });
        var joost = await RegistreerAsync(km, new { bsn = TestBsn.Nieuw(), gemeente = "Schermer", naam = $"Joost Oz{merk}" });
        await RegistreerAsync(Http, new { bsn = TestBsn.Nieuw(), gemeente = "Heiloo", naam = $"Jose Ozturk{merk}", klantmanager = sub }); // outside the scope
        await MijlpaalAsync(km, await TrajectAsync(km, jose), new { soort = "intake", datum = DagenTerug(2) });

        async Task<string[]> Ids(string query)
        {
            var antwoord = await km.HaalAsync("/api/v1/clienten?" + query);
            Assert.Equal(HttpStatusCode.OK, antwoord.Status);
            return antwoord.Pad("clienten")!.AsArray().Select(c => c!["clientId"]!.ToString()).ToArray();
        }

        await Wacht.TotAsync(() => km.HaalAsync($"/api/v1/clienten?klantmanager={sub}&fase=intake"), a => a.Pad("clienten")!.AsArray().Count == 1, "de intake in de caseload");
        Assert.Equal([jose], await Ids($"zoek=ozturk{merk}"));                 // accent- and case-insensitive
        Assert.Equal([jose], await Ids($"zoek=%C3%96ZT%C3%BCRK{merk}"));
        Assert.Equal([joost, jose], await Ids($"zoek=jo&klantmanager={sub}"));  // prefix, ordered by name: "joost" before "jose"
        Assert.Equal([jose], await Ids("zoek=1985-03-02"));                     // geboortedatum
        Assert.Equal([jose], await Ids($"klantmanager={sub}&fase=intake"));
        Assert.Empty(await Ids($"klantmanager={sub}&fase=diagnose"));

        async Task<JsonArray> FoutAsync(string query, HttpStatusCode verwacht = HttpStatusCode.BadRequest)
        {
            var antwoord = await km.HaalAsync("/api/v1/clienten?" + query);
            Assert.Equal(verwacht, antwoord.Status);
            return antwoord.Pad("invalidParams")?.AsArray() ?? [];
        }

        Assert.Equal(4, (await FoutAsync("fase=klaar&doelgroep=x&limit=101&aandachtspunt=y")).Count);
        Assert.Equal("zoek", (await FoutAsync("zoek=123456782"))[0]!["name"]!.ToString()); // never a BSN in a URL
        Assert.Equal("gemeenten", (await FoutAsync("gemeenten=Schermer"))[0]!["name"]!.ToString());
        Assert.Equal("cursor", (await FoutAsync("cursor=bm9uc2Vucw"))[0]!["name"]!.ToString());
        Assert.Equal("termijnVoor", (await FoutAsync("termijnVoor=morgen"))[0]!["name"]!.ToString());
        await FoutAsync("gemeente=Bergen", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Paging_with_next_and_prev_returns_every_client_exactly_once_in_order()
    {
        var sub = "km-pagina-" + Guid.NewGuid().ToString("N")[..6];
        using var km = Klantmanager(sub, "Graft-de Rijp");
        var ids = new List<string>();
        for (var i = 0; i < 53; i++)
        {
            ids.Add(await RegistreerAsync(km, new { bsn = TestBsn.Nieuw(), gemeente = "Graft-de Rijp", naam = $"Pagina {i % 7} Persoon" }));
        }

        await Wacht.TotAsync(() => km.HaalAsync($"/api/v1/clienten?klantmanager={sub}&limit=100"), a => a.Pad("clienten")!.AsArray().Count == 53, "alle 53 in de caseload");
        var gezien = new List<string>();
        var paginas = new List<string>();
        var url = $"/api/v1/clienten?klantmanager={sub}&limit=10";
        while (url is not null)
        {
            var pagina = await km.HaalAsync(url);
            Assert.Equal(HttpStatusCode.OK, pagina.Status);
            paginas.Add(url);
            gezien.AddRange(pagina.Pad("clienten")!.AsArray().Select(c => c!["clientId"]!.ToString()));
            url = pagina["_links.next.href"];
            if (url is not null)
            {
                Assert.Contains($"<{url}>; rel=\"next\"", pagina.Bericht.Headers.GetValues("Link").Single());
            }
        }

        Assert.Equal(6, paginas.Count);
        Assert.Equal(ids.Order(), gezien.Order());
        Assert.Equal(gezien.Distinct().Count(), gezien.Count);

        // Back from the last page with prev gives the pages before it, the same clients.
        var laatste = await km.HaalAsync(paginas[^1]);
        var vorige = await km.HaalAsync(laatste["_links.prev.href"]!);
        Assert.Equal(gezien.Skip(40).Take(10), vorige.Pad("clienten")!.AsArray().Select(c => c!["clientId"]!.ToString()));

        // A cursor with other filters is refused; so is a cursor past the end.
        var cursor = new Uri(new Uri("http://x"), paginas[1]).Query.Split('&').Single(p => p.StartsWith("cursor=", StringComparison.Ordinal) || p.StartsWith("?cursor=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await km.HaalAsync($"/api/v1/clienten?klantmanager={sub}&fase=intake&{cursor.TrimStart('?')}")).Status);
    }

    [Fact]
    public async Task The_werkvoorraad_lists_own_clients_that_need_attention_most_urgent_first()
    {
        var sub = "km-werk-" + Guid.NewGuid().ToString("N")[..6];
        using var km = Klantmanager(sub, "Langedijk");
        using var schuldhulp = fixture.Client(SiloFixture.Token("kredietbank", [Rollen.Schuldhulpverlener], [Claims.Regio]));

        async Task<string> MetIntakeAsync(string naam, int dagenGeleden)
        {
            var id = await RegistreerAsync(km, new { bsn = TestBsn.Nieuw(), gemeente = "Langedijk", naam });
            await MijlpaalAsync(km, await TrajectAsync(km, id), new { soort = "intake", datum = DagenTerug(dagenGeleden) });
            return id;
        }

        var verlopen = await MetIntakeAsync("Verlopen zoekperiode", 60);   // search period ended 4 days ago
        var bijna = await MetIntakeAsync("Bijna verlopen", 50);            // ends in 6 days
        var rustig = await MetIntakeAsync("Net begonnen", 0);              // ends in 56 days
        var bsn = TestBsn.Nieuw();
        var schuld = await RegistreerAsync(km, new { bsn, gemeente = "Langedijk", naam = "Met schulden" });
        await MijlpaalAsync(km, await TrajectAsync(km, schuld), new { soort = "intake", datum = DagenTerug(30) });
        Assert.Equal(HttpStatusCode.Accepted, (await schuldhulp.VerstuurAsync("/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = DagenTerug(40), bron = new { organisatie = "Kredietbank" }, contactpersoon = new { naam = "Eva" },
        }, "wv-" + bsn)).Status);

        var lijst = await Wacht.TotAsync(() => km.HaalAsync("/api/v1/werkvoorraad"), a => a.Pad("clienten")!.AsArray().Count == 3
            && a.Pad("clienten")!.AsArray().Any(c => c!["aandachtspunten"]!.AsArray().Count > 0 && c["clientId"]!.ToString() == schuld), "de werkvoorraad");
        // The search period that ran out 4 days ago first; then the debt signal, an aandachtspunt since the traject began (today).
        Assert.Equal([verlopen, schuld, bijna], lijst.Pad("clienten")!.AsArray().Select(c => c!["clientId"]!.ToString()));
        Assert.Equal("zoekperiode-verlopen", lijst["clienten.0.aandachtspunten.0.code"]);
        Assert.Equal("schuldhulp-tijdens-traject", lijst["clienten.1.aandachtspunten.0.code"]);
        Assert.Equal("zoekperiode", lijst["clienten.2.volgendeTermijnSoort"]);

        var ruimer = await km.HaalAsync("/api/v1/werkvoorraad?dagen=60");
        Assert.Contains(rustig, ruimer.Pad("clienten")!.AsArray().Select(c => c!["clientId"]!.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await km.HaalAsync("/api/v1/werkvoorraad?dagen=-1")).Status);
        // Someone else's werkvoorraad is their own: another klantmanager sees none of these.
        using var ander = Klantmanager("km-ander-" + Guid.NewGuid().ToString("N")[..6], "Langedijk");
        Assert.Empty((await ander.HaalAsync("/api/v1/werkvoorraad?dagen=366")).Pad("clienten")!.AsArray());
    }
}
