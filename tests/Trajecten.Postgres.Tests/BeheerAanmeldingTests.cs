namespace Trajecten.Postgres.Tests;

/// <summary>The beheerder's browser sign-in, behind a load balancer: the key ring is the cluster's, not the silo's.</summary>
[Collection(PostgresCollection.Naam)]
public class BeheerAanmeldingTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_browser_signed_in_through_one_silo_opens_the_dashboard_on_the_other()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        var dashboard = new Dictionary<string, string> { ["Silo__Dashboard"] = "true" };
        await using var eerste = await SiloProces.StartAsync(database, "beheer", dashboard);
        await using var tweede = await SiloProces.StartAsync(database, "beheer", dashboard);

        // Cookies are not bound to a port: one browser, two silos on 127.0.0.1.
        var koekjes = new System.Net.CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = koekjes, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var viaEerste = new Uri($"http://127.0.0.1:{eerste.HttpPoort}");
        var viaTweede = new Uri($"http://127.0.0.1:{tweede.HttpPoort}");

        var (veld, waarde) = await TestHulp.BeheerFormulier.LeesAsync(browser, new Uri(viaEerste, "/beheer/aanmelden"));
        var aangemeld = await browser.PostAsync(new Uri(viaEerste, "/beheer/aanmelden"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [veld] = waarde,
            ["terug"] = "/dashboard/",
            ["token"] = SiloProces.Token("beheer", [Api.Autorisatie.Rollen.Beheerder], []),
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, aangemeld.StatusCode);

        var opDeAndere = await browser.GetAsync(new Uri(viaTweede, "/dashboard/"));
        Assert.Equal(System.Net.HttpStatusCode.OK, opDeAndere.StatusCode);
        Assert.Equal("text/html", opDeAndere.Content.Headers.ContentType?.MediaType);
    }
}
