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
        var clientId = (await fixture.Http.PostAsync2("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente }))["clientId"]!;
        var trajectId = (await fixture.Http.PostAsync2($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        var i = 0;
        foreach (var mijlpaal in mijlpalen)
        {
            Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsync2($"/api/v1/trajecten/{trajectId}/mijlpalen", mijlpaal, "k" + i++)).Status);
        }

        return (clientId, trajectId);
    }

    private static async Task<List<JsonNode>> AllesAsync(HttpClient http, string query, int pagina)
    {
        var alles = new List<JsonNode>();
        long na = 0;
        while (true)
        {
            var antwoord = await http.GetAsync2($"/api/v1/gebeurtenissen?na={na}&aantal={pagina}{query}");
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

        var vanCastricum = alles.Where(g => g["data"]!["trajectId"]!.ToString() == castricum.TrajectId).ToList();
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
        var rest = (await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={vanaf}&aantal=1000")).Pad("gebeurtenissen")!.AsArray();
        Assert.Equal(posities.Where(p => p > vanaf), rest.Select(g => long.Parse(g!["sequence"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)));

        var alleenBergen = await AllesAsync(ketenpartner, "&gemeente=bergen", pagina: 50);
        Assert.All(alleenBergen, g => Assert.Equal("Bergen", g["data"]!["gemeente"]!.ToString()));
        Assert.Contains(alleenBergen, g => g["data"]!["trajectId"]!.ToString() == bergen.TrajectId);
        var alleenDiagnoses = await AllesAsync(ketenpartner, "&soort=diagnose", pagina: 50);
        Assert.All(alleenDiagnoses, g => Assert.Equal("diagnose", g["data"]!["soort"]!.ToString()));
    }

    [Fact]
    public async Task A_ketenpartner_of_one_gemeente_reads_only_that_gemeente()
    {
        await TrajectAsync("Heiloo", new { soort = "intake", datum = Vandaag });
        using var heiloo = fixture.Client(SiloFixture.Token("heiloo-systeem", [Rollen.Ketenpartner], ["Heiloo"], "wmo"));
        Assert.All(await AllesAsync(heiloo, "", pagina: 100), g => Assert.Equal("Heiloo", g["data"]!["gemeente"]!.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await heiloo.GetAsync2("/api/v1/gebeurtenissen?gemeente=Alkmaar")).Status);
    }

    [Fact]
    public async Task Filters_take_several_values_and_volgende_moves_past_what_they_skip()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-filters", [Rollen.Ketenpartner], [Claims.Regio], "schuldhulp"));
        var begin = (long)(await ketenpartner.GetAsync2("/api/v1/gebeurtenissen?na=nu")).Json!["volgende"]!;
        Assert.Empty((await ketenpartner.GetAsync2("/api/v1/gebeurtenissen?na=nu")).Pad("gebeurtenissen")!.AsArray());

        var uitgeest = await TrajectAsync("Castricum", new { soort = "intake", datum = Vandaag }, new { soort = "diagnose", datum = Vandaag, loonwaarde = 60 },
            new { soort = "beeindigd", datum = Vandaag, reden = "overig" });
        await TrajectAsync("Bergen", new { soort = "intake", datum = Vandaag });

        var twee = await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={begin}&soort=intake,beeindigd&gemeente=Castricum");
        Assert.Equal(["intake", "beeindigd"], twee.Pad("gebeurtenissen")!.AsArray().Select(g => g!["data"]!["soort"]!.ToString()));
        var herhaald = await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={begin}&soort=intake&soort=beeindigd&gemeente=Castricum,Bergen");
        Assert.Equal(3, herhaald.Pad("gebeurtenissen")!.AsArray().Count);

        // A filter that matches nothing still moves the cursor to the head: the next poll does not rescan.
        var niets = await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={begin}&gemeente=Schermer&soort=plaatsing");
        Assert.Empty(niets.Pad("gebeurtenissen")!.AsArray());
        var kop = (long)niets.Json!["volgende"]!;
        Assert.True(kop >= begin + 4, $"volgende {kop} bleef achter bij de vier nieuwe mijlpalen na {begin}");
        Assert.Contains(uitgeest.TrajectId, (await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={begin}&gemeente=Castricum")).Tekst);

        // A full page ends at its last event.
        var vol = await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={begin}&aantal=2");
        Assert.Equal(vol.Pad("gebeurtenissen.1.sequence")!.ToString(), vol["volgende"]);

        // Past the head is refused, saying where the head is.
        var voorbij = await ketenpartner.GetAsync2($"/api/v1/gebeurtenissen?na={kop + 1000}");
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
        var antwoord = await fixture.Http.GetAsync2($"/api/v1/gebeurtenissen?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Equal(veld, antwoord["invalidParams.0.name"]);
    }
}
