using System.Globalization;
using System.Net;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// Restriction of processing (AVG art. 18): the privacy officer restricts a client's processing with a reason; from the
/// answer on, the back-office feed leaves the client out, while the gemeente's own work goes on; lifting it lets the
/// client's facts through again. And the officer may correct a milestone (art. 16).
/// </summary>
[Collection(SiloCollection.Naam)]
public class BeperkingTests(SiloFixture fixture)
{
    private static string Dag(int dagenTerug) => DateTime.UtcNow.AddDays(-dagenTerug).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(string ClientId, string TrajectId)> ClientAsync(HttpClient km)
    {
        var clientId = (await km.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar", naam = "Beperkt Persoon" }))["clientId"]!;
        var trajectId = (await km.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        return (clientId, trajectId);
    }

    private static async Task<List<string>> TrajectenInFeedAsync(HttpClient ketenpartner, long na) =>
        (await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={na}&aantal=1000&type=nl.participatiewet.traject.mijlpaal-geregistreerd"))
            .Pad("gebeurtenissen")!.AsArray().Select(g => g!["subject"]!.ToString()).ToList();

    [Fact]
    public async Task A_restricted_client_is_left_out_of_the_back_office_feed_until_the_restriction_is_lifted()
    {
        var uniek = Guid.NewGuid().ToString("N")[..6];
        using var km = fixture.Client(SiloFixture.Token("km-" + uniek, [Rollen.Klantmanager], ["Alkmaar"]));
        using var fg = fixture.Client(SiloFixture.Token("fg-" + uniek, [Rollen.Privacyfunctionaris], ["Alkmaar"]));
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-" + uniek, [Rollen.Ketenpartner], ["Alkmaar"], "schuldhulp"));
        var (beperkt, trajectBeperkt) = await ClientAsync(km);
        var (_, trajectAnder) = await ClientAsync(km);
        var begin = (long)(await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?na=nu")).Json!["volgende"]!;

        var zet = await fg.StuurAsync(HttpMethod.Put, $"/api/v1/clienten/{beperkt}/beperking", new { beperkt = true, reden = "Bezwaar tegen gegevensdeling in behandeling" });
        Assert.Equal(HttpStatusCode.OK, zet.Status);
        Assert.Equal(("true", "fg-" + uniek), (zet["beperkt"], zet["door"]));

        // The gemeente's own work goes on; the back office sees only the other client.
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectBeperkt}/mijlpalen", new { soort = "intake", datum = Dag(3) }, "i")).Status);
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectAnder}/mijlpalen", new { soort = "intake", datum = Dag(3) }, "i")).Status);
        var tijdens = await TrajectenInFeedAsync(ketenpartner, begin);
        Assert.Contains(trajectAnder, tijdens);
        Assert.DoesNotContain(trajectBeperkt, tijdens);
        Assert.NotNull((await km.HaalAsync($"/api/v1/clienten/{beperkt}"))["verwerkingBeperktSinds"]); // the klantmanager knows

        // The same again records nothing new; GET says how it stands.
        Assert.Equal(HttpStatusCode.OK, (await fg.StuurAsync(HttpMethod.Put, $"/api/v1/clienten/{beperkt}/beperking", new { beperkt = true, reden = "nogmaals" })).Status);
        var stand = await fg.HaalAsync($"/api/v1/clienten/{beperkt}/beperking");
        Assert.Equal(("true", "Bezwaar tegen gegevensdeling in behandeling"), (stand["beperkt"], stand["reden"]));

        var opgeheven = await fg.StuurAsync(HttpMethod.Put, $"/api/v1/clienten/{beperkt}/beperking", new { beperkt = false, reden = "Bezwaar ongegrond verklaard" });
        Assert.Equal(("false", null), (opgeheven["beperkt"], opgeheven["reden"]));
        Assert.Null((await km.HaalAsync($"/api/v1/clienten/{beperkt}"))["verwerkingBeperktSinds"]);
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectBeperkt}/mijlpalen", new { soort = "diagnose", datum = Dag(1), loonwaarde = 60 }, "d")).Status);
        var erna = await TrajectenInFeedAsync(ketenpartner, begin);
        Assert.Equal(2, erna.Count(t => t == trajectBeperkt)); // what was not yet fetched goes out again, with the new milestone

        var log = (await fg.HaalAsync($"/api/v1/clienten/{beperkt}/inzage")).Pad("verwerkingen")!.AsArray()
            .Select(v => (v!["actor"]!.ToString(), v["actie"]!.ToString(), v["objectSoort"]!.ToString(), v["resultaat"]!.ToString())).ToList();
        Assert.Equal(3, log.Count(r => r == ("fg-" + uniek, "schrijven", "beperking", "toegestaan")));
    }

    [Fact]
    public async Task A_webhook_delivers_nothing_about_a_restricted_client()
    {
        using var km = fixture.Client(SiloFixture.Token("km-w", [Rollen.Klantmanager], ["Schermer"]));
        using var fg = fixture.Client(SiloFixture.Token("fg-w", [Rollen.Privacyfunctionaris], ["Schermer"]));
        using var systeem = fixture.Client(SiloFixture.Token("uwv-w", [Rollen.Ketenpartner], ["Schermer"], "wmo"));
        using var ontvanger = new Ontvanger(weiger: 0);
        async Task<string> TrajectAsync()
        {
            var clientId = (await km.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Schermer" }))["clientId"]!;
            return (await km.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }))["trajectId"]!;
        }

        var beperkt = await TrajectAsync();
        var ander = await TrajectAsync();
        var clientBeperkt = (await km.HaalAsync($"/api/v1/trajecten/{beperkt}"))["clientId"]!;
        Assert.Equal(HttpStatusCode.OK, (await fg.StuurAsync(HttpMethod.Put, $"/api/v1/clienten/{clientBeperkt}/beperking", new { beperkt = true, reden = "bezwaar" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = ontvanger.Url, kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Schermer", soort = "intake" } } },
        })).Status);

        // In log order the restricted client's intake comes first: once the other one's has arrived, it would have too.
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{beperkt}/mijlpalen", new { soort = "intake", datum = Dag(1) }, "i")).Status);
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{ander}/mijlpalen", new { soort = "intake", datum = Dag(1) }, "i")).Status);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ontvanger.Ontvangen.Any(n => n.Body["hoofdObject"]!.ToString().EndsWith(ander, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "Na 30 s nog geen notificatie over het andere traject");
            await Task.Delay(50);
        }

