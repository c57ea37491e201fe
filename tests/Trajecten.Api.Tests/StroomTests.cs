using System.Net;
using System.Text.Json.Nodes;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

[Collection(SiloCollection.Naam)]
public class StroomTests(SiloFixture fixture)
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd");

    /// <summary>Reads SSE events (id, data) until <paramref name="klaar"/> says enough, with a deadline.</summary>
    private static async Task<(List<(long Id, JsonNode Data)> Events, HttpResponseMessage Antwoord)> LeesAsync(
        HttpClient http, string pad, string? laatsteId, Func<List<(long Id, JsonNode Data)>, bool> klaar, Func<Task>? zodraOpen = null)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var verzoek = new HttpRequestMessage(HttpMethod.Get, pad);
        if (laatsteId is not null)
        {
            verzoek.Headers.Add("Last-Event-ID", laatsteId);
        }

        var antwoord = await http.SendAsync(verzoek, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        Assert.Equal(HttpStatusCode.OK, antwoord.StatusCode);
        Assert.Equal("text/event-stream", antwoord.Content.Headers.ContentType?.MediaType);
        using var lezer = new StreamReader(await antwoord.Content.ReadAsStreamAsync(stop.Token));
        if (zodraOpen is not null)
        {
            await zodraOpen();
        }

        var events = new List<(long, JsonNode)>();
        long? id = null;
        string? data = null;
        while (!klaar(events))
        {
            var regel = await lezer.ReadLineAsync(stop.Token) ?? throw new InvalidOperationException("stroom gesloten");
            if (regel.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(regel[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (regel.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = regel[6..];
            }
            else if (regel.Length == 0 && id is not null && data is not null)
            {
                events.Add((id.Value, JsonNode.Parse(data)!));
                (id, data) = (null, null);
            }
        }

        return (events, antwoord);
    }

    [Fact]
    public async Task The_stream_delivers_live_and_resumes_after_Last_Event_ID_without_gaps_or_repeats()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("stroom", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        var start = (long)(await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?aantal=1000&na=0")).Json!["volgende"]!;
        while (true)
        {
            var verder = (long)(await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?aantal=1000&na={start}")).Json!["volgende"]!;
            if (verder == start)
            {
                break;
            }

            start = verder;
        }

        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Schermer" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }))["trajectId"]!;
        bool VanOns(JsonNode e) => e["data"]!["trajectId"]!.ToString() == trajectId;
        const string Mijlpalen = "type=nl.participatiewet.traject.mijlpaal-geregistreerd";

        // Connected first; the milestones are recorded while the stream is open.
        var (eerste, antwoord) = await LeesAsync(ketenpartner, $"/api/v1/gebeurtenissen/stream?na={start}&{Mijlpalen}", null,
            events => events.Count(e => VanOns(e.Data)) >= 2,
            async () =>
            {
                await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "s1");
                await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Vandaag, zorg = true }, "s2");
                await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "beeindigd", datum = Vandaag, reden = "overig" }, "s3");
            });
        Assert.Equal("1.0.0", antwoord.Headers.GetValues("API-Version").Single());
        antwoord.Dispose();
        Assert.Equal(eerste.Select(e => e.Id).Order(), eerste.Select(e => e.Id));
        Assert.Equal(eerste.Select(e => e.Id).Distinct().Count(), eerste.Count);
        var tweede = eerste.Where(e => VanOns(e.Data)).ElementAt(1);

        // Reconnect after the second of ours: the next event is exactly the one after it.
        var (vervolg, tweedeAntwoord) = await LeesAsync(ketenpartner, "/api/v1/gebeurtenissen/stream?" + Mijlpalen, tweede.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            events => events.Any(e => VanOns(e.Data)));
        tweedeAntwoord.Dispose();
        Assert.Equal(tweede.Id + 1, vervolg[0].Id);
        var derde = vervolg.First(e => VanOns(e.Data));
        Assert.Equal(3, (int)derde.Data["data"]!["volgnummer"]!);
        Assert.Equal("beeindigd", derde.Data["data"]!["soort"]!.ToString());
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeats()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("stroom", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var antwoord = await ketenpartner.GetAsync("/api/v1/gebeurtenissen/stream?na=nu", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        using var lezer = new StreamReader(await antwoord.Content.ReadAsStreamAsync(stop.Token));
        string? regel;
        while ((regel = await lezer.ReadLineAsync(stop.Token)) != ": hartslag")
        {
            Assert.NotNull(regel);
        }
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_a_400_problem()
    {
        using var ketenpartner = fixture.Client(SiloFixture.Token("stroom", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        using var verzoek = new HttpRequestMessage(HttpMethod.Get, "/api/v1/gebeurtenissen/stream");
        verzoek.Headers.Add("Last-Event-ID", "gisteren");
        var antwoord = await Antwoord.VanAsync(await ketenpartner.SendAsync(verzoek));
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        HttpExtensions.AssertProbleem(antwoord);
    }
}
