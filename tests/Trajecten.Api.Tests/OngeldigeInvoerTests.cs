using System.Net;
using System.Net.Http.Headers;

namespace Trajecten.Api.Tests;

/// <summary>
/// Bad input of every kind: a clear 4xx problem (checked in StuurAsync: problem+json, status, title,
/// detail, never 500), the field named where there is one, and nothing recorded.
/// </summary>
[Collection(SiloCollection.Naam)]
public class OngeldigeInvoerTests(SiloFixture fixture) : IAsyncLifetime
{
    private string _clientId = "";
    private string _trajectId = "";
    private static readonly string Morgen = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
    private static readonly string Gisteren = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
    private static readonly string GeldigBsnInFouteVerzoeken = TestBsn.Nieuw();

    public async Task InitializeAsync()
    {
        _clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Langedijk" }))["clientId"]!;
        _trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{_clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string, int, string?> Mijlpalen => new()
    {
        // name, body, Idempotency-Key ("" = none), expected status, expected field
        { "malformed JSON", "{\"soort\":", "k", 400, "body" },
        { "array body", "[]", "k", 400, "body" },
        { "string body", "\"intake\"", "k", 400, "body" },
        { "empty body", "", "k", 400, "body" },
        { "empty object", "{}", "k", 400, "soort" },
        { "nulls", "{\"soort\":null,\"datum\":null}", "k", 400, "datum" },
        { "wrong types", "{\"soort\":1,\"datum\":true}", "k", 400, "datum" },
        { "unknown soort", "{\"soort\":\"wandeling\",\"datum\":\"2026-01-01\"}", "k", 400, "soort" },
        { "impossible date", "{\"soort\":\"intake\",\"datum\":\"2026-13-45\"}", "k", 400, "datum" },
        { "date with time", "{\"soort\":\"intake\",\"datum\":\"2026-01-01T10:00:00Z\"}", "k", 400, "datum" },
        { "future date", $"{{\"soort\":\"intake\",\"datum\":\"{Morgen}\"}}", "k", 400, "datum" },
        { "loonwaarde out of range", $"{{\"soort\":\"diagnose\",\"datum\":\"{Gisteren}\",\"loonwaarde\":150}}", "k", 400, "loonwaarde" },
        { "loonwaarde as text", $"{{\"soort\":\"diagnose\",\"datum\":\"{Gisteren}\",\"loonwaarde\":\"60\"}}", "k", 400, "loonwaarde" },
        { "diagnose without loonwaarde", $"{{\"soort\":\"diagnose\",\"datum\":\"{Gisteren}\"}}", "k", 400, "loonwaarde" },
        { "loonwaarde and zorg", $"{{\"soort\":\"diagnose\",\"datum\":\"{Gisteren}\",\"loonwaarde\":10,\"zorg\":true}}", "k", 400, "zorg" },
        { "unknown instrument", $"{{\"soort\":\"plan\",\"datum\":\"{Gisteren}\",\"instrumenten\":[\"scholing\",\"toveren\"]}}", "k", 400, "instrumenten[1]" },
        { "instrumenten not a list", $"{{\"soort\":\"plan\",\"datum\":\"{Gisteren}\",\"instrumenten\":\"scholing\"}}", "k", 400, "instrumenten" },
        { "kvk malformed", $"{{\"soort\":\"plaatsing\",\"datum\":\"{Gisteren}\",\"kvkNummer\":\"123\"}}", "k", 400, "kvkNummer" },
        { "kvk unknown", $"{{\"soort\":\"plaatsing\",\"datum\":\"{Gisteren}\",\"kvkNummer\":\"00000001\"}}", "k", 409, null },
        { "detail of another soort", $"{{\"soort\":\"intake\",\"datum\":\"{Gisteren}\",\"locatie\":\"x\"}}", "k", 400, "locatie" },
        { "reden on intake", $"{{\"soort\":\"intake\",\"datum\":\"{Gisteren}\",\"reden\":\"werk\"}}", "k", 400, "reden" },
        { "unknown uitstroom reden", $"{{\"soort\":\"uitstroom\",\"datum\":\"{Gisteren}\",\"reden\":\"loterij\"}}", "k", 400, "reden" },
        { "locatie too long", $"{{\"soort\":\"leerwerkbedrijf\",\"datum\":\"{Gisteren}\",\"locatie\":\"{new string('x', 300)}\"}}", "k", 400, "locatie" },
        { "control characters", $"{{\"soort\":\"leerwerkbedrijf\",\"datum\":\"{Gisteren}\",\"locatie\":\"a\\u0000b\"}}", "k", 400, "locatie" },
        { "deep nesting", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}", "k", 400, "body" },
        { "uitstroom before intake", $"{{\"soort\":\"uitstroom\",\"datum\":\"{Gisteren}\",\"reden\":\"werk\"}}", "k", 409, null },
        { "plan before diagnose", $"{{\"soort\":\"plan\",\"datum\":\"{Gisteren}\",\"instrumenten\":[\"scholing\"]}}", "k", 409, null },
        { "no Idempotency-Key", $"{{\"soort\":\"intake\",\"datum\":\"{Gisteren}\"}}", "", 400, "Idempotency-Key" },
        { "Idempotency-Key too long", $"{{\"soort\":\"intake\",\"datum\":\"{Gisteren}\"}}", new string('k', 201), 400, "Idempotency-Key" },
    };

    [Theory]
    [MemberData(nameof(Mijlpalen))]
    public async Task Bad_milestones_are_refused_and_record_nothing(string naam, string body, string sleutel, int status, string? veld)
    {
        // Every case starts from fase aangemeld, so "kvk unknown" meets the state machine first (409);
        // the unknown employer after an intake is its own test below.
        var antwoord = await fixture.Http.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{_trajectId}/mijlpalen",
            ruweBody: body, idempotencyKey: sleutel.Length == 0 ? null : sleutel);

        Assert.True(status == (int)antwoord.Status, $"{naam}: {(int)antwoord.Status} {antwoord.Tekst}");
        if (veld is not null)
        {
            Assert.Contains(antwoord.Pad("invalidParams")!.AsArray(), p => p!["name"]!.ToString() == veld);
        }

        Assert.Empty((await fixture.Http.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen")).Pad("mijlpalen")!.AsArray());
    }

    [Fact]
    public async Task A_placement_with_an_unknown_employer_after_intake_is_a_400_on_kvkNummer()
    {
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen", new { soort = "intake", datum = Gisteren }, "i");
        var antwoord = await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen",
            new { soort = "plaatsing", datum = Gisteren, kvkNummer = "00000001" }, "p");
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Equal("kvkNummer", antwoord["invalidParams.0.name"]);
        Assert.Single((await fixture.Http.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen")).Pad("mijlpalen")!.AsArray());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_conflict_and_keeps_one_milestone()
    {
        var eerste = await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen", new { soort = "intake", datum = Gisteren }, "dubbel");
        var anders = await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen",
            new { soort = "intake", datum = DateTime.UtcNow.ToString("yyyy-MM-dd") }, "dubbel");

        Assert.Equal(HttpStatusCode.Created, eerste.Status);
        Assert.Equal(HttpStatusCode.Conflict, anders.Status);
        Assert.Contains("Idempotency-Key", anders["detail"]);
        Assert.Single((await fixture.Http.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen")).Pad("mijlpalen")!.AsArray());
    }

    public static TheoryData<string, string, string, int, string?> Clienten => new()
    {
        { "BSN fails elfproef", "{\"bsn\":\"123456789\",\"gemeente\":\"Alkmaar\"}", "/api/v1/clienten", 400, "bsn" },
        { "BSN as number", "{\"bsn\":111222333,\"gemeente\":\"Alkmaar\"}", "/api/v1/clienten", 400, "bsn" },
        { "BSN missing", "{\"gemeente\":\"Alkmaar\"}", "/api/v1/clienten", 400, "bsn" },
        { "gemeente missing", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\"}}", "/api/v1/clienten", 400, "gemeente" },
        { "gemeente outside the region", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"gemeente\":\"Amsterdam\"}}", "/api/v1/clienten", 400, "gemeente" },
        { "born tomorrow", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"gemeente\":\"Alkmaar\",\"geboortedatum\":\"{Morgen}\"}}", "/api/v1/clienten", 400, "geboortedatum" },
        { "naam too long", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"gemeente\":\"Alkmaar\",\"naam\":\"{new string('n', 201)}\"}}", "/api/v1/clienten", 400, "naam" },
        { "unknown field (a typo)", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"gemeente\":\"Alkmaar\",\"geboorteDatum\":\"1990-01-01\"}}", "/api/v1/clienten", 400, "geboorteDatum" },
        { "klantmanager not text", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"gemeente\":\"Alkmaar\",\"klantmanager\":{{}}}}", "/api/v1/clienten", 400, "klantmanager" },
        { "search with invalid BSN", "{\"bsn\":\"12\"}", "/api/v1/clienten/_zoek", 400, "bsn" },
        { "traject soort unknown", "{\"soort\":\"vakantie\"}", "/api/v1/clienten/{C}/trajecten", 400, "soort" },
        { "traject on unknown client", "{\"soort\":\"participatie\"}", "/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa/trajecten", 404, null },
        { "traject on malformed client id", "{\"soort\":\"participatie\"}", "/api/v1/clienten/..%2F..%2Fetc/trajecten", 404, null },
        { "signal with unknown domein", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"domein\":\"politie\",\"soort\":\"melding\",\"datum\":\"{Gisteren}\",\"bron\":{{\"organisatie\":\"x\"}},\"contactpersoon\":{{\"naam\":\"y\"}}}}", "/api/v1/signalen", 400, "domein" },
        { "signal soort of another domein", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"domein\":\"wmo\",\"soort\":\"schuldregeling\",\"datum\":\"{Gisteren}\",\"bron\":{{\"organisatie\":\"x\"}},\"contactpersoon\":{{\"naam\":\"y\"}}}}", "/api/v1/signalen", 400, "soort" },
        { "signal without contactpersoon.naam", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"domein\":\"wmo\",\"soort\":\"melding\",\"datum\":\"{Gisteren}\",\"bron\":{{\"organisatie\":\"x\"}},\"contactpersoon\":{{}}}}", "/api/v1/signalen", 400, "contactpersoon.naam" },
        { "signal with bad email", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"domein\":\"wmo\",\"soort\":\"melding\",\"datum\":\"{Gisteren}\",\"bron\":{{\"organisatie\":\"x\"}},\"contactpersoon\":{{\"naam\":\"y\",\"email\":\"geen-adres\"}}}}", "/api/v1/signalen", 400, "contactpersoon.email" },
        { "signal bron not an object", $"{{\"bsn\":\"{GeldigBsnInFouteVerzoeken}\",\"domein\":\"wmo\",\"soort\":\"melding\",\"datum\":\"{Gisteren}\",\"bron\":\"x\",\"contactpersoon\":{{\"naam\":\"y\"}}}}", "/api/v1/signalen", 400, "bron" },
        { "vacature with zero places", "{\"titel\":\"x\",\"aantal\":0}", "/api/v1/werkgevers/00000002/vacatures", 400, "aantal" },
        { "vacature with fractional places", "{\"titel\":\"x\",\"aantal\":1.5}", "/api/v1/werkgevers/00000002/vacatures", 400, "aantal" },
        { "vacature at an unknown employer", "{\"titel\":\"x\",\"aantal\":1}", "/api/v1/werkgevers/00000002/vacatures", 404, null },
        { "vacature at a malformed kvk", "{\"titel\":\"x\",\"aantal\":1}", "/api/v1/werkgevers/12ab/vacatures", 400, "kvkNummer" },
    };

    [Theory]
    [MemberData(nameof(Clienten))]
    public async Task Bad_posts_elsewhere_are_refused(string naam, string body, string pad, int status, string? veld)
    {
        var antwoord = await fixture.Http.StuurAsync(HttpMethod.Post, pad.Replace("{C}", _clientId, StringComparison.Ordinal),
            ruweBody: body, idempotencyKey: "sleutel-1");

        Assert.True(status == (int)antwoord.Status, $"{naam}: {(int)antwoord.Status} {antwoord.Tekst}");
        if (veld is not null)
        {
            Assert.Contains(antwoord.Pad("invalidParams")!.AsArray(), p => p!["name"]!.ToString() == veld);
        }

        // Nothing was recorded for the valid BSN used in the bad requests.
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = GeldigBsnInFouteVerzoeken })).Status);
    }

    [Fact]
    public async Task A_400_lists_every_problem_at_once()
    {
        var antwoord = await fixture.Http.StuurAsync(HttpMethod.Post, "/api/v1/clienten",
            ruweBody: $"{{\"bsn\":\"1\",\"gemeente\":\"Gotham\",\"geboortedatum\":\"gisteren\",\"naam\":42}}");
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Equal(["bsn", "gemeente", "naam", "geboortedatum"], antwoord.Pad("invalidParams")!.AsArray().Select(p => p!["name"]!.ToString()));
        Assert.StartsWith("4 problemen", antwoord["detail"]);
    }

    [Fact]
    public async Task A_signal_key_reused_for_another_signal_is_a_conflict()
    {
        var bsn = TestBsn.Nieuw();
        object Signaal(string soort) => new
        {
            bsn, domein = "wmo", soort, datum = Gisteren, bron = new { organisatie = "Wmo-loket" }, contactpersoon = new { naam = "J. Mol" },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.VerstuurAsync("/api/v1/signalen", Signaal("melding"), "wmo-1")).Status);
        var conflict = await fixture.Http.VerstuurAsync("/api/v1/signalen", Signaal("onderzoek"), "wmo-1");
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Http.VerstuurAsync("/api/v1/signalen", Signaal("melding"))).Status);
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("application/xml", 415)]
    [InlineData("application/json", 201)]
    public async Task Only_json_is_accepted(string contentType, int status)
    {
        var antwoord = await fixture.Http.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{_clientId}/trajecten",
            ruweBody: "{\"soort\":\"participatie\"}", contentType: contentType);
        Assert.Equal(status, (int)antwoord.Status);
    }

    [Fact]
    public async Task An_oversized_body_is_413_with_or_without_content_length()
    {
        var groot = "{\"soort\":\"intake\",\"datum\":\"2026-01-01\",\"locatie\":\"" + new string('x', 70_000) + "\"}";
        var metLengte = await fixture.Http.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{_trajectId}/mijlpalen", ruweBody: groot, idempotencyKey: "groot");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, metLengte.Status);

        using var verzoek = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/trajecten/{_trajectId}/mijlpalen");
        verzoek.Headers.TransferEncodingChunked = true;
        verzoek.Headers.Add("Idempotency-Key", "groot-chunked");
        verzoek.Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(groot)));
        verzoek.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var chunked = await Antwoord.VanAsync(await fixture.Http.SendAsync(verzoek));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.Status);
        HttpExtensions.AssertProbleem(chunked);

        Assert.Empty((await fixture.Http.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen")).Pad("mijlpalen")!.AsArray());
    }

    [Theory]
    [InlineData("GET", "/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa", 404)]
    [InlineData("GET", "/api/v1/clienten/111222333", 404)]
    [InlineData("GET", "/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa/klantbeeld", 404)]
    [InlineData("GET", "/api/v1/trajecten/tr-aaaaaaaaaaaaaaaaaaaaaaaaaa", 404)]
    [InlineData("GET", "/api/v1/trajecten/%2B%2B%2B", 404)]
    [InlineData("GET", "/api/v1/trajecten/tr-aaaaaaaaaaaaaaaaaaaaaaaaaa/mijlpalen", 404)]
    [InlineData("GET", "/api/v1/werkgevers/00000003", 404)]
    [InlineData("GET", "/api/v1/werkgevers/abc", 400)]
    [InlineData("GET", "/api/v1/bestaat-niet", 404)]
    [InlineData("GET", "/api/v1/clienten/", 404)]
    [InlineData("DELETE", "/api/v1/clienten", 405)]
    [InlineData("GET", "/api/v1/signalen", 405)]
    public async Task Unknown_and_malformed_paths_are_problems(string methode, string pad, int status)
    {
        var antwoord = await fixture.Http.StuurAsync(new HttpMethod(methode), pad);
        Assert.Equal(status, (int)antwoord.Status);
    }
}