        Assert.DoesNotContain(ontvanger.Ontvangen, n => n.Body["hoofdObject"]!.ToString().EndsWith(beperkt, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_restrictions_are_refused_and_change_nothing()
    {
        using var km = fixture.Client(SiloFixture.Token("km-b", [Rollen.Klantmanager], ["Alkmaar"]));
        using var fg = fixture.Client(SiloFixture.Token("fg-b", [Rollen.Privacyfunctionaris], ["Alkmaar"]));
        using var bergen = fixture.Client(SiloFixture.Token("fg-bergen", [Rollen.Privacyfunctionaris], ["Bergen"]));
        var (clientId, _) = await ClientAsync(km);
        var pad = $"/api/v1/clienten/{clientId}/beperking";

        var zonder = await fg.StuurAsync(HttpMethod.Put, pad, new { beperkt = true });
        Assert.Equal((HttpStatusCode.BadRequest, "reden"), (zonder.Status, zonder["invalidParams.0.name"]));
        var fout = await fg.StuurAsync(HttpMethod.Put, pad, ruweBody: """{"beperkt":"ja","reden":"x","tot":"2027-01-01"}""");
        Assert.Equal(HttpStatusCode.BadRequest, fout.Status);
        Assert.Equal(["beperkt", "tot"], fout.Pad("invalidParams")!.AsArray().Select(p => p!["name"]!.ToString()).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.StuurAsync(HttpMethod.Put, pad, new { beperkt = true, reden = "x" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fg.StuurAsync(HttpMethod.Put, "/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa/beperking", new { beperkt = true, reden = "x" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await km.StuurAsync(HttpMethod.Put, pad, new { beperkt = true, reden = "x" })).Status);
        Assert.Equal("false", (await fg.HaalAsync(pad))["beperkt"]);
        Assert.Null((await km.HaalAsync($"/api/v1/clienten/{clientId}"))["verwerkingBeperktSinds"]);
    }

    [Fact]
    public async Task The_privacy_officer_may_correct_a_milestone()
    {
        using var km = fixture.Client(SiloFixture.Token("km-c", [Rollen.Klantmanager], ["Alkmaar"]));
        using var fg = fixture.Client(SiloFixture.Token("fg-c", [Rollen.Privacyfunctionaris], ["Alkmaar"]));
        var (_, trajectId) = await ClientAsync(km);
        var intake = (await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(5) }, "i"))["mijlpaalId"]!;

        var correctie = await fg.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen/{intake}/correcties",
            new { reden = "Verzoek tot rectificatie: intake was een dag later", datum = Dag(4) }, "fg-1");
        Assert.Equal(HttpStatusCode.Created, correctie.Status);
        Assert.Equal(Dag(4), (await km.HaalAsync($"/api/v1/trajecten/{trajectId}"))["mijlpalen.0.datum"]);
    }
}
