using System.Net;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Postgres.Tests;

/// <summary>A silo process of its own with a low limit (a second host in the test process would share its meters).</summary>
[Collection(PostgresCollection.Naam)]
public class RateLimitTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_subject_that_sends_too_much_gets_429_and_others_do_not()
    {
        await using var silo = await SiloProces.StartAsync(await fixture.Server.MaakDatabaseAsync(), "ratelimit",
            new Dictionary<string, string> { ["Authenticatie__VerzoekenPerMinuut"] = "5", ["Authenticatie__MislukteAanmeldingenPerMinuut"] = "3" });
        using var druk = Client(silo, "druk");
        using var rustig = Client(silo, "rustig");

        var statussen = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statussen.Add((await druk.GetAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statussen);
        var teVeel = await druk.GetAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal("application/problem+json", teVeel.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await rustig.GetAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);

        // Tokens that fail validation have no subject: they are limited per IP address, and do not stop valid tokens from it.
        using var gokker = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPoort}") };
        var vervalst = SiloProces.Token("gokker", [Rollen.Beheerder], ["regio"])[..^4] + "AAAA";
        gokker.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", vervalst);
        var pogingen = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            pogingen.Add((await gokker.GetAsync("/api/v1/verwerkingen?clientId=cl-aaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 3).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), pogingen);
        using var nogEen = Client(silo, "nog-een");
        Assert.Equal(HttpStatusCode.NotFound, (await nogEen.GetAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);
    }

    private static HttpClient Client(SiloProces silo, string subject)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPoort}") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            SiloProces.Token(subject, [Rollen.Klantmanager], ["Alkmaar"]));
        return http;
    }
}
