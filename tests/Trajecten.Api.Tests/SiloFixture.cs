using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Trajecten.Api.Autorisatie;
using Trajecten.Silo;

namespace Trajecten.Api.Tests;

/// <summary>
/// The real host (silo + API + metrics) on loopback Kestrel with free ports, shared by the collection.
/// Every log line is kept so tests can check what was written.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    public const string Sleutel = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string Hoofdsleutel = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

    private WebApplication _app = null!;
    public HttpClient Http { get; private set; } = null!;
    /// <summary>Every log record, as a sink would receive it: level, category, message, structured values and exception.</summary>
    public IEnumerable<string> Logregels => _app.Services.GetFakeLogCollector().GetSnapshot()
        .Select(r => $"{r.Level} {r.Category}: {r.Message} [{string.Join(";", (r.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))}] {r.Exception}");

    /// <summary>Measurements of one of the silo's instruments from now on.</summary>
    public MetricCollector<T> Meet<T>(string meter, string instrument) where T : struct =>
        new(_app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), meter, instrument);

    /// <summary>
    /// A host of its own (in memory, loopback Kestrel and free silo ports, an own cluster), for a test that needs settings
    /// the shared one does not have; not started.
    /// </summary>
    public static WebApplication EigenHost(string naam, IDictionary<string, string?> instellingen, Action<WebApplicationBuilder>? meer = null) =>
        TrajectenHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Silo:SiloPort"] = VrijePoort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Silo:GatewayPort"] = VrijePoort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Silo:ClusterId"] = $"{naam}-{Guid.NewGuid().ToString("N")[..8]}",
            }).AddInMemoryCollection(instellingen);
            meer?.Invoke(builder);
        });

    /// <summary>Where a started host's API listens.</summary>
    public static Uri AdresVan(WebApplication app) => new(app.Urls.First());

    public async Task InitializeAsync()
    {
        _app = EigenHost("api-tests", new Dictionary<string, string?>
        {
                ["Pseudonimisering:Sleutel"] = Sleutel,
                ["Authenticatie:OntwikkelSleutel"] = TokenSleutel,
                ["Authenticatie:MislukteAanmeldingenPerMinuut"] = "100000", // the tests send forged tokens on purpose; the limit has its own test
                ["Authenticatie:VerzoekenPerMinuut"] = "100000", // one test identity polls the feed and the klantbeeld far more often than a person would
                ["Api:StroomHartslag"] = "00:00:01",
                ["Silo:Dashboard"] = "true", // off by default; on here so that its sign-in and authorisation are tested
                ["Kengetallen:Verversing"] = "00:00:01",
                ["Grenzen:AbonnementenPerEigenaar"] = "5",
                ["Api:StromenPerSilo"] = "12",
                ["Grenzen:SignalenPerPersoon"] = "20",
                ["Grenzen:TrajectenPerClient"] = "6",
                ["Abonnementen:Peilinterval"] = "00:00:00.100",
                ["Abonnementen:BasisWachttijd"] = "00:00:00.050",
                ["Abonnementen:FalendNa"] = "3",
                ["Abonnementen:ToegestaneDoelen:0"] = "127.0.0.1/32", // the test receivers listen on loopback
        }, builder =>
        {
            builder.Logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Testing.FakeLoggerProvider>(null, LogLevel.Debug);
        });
        // Outside the API: lets a test see what an unexpected failure (500) and an unavailable cluster (503) answer.
        _app.MapGet("/test/fout/{soort}", string (string soort) => throw (soort == "503"
            ? new TimeoutException("test: cluster antwoordt niet")
            : new InvalidOperationException("test: onverwachte fout")));
        await _app.StartAsync();
        Adres = AdresVan(_app);
        Http = Client(Token("test-alles", Rollen.Alle.Where(r => r != Rollen.Ketenpartner), [Claims.Regio]));
    }

    public const string TokenSleutel = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    public Uri Adres { get; private set; } = null!;

    public static string Token(string subject, IEnumerable<string> rollen, IEnumerable<string> gemeenten, string? domein = null) =>
        TokenUitgifte.Maak(Convert.FromBase64String(TokenSleutel), "trajecten-api", subject, rollen, gemeenten, domein,
            TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

    /// <summary>A client that sends this token (or none).</summary>
    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = Adres };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public IServiceProvider Services => _app.Services;

    public static int VrijePoort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Naam)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Naam = "silo";
}

