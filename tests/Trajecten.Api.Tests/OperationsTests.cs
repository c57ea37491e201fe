using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

[Collection(SiloCollection.Naam)]
public class OperationsTests(SiloFixture fixture)
{
    [Fact]
    public async Task The_landing_document_links_to_the_resources_and_the_openapi_document()
    {
        var landing = await fixture.Http.HaalAsync("/api/v1");
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Equal("/api/v1/openapi.json", landing["links.openapi.href"]);
        Assert.Equal("1.0.0", landing["versie"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_exactly_the_mapped_endpoints()
    {
        var document = await fixture.Http.HaalAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        Assert.Equal("*", document.Bericht.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.StartsWith("3.", document["openapi"]);
        Assert.Equal(Trajecten.Api.ApiVersie.Volledig, document["info.version"]);
        Assert.Equal("/api/v1", document["servers.0.url"]);

        var gedocumenteerd = document.Pad("paths")!.AsObject()
            .SelectMany(pad => pad.Value!.AsObject()
                .Where(m => m.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(m => $"{m.Key.ToUpperInvariant()} /api/v1{(pad.Key == "/" ? "" : pad.Key)}"))
            .Order().ToArray();
        var gemapt = fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order().ToArray();
        Assert.Equal(gemapt, gedocumenteerd);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        var live = await fixture.Http.HaalAsync("/health/live");
        var ready = await fixture.Http.HaalAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", ready["checks.cluster.status"]);
    }

    [Fact]
    public async Task Metrics_expose_domain_orleans_and_http_figures()
    {
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Schermer" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" }))["trajectId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = DateTime.UtcNow.ToString("yyyy-MM-dd") }, "m");
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen",
            new { soort = "beeindigd", datum = DateTime.UtcNow.ToString("yyyy-MM-dd"), reden = "verhuisd" }, "b");

        // Per process: Orleans and HTTP (the exporter caches a scrape briefly, so poll with a deadline).
        var metrics = await Wacht.TotAsync(() => fixture.Http.HaalAsync("/metrics"),
            m => new[] { "http_server_request_duration_seconds", "orleans_" }.All(m.Tekst.Contains), "Orleans- en HTTP-metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.DoesNotContain("trajecten_mijlpalen_total", metrics.Tekst); // domain figures are per cluster, below

        // Per cluster, from the read model (refreshed every second in this fixture).
        var kengetallen = await Wacht.TotAsync(() => fixture.Http.HaalAsync("/metrics/kengetallen"),
            m => m.Tekst.Contains("trajecten_afgesloten_total{gemeente=\"Schermer\",soort=\"participatie\",uitkomst=\"beeindigd\"}"), "kengetallen van Schermer");
        Assert.StartsWith("text/plain; version=0.0.4", kengetallen.Bericht.Content.Headers.ContentType!.ToString());
        Assert.Matches("trajecten_mijlpalen_total\\{gemeente=\"Schermer\",soort=\"intake\"\\} [1-9]", kengetallen.Tekst);
        Assert.Matches("trajecten_aanmeldingen_total\\{gemeente=\"Schermer\",soort=\"participatie\"\\} [1-9]", kengetallen.Tekst);
        Assert.Contains("# TYPE trajecten_doorlooptijd_dagen histogram", kengetallen.Tekst);
        Assert.Matches("trajecten_doorlooptijd_dagen_bucket\\{gemeente=\"Schermer\",soort=\"participatie\",stap=\"aanmelding-intake\",le=\"7\"\\} [1-9]", kengetallen.Tekst);
        Assert.DoesNotMatch("(cl|tr)-[a-z2-7]{26}", kengetallen.Tekst); // codes only: no client or traject ids
    }

    [Fact]
    public async Task No_BSN_appears_in_logs_metrics_or_any_answer()
    {
        var bsn = TestBsn.Nieuw();
        var antwoorden = new List<Antwoord>
        {
            await fixture.Http.VerstuurAsync("/api/v1/signalen", new
            {
                bsn, domein = "jeugd", soort = "jeugdhulp", datum = DateTime.UtcNow.ToString("yyyy-MM-dd"),
                bron = new { organisatie = "Jeugdteam" }, contactpersoon = new { naam = "L. Kok" },
            }, "j1"),
        };
        var registratie = await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Heiloo" });
        antwoorden.Add(registratie);
        antwoorden.Add(await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Heiloo" }));
        antwoorden.Add(await fixture.Http.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn }));
        antwoorden.Add(await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = bsn[..8] + "x", gemeente = "Heiloo" }));
        antwoorden.Add(await fixture.Http.HaalAsync($"/api/v1/clienten/{registratie["clientId"]}/klantbeeld"));
        antwoorden.Add(await fixture.Http.HaalAsync("/metrics"));

        foreach (var antwoord in antwoorden)
        {
            Assert.DoesNotContain(bsn, antwoord.Tekst);
            Assert.DoesNotContain(bsn, string.Join(" ", antwoord.Bericht.Headers.SelectMany(h => h.Value)));
        }

        Assert.NotEmpty(fixture.Logregels);
        Assert.DoesNotContain(fixture.Logregels, regel => TestBsn.Uitgegeven.Any(b => regel.Contains(b, StringComparison.Ordinal)));
    }
}

