using System.Net;
using System.Text.Json.Nodes;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

[Collection(SiloCollection.Naam)]
public class GebeurtenissenTests(SiloFixture fixture)
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private async Task<(string ClientId, string TrajectId)> TrajectAsync(string gemeente, params object[] mijlpalen)
    {
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        var i = 0;
        foreach (var mijlpaal in mijlpalen)
        {
            Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", mijlpaal, "k" + i++)).Status);
        }

        return (clientId, trajectId);
    }

    private static async Task<List<JsonNode>> AllesAsync(HttpClient http, string query, int pagina)
    {
        var alles = new List<JsonNode>();
        long na = 0;
        while (true)
        {
            var antwoord = await http.HaalAsync($"/api/v1/gebeurtenissen?na={na}&aantal={pagina}{query}");
            Assert.Equal(HttpStatusCode.OK, antwoord.Status);
            var gebeurtenissen = antwoord.Pad("gebeurtenissen")!.AsArray();
            if (gebeurtenissen.Count == 0)
            {
                Assert.True((long)antwoord.Json!["volgende"]! >= na);
                return alles;
            }

            alles.AddRange(gebeurtenissen.Select(g => g!));
            na = (long)antwoord.Json!["volgende"]!;
        }
    }

    [Fact]
    public async Task The_feed_has_every_milestone_as_a_cloudevent_in_order_and_resumes_from_any_position()
    {
        var castricum = await TrajectAsync("Castricum",
            new { soort = "intake", datum = Vandaag }, new { soort = "diagnose", datum = Vandaag, loonwaarde = 70 }, new { soort = "beeindigd", datum = Vandaag, reden = "verhuisd" });
        var bergen = await TrajectAsync("Bergen", new { soort = "intake", datum = Vandaag });
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-koppeling", [Rollen.Ketenpartner], [Claims.Regio], "schuldhulp"));

        var alles = await AllesAsync(ketenpartner, "", pagina: 2);
        var posities = alles.Select(g => long.Parse(g["sequence"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(posities.Order(), posities);
        Assert.Equal(posities.Count, posities.Distinct().Count());

        var vanCastricum = alles.Where(g => g["data"]!["trajectId"]?.ToString() == castricum.TrajectId
                                            && g["type"]!.ToString() == "nl.participatiewet.traject.mijlpaal-geregistreerd").ToList();
        Assert.Equal([1, 2, 3], vanCastricum.Select(g => (int)g["data"]!["volgnummer"]!));
        Assert.Equal(["intake", "diagnose", "beeindigd"], vanCastricum.Select(g => g["data"]!["soort"]!.ToString()));
        // What a back office needs to act on, without calling back: the diagnose's loonwaarde and doelgroep, the reason of the end.
        Assert.Equal("70", vanCastricum[1]["data"]!["details"]!["loonwaarde"]!.ToString());
        Assert.NotNull(vanCastricum[1]["data"]!["details"]!["doelgroep"]);
        Assert.Equal("verhuisd", vanCastricum[2]["data"]!["details"]!["reden"]!.ToString());
        Assert.Null(vanCastricum[0]["data"]!["details"]!["reden"]);
        var eerste = vanCastricum[0];
        Assert.Equal("1.0", eerste["specversion"]!.ToString());
        Assert.Equal("nl.participatiewet.traject.mijlpaal-geregistreerd", eerste["type"]!.ToString());
        Assert.StartsWith("urn:nld:oin:", eerste["source"]!.ToString());
        Assert.Equal(castricum.TrajectId, eerste["subject"]!.ToString());
        Assert.Equal(castricum.ClientId, eerste["data"]!["clientId"]!.ToString());
        Assert.Equal("Castricum", eerste["data"]!["gemeente"]!.ToString());
        Assert.Equal(alles.Count, alles.Select(g => g["id"]!.ToString()).Distinct().Count());
        Assert.DoesNotContain(alles, g => TestBsn.Uitgegeven.Any(b => g.ToJsonString().Contains(b, StringComparison.Ordinal)));

        // Resuming from a position gives exactly what came after it.
        var vanaf = posities[posities.Count / 2];
        var rest = (await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={vanaf}&aantal=1000")).Pad("gebeurtenissen")!.AsArray();
        Assert.Equal(posities.Where(p => p > vanaf), rest.Select(g => long.Parse(g!["sequence"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)));

        var alleenBergen = await AllesAsync(ketenpartner, "&gemeente=bergen", pagina: 50);
        Assert.All(alleenBergen, g => Assert.Contains("Bergen", new[] { g["data"]!["gemeente"]!.ToString(), g["data"]!["van"]?.ToString() }));
        Assert.Contains(alleenBergen, g => g["data"]!["trajectId"]?.ToString() == bergen.TrajectId);
        var alleenDiagnoses = await AllesAsync(ketenpartner, "&soort=diagnose", pagina: 50);
        Assert.All(alleenDiagnoses, g => Assert.Equal("diagnose", g["data"]!["soort"]!.ToString()));
        Assert.DoesNotContain(alleenDiagnoses, g => g["type"]!.ToString() == "nl.participatiewet.traject.gestart"); // soort selects facts about milestones
    }

    [Fact]
    public async Task Every_fact_a_back_office_acts_on_is_a_typed_cloudevent_with_what_it_needs_and_no_free_text()
    {
        static string Dag(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var vandaag = DateOnly.FromDateTime(DateTime.UtcNow);
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-typen", [Rollen.Ketenpartner], [Claims.Regio], "schuldhulp"));
        var begin = (long)(await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?na=nu")).Json!["volgende"]!;

        // A traject whose intake lies months back: its zoekperiode and herbeoordeling fall due at once.
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Heerhugowaard", naam = "Noor Catalogus" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten",
            new { soort = "re-integratie", aanmelddatum = Dag(vandaag.AddDays(-200)) }))["trajectId"]!;
        var pad = $"/api/v1/trajecten/{trajectId}/mijlpalen";
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync(pad, new { soort = "intake", datum = Dag(vandaag.AddDays(-200)) }, "c1")).Status);
        await VanOnsAsync("een verstreken termijn", "termijn-verstreken");
        var diagnose = (await fixture.Http.VerstuurAsync(pad, new { soort = "diagnose", datum = Dag(vandaag.AddDays(-199)), loonwaarde = 70 }, "c2"))["mijlpaalId"]!;
        var plan = (await fixture.Http.VerstuurAsync(pad, new { soort = "plan", datum = Dag(vandaag.AddDays(-198)), instrumenten = new[] { "jobcoaching" } }, "c3"))["mijlpaalId"]!;
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"{pad}/{diagnose}/correcties",
            new { reden = "typefout van Jan de Vries", details = new { loonwaarde = 40 } }, "c4")).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"{pad}/{plan}/intrekking", new { reden = "dubbel ingevoerd door Jan" }, "c5")).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync(pad, new { soort = "uitstroom", datum = Dag(vandaag.AddDays(-190)), reden = "werk" }, "c6")).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/nazorg",
            new { datum = Dag(vandaag), aanHetWerk = true, toelichting = "werkt bij garage Smit" }, "c7")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/verhuizing",
            new { naarGemeente = "Heiloo" }, ifMatch: "*")).Status);

        var vanOns = await VanOnsAsync("een verhuizing", ".verhuisd");

        // Everything of this traject and client since the start, once the feed has what is awaited.
        async Task<List<JsonNode>> VanOnsAsync(string wat, string typeEinde)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var gevonden = (await AllesAsync(ketenpartner, "", pagina: 1000)).Where(g => long.Parse(g["sequence"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > begin
                    && (g["subject"]!.ToString() == trajectId || g["subject"]!.ToString() == clientId)).ToList();
                if (gevonden.Any(g => g["type"]!.ToString().EndsWith(typeEinde, StringComparison.Ordinal)))
                {
                    return gevonden;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Na 30 s nog geen {wat} in de feed: " + string.Join(", ", gevonden.Select(g => g["type"])));
                await Task.Delay(100);
            }
        }

        JsonNode Een(string type) => Assert.Single(vanOns, g => g["type"]!.ToString() == "nl.participatiewet." + type);
        var gestart = Een("traject.gestart");
        Assert.Equal((trajectId, clientId, "Heerhugowaard", "re-integratie"),
            (gestart["data"]!["trajectId"]!.ToString(), gestart["data"]!["clientId"]!.ToString(), gestart["data"]!["gemeente"]!.ToString(), gestart["data"]!["soort"]!.ToString()));
        Assert.Equal(trajectId, gestart["subject"]!.ToString());

        var gecorrigeerd = Een("traject.mijlpaal-gecorrigeerd")["data"]!;
        Assert.Equal((diagnose, "diagnose", "40", "beperkt"), (gecorrigeerd["mijlpaalId"]!.ToString(), gecorrigeerd["soort"]!.ToString(),
            gecorrigeerd["details"]!["loonwaarde"]!.ToString(), gecorrigeerd["details"]!["doelgroep"]!.ToString()));
        var ingetrokken = Een("traject.mijlpaal-ingetrokken")["data"]!;
        Assert.Equal((plan, "plan"), (ingetrokken["mijlpaalId"]!.ToString(), ingetrokken["soort"]!.ToString()));

        var termijnen = vanOns.Where(g => g["type"]!.ToString() == "nl.participatiewet.traject.termijn-verstreken").Select(g => g["data"]!["termijn"]!.ToString()).ToList();
        Assert.Contains("zoekperiode", termijnen);
        var nazorg = Een("traject.nazorg-vastgelegd")["data"]!;
        Assert.Equal(("true", "6"), (nazorg["aanHetWerk"]!.ToString(), nazorg["controle"]!.ToString()));

        var clientVerhuisd = Een("client.verhuisd");
        Assert.Equal(clientId, clientVerhuisd["subject"]!.ToString());
        Assert.Equal(("Heerhugowaard", "Heiloo", "Heiloo"), (clientVerhuisd["data"]!["van"]!.ToString(), clientVerhuisd["data"]!["naar"]!.ToString(), clientVerhuisd["data"]!["gemeente"]!.ToString()));
        var trajectVerhuisd = Een("traject.verhuisd")["data"]!;
        Assert.Equal(("Heerhugowaard", "Heiloo"), (trajectVerhuisd["van"]!.ToString(), trajectVerhuisd["naar"]!.ToString()));

        // Ids are unique per fact; no BSN, name, correction reason or nazorg toelichting leaves the system.
        Assert.Equal(vanOns.Count, vanOns.Select(g => g["id"]!.ToString()).Distinct().Count());
        var tekst = string.Join("\n", vanOns.Select(g => g.ToJsonString()));
        foreach (var vrij in new[] { "Jan", "garage", "Noor", "Catalogus" })
        {
            Assert.DoesNotContain(vrij, tekst, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(vanOns, g => TestBsn.Uitgegeven.Any(b => g.ToJsonString().Contains(b, StringComparison.Ordinal)));

        // type selects; several values; soort selects the facts about milestones of that soort, corrections included.
        var alleenGestart = await AllesAsync(ketenpartner, "&type=nl.participatiewet.traject.gestart", pagina: 1000);
        Assert.All(alleenGestart, g => Assert.Equal("nl.participatiewet.traject.gestart", g["type"]!.ToString()));
        Assert.Contains(alleenGestart, g => g["subject"]!.ToString() == trajectId);
        var correcties = await AllesAsync(ketenpartner, "&type=nl.participatiewet.traject.mijlpaal-gecorrigeerd,nl.participatiewet.traject.mijlpaal-ingetrokken&soort=diagnose", pagina: 1000);
        Assert.Contains(correcties, g => g["data"]!["mijlpaalId"]!.ToString() == diagnose);
        Assert.DoesNotContain(correcties, g => g["data"]!["mijlpaalId"]!.ToString() == plan);

        // A move is news for both gemeenten.
        using var heerhugowaard = fixture.Client(SiloFixture.Token("heerhugowaard-systeem", [Rollen.Ketenpartner], ["Heerhugowaard"], "wmo"));
        using var heiloo = fixture.Client(SiloFixture.Token("heiloo-verhuis", [Rollen.Ketenpartner], ["Heiloo"], "wmo"));
        foreach (var partner in new[] { heerhugowaard, heiloo })
        {
            var verhuizingen = (await partner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&aantal=1000&type=nl.participatiewet.client.verhuisd")).Pad("gebeurtenissen")!.AsArray();
            Assert.Contains(verhuizingen, g => g!["subject"]!.ToString() == clientId);
        }

        var onbekend = await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?type=nl.participatiewet.traject.gestart,zaak-aangemaakt");
        Assert.Equal(HttpStatusCode.BadRequest, onbekend.Status);
        Assert.Equal("type", onbekend["invalidParams.0.name"]);
        Assert.Contains("zaak-aangemaakt", onbekend["invalidParams.0.reason"]);
        Assert.Contains("nl.participatiewet.client.verhuisd", onbekend["invalidParams.0.reason"]);
    }

    [Fact]
    public async Task A_ketenpartner_of_one_gemeente_reads_only_that_gemeente()
    {
        await TrajectAsync("Heiloo", new { soort = "intake", datum = Vandaag });
        using var heiloo = fixture.Client(SiloFixture.Token("heiloo-systeem", [Rollen.Ketenpartner], ["Heiloo"], "wmo"));
        // A move out of Heiloo is news for Heiloo too; everything else is Heiloo's own.
        Assert.All(await AllesAsync(heiloo, "", pagina: 100), g => Assert.Contains("Heiloo", new[] { g["data"]!["gemeente"]!.ToString(), g["data"]!["van"]?.ToString() }));
        Assert.Equal(HttpStatusCode.Forbidden, (await heiloo.HaalAsync("/api/v1/gebeurtenissen?gemeente=Alkmaar")).Status);
    }

    [Fact]
    public async Task Filters_take_several_values_and_volgende_moves_past_what_they_skip()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-filters", [Rollen.Ketenpartner], [Claims.Regio], "schuldhulp"));
        var begin = (long)(await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?na=nu")).Json!["volgende"]!;
        Assert.Empty((await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?na=nu")).Pad("gebeurtenissen")!.AsArray());

        var uitgeest = await TrajectAsync("Castricum", new { soort = "intake", datum = Vandaag }, new { soort = "diagnose", datum = Vandaag, loonwaarde = 60 },
            new { soort = "beeindigd", datum = Vandaag, reden = "overig" });
        await TrajectAsync("Bergen", new { soort = "intake", datum = Vandaag });

        var twee = await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&soort=intake,beeindigd&gemeente=Castricum");
        Assert.Equal(["intake", "beeindigd"], twee.Pad("gebeurtenissen")!.AsArray().Select(g => g!["data"]!["soort"]!.ToString()));
        var herhaald = await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&soort=intake&soort=beeindigd&gemeente=Castricum,Bergen");
        Assert.Equal(3, herhaald.Pad("gebeurtenissen")!.AsArray().Count);

        // A filter that matches nothing still moves the cursor to the head: the next poll does not rescan.
        var niets = await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&gemeente=Schermer&soort=plaatsing");
        Assert.Empty(niets.Pad("gebeurtenissen")!.AsArray());
        var kop = (long)niets.Json!["volgende"]!;
        Assert.True(kop >= begin + 4, $"volgende {kop} bleef achter bij de vier nieuwe mijlpalen na {begin}");
        Assert.Contains(uitgeest.TrajectId, (await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&gemeente=Castricum")).Tekst);

        // A full page ends at its last event.
        var vol = await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&aantal=2");
        Assert.Equal(vol.Pad("gebeurtenissen.1.sequence")!.ToString(), vol["volgende"]);

        // Past the head is refused, saying where the head is.
        var voorbij = await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={kop + 1000}");
        Assert.Equal(HttpStatusCode.BadRequest, voorbij.Status);
        Assert.Equal("na", voorbij["invalidParams.0.name"]);
        Assert.Contains("einde van het log", voorbij["invalidParams.0.reason"]);
    }

    [Fact]
    public async Task A_stream_from_nu_gets_only_what_comes_next_and_a_Last_Event_ID_past_the_head_is_400()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-nu", [Rollen.Ketenpartner], [Claims.Regio], "schuldhulp"));
        using var voorbij = new HttpRequestMessage(HttpMethod.Get, "/api/v1/gebeurtenissen/stream");
        voorbij.Headers.Add("Last-Event-ID", "999999999");
        using var fout = await ketenpartner.SendAsync(voorbij);
        Assert.Equal(HttpStatusCode.BadRequest, fout.StatusCode);
        Assert.Contains("Last-Event-ID", await fout.Content.ReadAsStringAsync());

        using var stroom = await ketenpartner.GetAsync("/api/v1/gebeurtenissen/stream?na=nu", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stroom.StatusCode);
        using var lezer = new StreamReader(await stroom.Content.ReadAsStreamAsync());
        var (_, trajectId) = await TrajectAsync("Heiloo", new { soort = "intake", datum = Vandaag });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? eerste = null;
        while (eerste is null && await lezer.ReadLineAsync(stop.Token) is { } regel)
        {
            if (regel.StartsWith("data: ", StringComparison.Ordinal))
            {
                eerste = regel;
            }
        }

        Assert.NotNull(eerste);
        Assert.Contains(trajectId, eerste); // the first event is the new one, not the start of the log
    }

    [Theory]
    [InlineData("na=gisteren", "na")]
    [InlineData("aantal=veel", "aantal")]
    [InlineData("soort=intake,wandeling", "soort")]
    [InlineData("gemeente=Bergen,Gotham", "gemeente")]
    [InlineData("na=-1", "na")]
    [InlineData("aantal=0", "aantal")]
    [InlineData("aantal=1001", "aantal")]
    [InlineData("soort=wandeling", "soort")]
    [InlineData("gemeente=Gotham", "gemeente")]
    public async Task Bad_feed_queries_are_400(string query, string veld)
    {
        var antwoord = await fixture.Http.HaalAsync($"/api/v1/gebeurtenissen?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Equal(veld, antwoord["invalidParams.0.name"]);
    }
}
