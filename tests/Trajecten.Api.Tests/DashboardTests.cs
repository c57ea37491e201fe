using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Trajecten.Silo;
using Trajecten.TestHulp;

namespace Trajecten.Api.Tests;

[Collection(SiloCollection.Naam)]
public class DashboardTests(SiloFixture fixture)
{
    [Fact]
    public async Task The_orleans_dashboard_is_for_the_beheerder_only()
    {
        using var niemand = fixture.Client(null);
        using var klantmanager = fixture.Client(SiloFixture.Token("km", [Rollen.Klantmanager], [Claims.Regio]));
        using var beheerder = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));

        Assert.Equal(HttpStatusCode.Unauthorized, (await niemand.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await klantmanager.GetAsync("/dashboard/")).StatusCode);
        var pagina = await beheerder.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, pagina.StatusCode);
        Assert.Equal("text/html", pagina.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_beheerder_signs_in_with_a_browser_and_the_cookie_opens_the_dashboard_but_not_the_api()
    {
        var koekjes = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = koekjes, AllowAutoRedirect = false }) { BaseAddress = fixture.Adres };
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        // Not signed in: the page sends the browser to the sign-in page, which names the way back.
        var eerst = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, eerst.StatusCode);
        Assert.Equal("/beheer/aanmelden?terug=%2Fdashboard%2F", eerst.Headers.Location!.OriginalString);

        // A klantmanager's token is refused on the page; nothing is signed in.
        var (veld, waarde) = await BeheerFormulier.LeesAsync(browser, new Uri(fixture.Adres, BeheerAanmelding.Pad + "?terug=%2Fdashboard%2F"));
        var geweigerd = await browser.PostAsync(BeheerAanmelding.Pad, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [veld] = waarde, ["terug"] = "/dashboard/", ["token"] = SiloFixture.Token("km", [Rollen.Klantmanager], [Claims.Regio]),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, geweigerd.StatusCode);
        Assert.Contains("alleen voor de rol beheerder", await geweigerd.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard/")).StatusCode);

        // Without the form's antiforgery value: refused, as a post from another site would be.
        var zonderFormulier = await browser.PostAsync(BeheerAanmelding.Pad, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = SiloFixture.Token("beheer", [Rollen.Beheerder], []),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, zonderFormulier.StatusCode);

        // A beheerder's development token signs in; the way back cannot point outside the dashboard.
        (veld, waarde) = await BeheerFormulier.LeesAsync(browser, new Uri(fixture.Adres, BeheerAanmelding.Pad + "?terug=%2Fdashboard%2F"));
        var aangemeld = await browser.PostAsync(BeheerAanmelding.Pad, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [veld] = waarde, ["terug"] = "//kwaadwillend.example/dashboard", ["token"] = SiloFixture.Token("beheer", [Rollen.Beheerder], []),
        }));
        Assert.Equal(HttpStatusCode.Redirect, aangemeld.StatusCode);
        Assert.Equal("/dashboard/", aangemeld.Headers.Location!.OriginalString);
        var koekje = Assert.Single(aangemeld.Headers.GetValues("Set-Cookie"), c => c.StartsWith("trajecten-beheer=", StringComparison.Ordinal));
        Assert.Contains("httponly", koekje, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", koekje, StringComparison.OrdinalIgnoreCase);

        var dashboard = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);

        // The cookie is the dashboard's only: the API still wants a bearer token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/verwerkingen?clientId=x")).StatusCode);

        // Signing out ends it.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(BeheerAanmelding.AfmeldPad, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public void The_dashboard_is_off_by_default()
    {
        var app = TrajectenHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:SiloPort"] = "1", ["Silo:GatewayPort"] = "2", // never started
        }));
        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains(routes, r => r == "/api/v1");
        Assert.DoesNotContain(routes, r => r!.StartsWith("/dashboard", StringComparison.Ordinal) || r.StartsWith("/beheer", StringComparison.Ordinal));
    }

    [Fact]
    public void With_an_authority_the_dashboard_needs_an_oidc_client_for_the_beheerder()
    {
        var fout = Assert.Throws<ConfiguratieFout>(() => TrajectenHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Dashboard"] = "true", ["Authenticatie:Authority"] = "https://login.example.nl/realms/trajecten",
        })));
        Assert.Contains("Authenticatie:BeheerClientId", fout.Message);
    }

    [Fact]
    public async Task With_an_authority_the_sign_in_is_the_code_flow_with_pkce_at_that_authority()
    {
        // The authority's discovery document, as an OIDC provider (Keycloak, Entra ID) publishes it.
        var provider = WebApplication.CreateBuilder();
        provider.Configuration["Urls"] = "http://127.0.0.1:0";
        await using var idp = provider.Build();
        idp.MapGet("/.well-known/openid-configuration", (HttpContext c) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"http://{c.Request.Host}", ["authorization_endpoint"] = $"http://{c.Request.Host}/auth",
            ["token_endpoint"] = $"http://{c.Request.Host}/token", ["jwks_uri"] = $"http://{c.Request.Host}/jwks",
            ["response_types_supported"] = new[] { "code" }, ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        idp.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await idp.StartAsync();
        var authority = idp.Urls.First();

        var app = SiloFixture.EigenHost("oidc", new Dictionary<string, string?>
        {
            ["Silo:Dashboard"] = "true",
            ["Authenticatie:Authority"] = authority,
            ["Authenticatie:BeheerClientId"] = "trajecten-beheer",
        });
        await app.StartAsync();
        try
        {
            var adres = SiloFixture.AdresVan(app);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = adres };
            browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

            var naarAanmelden = await browser.GetAsync("/dashboard/");
            Assert.Equal("/beheer/aanmelden?terug=%2Fdashboard%2F", naarAanmelden.Headers.Location!.OriginalString);
            var naarProvider = await browser.GetAsync(naarAanmelden.Headers.Location);
            Assert.Equal(HttpStatusCode.Redirect, naarProvider.StatusCode);
            var doel = naarProvider.Headers.Location!;
            Assert.StartsWith(authority + "/auth?", doel.AbsoluteUri);
            var query = System.Web.HttpUtility.ParseQueryString(doel.Query);
            Assert.Equal("trajecten-beheer", query["client_id"]);
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("S256", query["code_challenge_method"]);
            Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
            Assert.Equal(new Uri(adres, "/beheer/signin-oidc").AbsoluteUri, query["redirect_uri"]);
            // No page to paste a token into when a provider signs people in.
            var geenFormulier = await browser.PostAsync(BeheerAanmelding.Pad, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = TokenUitgifte.Maak(new byte[32], "trajecten-api", "beheer", [Rollen.Beheerder], [], null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow),
            }));
            Assert.InRange((int)geenFormulier.StatusCode, 400, 499);
            Assert.False(geenFormulier.Headers.Contains("Set-Cookie"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