[Collection(SiloCollection.Naam)]
public class GezondheidCommandoTests(SiloFixture fixture)
{
    [Fact]
    public async Task The_health_command_of_the_container_is_0_for_a_live_silo_and_1_when_nothing_answers()
    {
        Assert.Equal(0, await Trajecten.Silo.Opdrachtregel.VoerUitAsync(["gezondheid", "--url", new Uri(fixture.Adres, "/health/live").AbsoluteUri]));
        Assert.Equal(1, await Trajecten.Silo.Opdrachtregel.VoerUitAsync(["gezondheid", "--url", $"http://127.0.0.1:{SiloFixture.VrijePoort()}/health/live"]));
        Assert.Equal(1, await Trajecten.Silo.Opdrachtregel.VoerUitAsync(["gezondheid", "--url", new Uri(fixture.Adres, "/bestaat-niet").AbsoluteUri]));
    }
}

public class StoppenTests
{
    [Fact]
    public async Task A_busy_in_memory_silo_stops_without_a_warning_or_an_error()
    {
        var app = SiloFixture.EigenHost("stoppen", new Dictionary<string, string?> { ["Authenticatie:OntwikkelSleutel"] = SiloFixture.TokenSleutel },
            b => b.Logging.AddFakeLogging());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = SiloFixture.AdresVan(app) };
        http.DefaultRequestHeaders.Authorization = new("Bearer",
            SiloFixture.Token("stoppen", [Rollen.Klantmanager, Rollen.Schuldhulpverlener], [Claims.Regio], "schuldhulp"));

        // Grains whose snapshots fell behind the log: signal registers and trajecten with milestones.
        for (var i = 0; i < 20; i++)
        {
            var bsn = TestBsn.Nieuw();
            var client = await http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Alkmaar" });
            Assert.Equal(HttpStatusCode.Created, client.Status);
            Assert.Equal(HttpStatusCode.Accepted, (await http.VerstuurAsync("/api/v1/signalen", new
            {
                bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = DateTime.UtcNow.ToString("yyyy-MM-dd"),
                bron = new { organisatie = "Woonwaard" }, contactpersoon = new { naam = "Consulent" }, inhoud = "Huurachterstand",
            }, $"stoppen-{i}")).Status);
            var traject = await http.VerstuurAsync($"/api/v1/clienten/{client["clientId"]}/trajecten", new { soort = "re-integratie" });
            Assert.Equal(HttpStatusCode.Created, traject.Status);
            Assert.Equal(HttpStatusCode.Created, (await http.VerstuurAsync($"/api/v1/trajecten/{traject["trajectId"]}/mijlpalen",
                new { soort = "intake", datum = DateTime.UtcNow.ToString("yyyy-MM-dd") }, $"intake-{i}")).Status);
        }

        var logboek = app.Services.GetFakeLogCollector();
        var voorStop = logboek.Count;
        await app.StopAsync();
        await app.DisposeAsync();

        var naStop = logboek.GetSnapshot().Skip(voorStop).Where(r => r.Level >= LogLevel.Warning).ToList();
        Assert.True(naStop.Count == 0, string.Join("\n", naStop.Take(5).Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception?.GetType().Name}")));
    }
}