/// <summary>A response read once: status, headers and the JSON body.</summary>
public sealed record Antwoord(HttpStatusCode Status, HttpResponseMessage Bericht, JsonNode? Json, string Tekst)
{
    public string? ContentType => Bericht.Content.Headers.ContentType?.MediaType;
    public string? this[string pad] => Pad(pad)?.ToString();

    public JsonNode? Pad(string pad)
    {
        JsonNode? knoop = Json;
        foreach (var deel in pad.Split('.'))
        {
            knoop = int.TryParse(deel, out var i) ? knoop?.AsArray()[i] : knoop?[deel];
        }

        return knoop;
    }

    public static async Task<Antwoord> VanAsync(HttpResponseMessage bericht)
    {
        var tekst = await bericht.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = tekst.Length > 0 ? JsonNode.Parse(tekst) : null;
        }
        catch (JsonException)
        {
        }

        return new Antwoord(bericht.StatusCode, bericht, json, tekst);
    }
}

public static class Wacht
{
    /// <summary>Asks until the answer is as expected, failing with the last answer after the deadline. Never a fixed sleep.</summary>
    public static async Task<Antwoord> TotAsync(Func<Task<Antwoord>> vraag, Func<Antwoord, bool> voorwaarde, string wat, int seconden = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        while (true)
        {
            var antwoord = await vraag();
            if (voorwaarde(antwoord))
            {
                return antwoord;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Na {seconden} s nog niet: {wat}. Laatste antwoord: {antwoord.Status} {antwoord.Tekst}");
            await Task.Delay(25);
        }
    }

    /// <summary>Reads until the value is as expected, failing after the deadline.</summary>
    public static async Task<T> TotAsync<T>(Func<Task<T>> lees, Func<T, bool> voorwaarde, string wat, int seconden = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        while (true)
        {
            var waarde = await lees();
            if (voorwaarde(waarde))
            {
                return waarde;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Na {seconden} s nog niet: {wat}.");
            await Task.Delay(25);
        }
    }
}

public static class HttpExtensions
{
    public static async Task<Antwoord> StuurAsync(this HttpClient http, HttpMethod methode, string pad, object? body = null,
        string? idempotencyKey = null, string? ruweBody = null, string contentType = "application/json", string? ifMatch = null,
        string? accept = null)
    {
        using var verzoek = new HttpRequestMessage(methode, pad);
        if (accept is not null)
        {
            verzoek.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifMatch is not null)
        {
            verzoek.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ruweBody is not null)
        {
            verzoek.Content = new StringContent(ruweBody, System.Text.Encoding.UTF8);
            verzoek.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        else if (body is not null)
        {
            verzoek.Content = JsonContent.Create(body);
        }

        if (idempotencyKey is not null)
        {
            verzoek.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        var antwoord = await Antwoord.VanAsync(await http.SendAsync(verzoek));
        Assert.Equal("1.0.0", antwoord.Bericht.Headers.TryGetValues("API-Version", out var v) ? v.Single() : null);
        Assert.NotEqual(HttpStatusCode.InternalServerError, antwoord.Status);
        if ((int)antwoord.Status >= 400)
        {
            AssertProbleem(antwoord);
        }

        Contract.Controleer(methode, pad, antwoord);
        return antwoord;
    }

    public static Task<Antwoord> HaalAsync(this HttpClient http, string pad) => http.StuurAsync(HttpMethod.Get, pad);
    public static Task<Antwoord> VerstuurAsync(this HttpClient http, string pad, object body, string? sleutel = null) =>
        http.StuurAsync(HttpMethod.Post, pad, body, sleutel);

    /// <summary>Every error is application/problem+json with status, title and detail.</summary>
    public static void AssertProbleem(Antwoord antwoord)
    {
        Assert.Equal("application/problem+json", antwoord.ContentType);
        Assert.Equal((int)antwoord.Status, (int)antwoord.Json!["status"]!);
        Assert.False(string.IsNullOrWhiteSpace(antwoord["title"]));
        Assert.False(string.IsNullOrWhiteSpace(antwoord["detail"]));
    }
}
