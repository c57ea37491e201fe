using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// Attacks with valid tokens: each test reproduces one way in that an adversarial probe found, and shows it now fails.
/// </summary>
[Collection(SiloCollection.Naam)]
public class AanvalTests(SiloFixture fixture)
{
    private HttpClient Klantmanager(string sub, string gemeente) => fixture.Client(SiloFixture.Token(sub, [Rollen.Klantmanager], [gemeente]));

    private async Task<IReadOnlyList<(string Actor, string Actie, string Resultaat)>> ToegangAsync(string clientId)
    {
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));
        var log = await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={clientId}");
        return log.Pad("verwerkingen")!.AsArray()
            .Where(v => v!["objectSoort"]!.ToString() == "client")
            .Select(v => (v!["actor"]!.ToString(), v["actie"]!.ToString(), v["resultaat"]!.ToString())).ToArray();
    }

    [Fact]
    public async Task Registering_a_bsn_known_in_another_gemeente_reveals_nothing_changes_nothing_and_is_logged_as_refused()
    {
        var bsn = TestBsn.Nieuw();
        using var bergen = Klantmanager("km-bergen", "Bergen");
        var bestaand = await bergen.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Bergen", naam = "Fenna Verborgen", geboortedatum = "1990-04-01" });
        Assert.Equal(HttpStatusCode.Created, bestaand.Status);
        var clientId = bestaand["clientId"]!;

        using var alkmaar = Klantmanager("km-alkmaar", "Alkmaar");
        var poging = await alkmaar.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Alkmaar", naam = "Iemand Anders" });
        Assert.Equal(HttpStatusCode.Forbidden, poging.Status);
        foreach (var geheim in new[] { "Fenna", "Verborgen", "1990", "Bergen", "km-bergen", clientId, bsn })
        {
            Assert.DoesNotContain(geheim, poging.Tekst);
        }

        Assert.Null(poging.Bericht.Headers.ETag);
        Assert.Null(poging.Bericht.Headers.Location);

        // Nothing changed, and the access log shows the attempt as refused.
        var profiel = await bergen.HaalAsync($"/api/v1/clienten/{clientId}");
        Assert.Equal(("Bergen", "Fenna Verborgen", "km-bergen"), (profiel["gemeente"], profiel["naam"], profiel["klantmanager"]));
        Assert.Equal(bestaand.Bericht.Headers.ETag!.Tag, profiel.Bericht.Headers.ETag!.Tag);
        Assert.Contains(("km-alkmaar", "schrijven", "geweigerd"), await ToegangAsync(clientId));
        Assert.DoesNotContain(("km-alkmaar", "schrijven", "toegestaan"), await ToegangAsync(clientId));

        // Within its own gemeente a registration of a known BSN stays idempotent: 200 with the profile.
        Assert.Equal(HttpStatusCode.OK, (await bergen.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Bergen" })).Status);
    }

    [Fact]
    public async Task The_losers_of_a_registration_race_from_another_gemeente_get_nothing_of_the_winners_profile()
    {
        var bsn = TestBsn.Nieuw();
        var pogingen = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var gemeente = i % 2 == 0 ? "Bergen" : "Alkmaar";
            using var http = Klantmanager("race-" + gemeente, gemeente);
            return (Gemeente: gemeente, Antwoord: await http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente, naam = "Naam " + gemeente }));
        }));

        var winnaar = Assert.Single(pogingen, p => p.Antwoord.Status == HttpStatusCode.Created);
        foreach (var (gemeente, antwoord) in pogingen.Where(p => p.Antwoord.Status != HttpStatusCode.Created))
        {
            if (gemeente == winnaar.Gemeente)
            {
                Assert.Equal(HttpStatusCode.OK, antwoord.Status);
                Assert.Equal(winnaar.Antwoord["clientId"], antwoord["clientId"]);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, antwoord.Status);
                Assert.DoesNotContain("Naam " + winnaar.Gemeente, antwoord.Tekst);
                Assert.DoesNotContain(winnaar.Antwoord["clientId"]!, antwoord.Tekst);
            }
        }
    }

    [Fact]
    public async Task Invalid_utf8_or_a_lone_surrogate_in_any_json_string_is_a_400_on_every_endpoint_with_a_body()
    {
        var http = fixture.Http;
        var clientId = (await http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" }))["clientId"]!;
        var trajectId = (await http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        var mijlpaalId = (await http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen",
            new { soort = "intake", datum = DateTime.UtcNow.ToString("yyyy-MM-dd") }, "i"))["mijlpaalId"]!;
        using var partner = fixture.Client(SiloFixture.Token("partner", [Rollen.Ketenpartner], ["regio"], "schuldhulp"));
        var endpoints = new (HttpClient Http, HttpMethod Methode, string Pad, string Veld)[]
        {
            (http, HttpMethod.Post, "/api/v1/clienten", "bsn"),
            (http, HttpMethod.Post, "/api/v1/clienten/_zoek", "bsn"),
            (http, HttpMethod.Patch, $"/api/v1/clienten/{clientId}", "naam"),
            (http, HttpMethod.Post, $"/api/v1/clienten/{clientId}/verhuizing", "gemeente"),
            (http, HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", "soort"),
            (http, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", "soort"),
            (http, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen/{mijlpaalId}/correcties", "reden"),
            (http, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen/{mijlpaalId}/intrekking", "reden"),
            (http, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/nazorg", "toelichting"),
            (http, HttpMethod.Put, "/api/v1/werkgevers/12345678", "naam"),
            (http, HttpMethod.Post, "/api/v1/werkgevers/12345678/vacatures", "titel"),
            (http, HttpMethod.Post, "/api/v1/signalen", "inhoud"),
            (partner, HttpMethod.Post, "/api/v1/abonnementen", "callbackUrl"),
        };

        var vooraf = fixture.Logregels.Count(r => r.StartsWith("Error", StringComparison.Ordinal));
        foreach (var (client, methode, pad, veld) in endpoints)
        {
            var lichamen = new[]
            {
                System.Text.Encoding.UTF8.GetBytes($$"""{"{{veld}}":"\ud800"}"""),                                // escaped lone surrogate
                System.Text.Encoding.UTF8.GetBytes($$"""{"{{veld}}":"x"}""").Select(b => b == (byte)'x' ? (byte)0xFF : b).ToArray(), // raw 0xFF
                System.Text.Encoding.UTF8.GetBytes($$"""{"a":["ok",{"{{veld}}":"\udc00 na"}]}"""),                 // nested, low surrogate
            };
            foreach (var lichaam in lichamen)
            {
                using var verzoek = new HttpRequestMessage(methode, pad) { Content = new ByteArrayContent(lichaam) };
                verzoek.Content.Headers.ContentType = new(methode == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
                verzoek.Headers.TryAddWithoutValidation("Idempotency-Key", "tekst-" + Guid.NewGuid().ToString("N"));
                verzoek.Headers.TryAddWithoutValidation("If-Match", "*");
                var antwoord = await Antwoord.VanAsync(await client.SendAsync(verzoek));
                Assert.True(antwoord.Status == HttpStatusCode.BadRequest, $"{methode} {pad}: {antwoord.Status} {antwoord.Tekst}");
                HttpExtensions.AssertProbleem(antwoord);
            }
        }

        Assert.Equal(vooraf, fixture.Logregels.Count(r => r.StartsWith("Error", StringComparison.Ordinal)));
        Assert.Equal("intake", (await http.HaalAsync($"/api/v1/trajecten/{trajectId}"))["fase"]); // nothing changed
    }

    [Fact]
    public async Task Error_answers_carry_the_same_security_headers_as_every_other_answer()
    {
        using var anoniem = fixture.Client(null);
        var verzoeken = new (string Wat, HttpClient Http, Func<HttpRequestMessage> Verzoek, HttpStatusCode Status)[]
        {
            ("ongeldige JSON", fixture.Http, () => Json("/api/v1/clienten/_zoek", "{\"bsn\":"), HttpStatusCode.BadRequest),
            ("te groot", fixture.Http, () => Json("/api/v1/clienten/_zoek", "{\"bsn\":\"" + new string('1', 2_000_000) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
            ("verkeerd mediatype", fixture.Http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/clienten/_zoek") { Content = new StringContent("bsn") },
                HttpStatusCode.UnsupportedMediaType),
            ("geen token", anoniem, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/trajecten/tr-aaaaaaaaaaaaaaaaaaaaaaaaaa"), HttpStatusCode.Unauthorized),
            ("onbekend pad", fixture.Http, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/bestaat-niet"), HttpStatusCode.NotFound),
            ("onverwachte fout", fixture.Http, () => new HttpRequestMessage(HttpMethod.Get, "/test/fout/500"), HttpStatusCode.InternalServerError),
            ("cluster onbereikbaar", fixture.Http, () => new HttpRequestMessage(HttpMethod.Get, "/test/fout/503"), HttpStatusCode.ServiceUnavailable),
        };
        foreach (var (wat, http, verzoek, status) in verzoeken)
        {
            using var bericht = verzoek();
            using var antwoord = await http.SendAsync(bericht);
            Assert.True(antwoord.StatusCode == status, $"{wat}: {antwoord.StatusCode}");
            string? Kop(string naam) => antwoord.Headers.TryGetValues(naam, out var w) ? string.Join(",", w) : null;
            Assert.Equal(("nosniff", "DENY", "no-referrer", "default-src 'none'; frame-ancestors 'none'", "no-store"),
                (Kop("X-Content-Type-Options"), Kop("X-Frame-Options"), Kop("Referrer-Policy"), Kop("Content-Security-Policy"), Kop("Cache-Control")));
            Assert.Equal("application/problem+json", antwoord.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_unexpected_failure_is_logged_with_method_and_route_template_never_the_path()
    {
        using var antwoord = await fixture.Http.GetAsync("/test/fout/500"); // the test host's own failing endpoint
        Assert.Equal(HttpStatusCode.InternalServerError, antwoord.StatusCode);
        Assert.Contains(fixture.Logregels, r => r.StartsWith("Error", StringComparison.Ordinal)
            && r.Contains("Onverwachte fout bij GET /test/fout/{soort}", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Json(string pad, string tekst) =>
        new(HttpMethod.Post, pad) { Content = new StringContent(tekst, System.Text.Encoding.UTF8, "application/json") };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0000b")]
    public async Task A_token_without_a_usable_subject_is_refused(string? sub)
    {
        var claims = new Dictionary<string, object> { ["rol"] = new[] { Rollen.Ketenpartner, Rollen.Beheerder }, ["gemeente"] = "regio" };
        if (sub is not null)
        {
            claims["sub"] = sub;
        }

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = AuthenticatieOpties.OntwikkelUitgever,
            Audience = "trajecten-api",
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(SiloFixture.TokenSleutel)),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        using var zonder = fixture.Client(token);
        var lijst = await zonder.HaalAsync("/api/v1/abonnementen");
        Assert.Equal(HttpStatusCode.Unauthorized, lijst.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await zonder.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = "https://ontvanger.example/hook", kanalen = new[] { new { naam = "trajecten" } },
        })).Status);
    }

    [Fact]
    public async Task A_gemeente_claim_matches_exactly_so_REGIO_is_not_the_region()
    {
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" }))["clientId"]!;
        using var hoofdletters = fixture.Client(SiloFixture.Token("km-hoofd", [Rollen.Klantmanager], ["REGIO"]));
        using var kleine = fixture.Client(SiloFixture.Token("km-klein", [Rollen.Klantmanager], ["alkmaar"]));
        using var juist = fixture.Client(SiloFixture.Token("km-juist", [Rollen.Klantmanager], ["Alkmaar"]));
        Assert.Equal(HttpStatusCode.NotFound, (await hoofdletters.HaalAsync($"/api/v1/clienten/{clientId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await kleine.HaalAsync($"/api/v1/clienten/{clientId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await juist.HaalAsync($"/api/v1/clienten/{clientId}")).Status);
    }

    private static object Signaal(string bsn, string domein, string soort, string inhoud) => new
    {
        bsn, domein, soort, datum = DateTime.UtcNow.ToString("yyyy-MM-dd"), bron = new { organisatie = domein + "-team" },
        contactpersoon = new { naam = "Consulent" }, inhoud,
    };

    [Fact]
    public async Task An_idempotency_key_is_the_senders_own_so_another_partner_cannot_see_or_block_a_signal_with_it()
    {
        var bsn = TestBsn.Nieuw();
        using var schuldhulp = fixture.Client(SiloFixture.Token("schuldhulp-systeem", [Rollen.Schuldhulpverlener], ["Alkmaar"]));
        using var wmo = fixture.Client(SiloFixture.Token("wmo-systeem", [Rollen.WmoConsulent], ["Alkmaar"]));
        var eerste = await schuldhulp.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "schuldhulp", "vroegsignalering", "huurachterstand"), "melding-1");
        Assert.Equal(HttpStatusCode.Accepted, eerste.Status);

        // The same guessable key from another sender is another signal: 202, not a 409 naming the first one.
        var ander = await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", "keukentafelgesprek"), "melding-1");
        Assert.Equal(HttpStatusCode.Accepted, ander.Status);
        Assert.NotEqual(eerste["signaalId"], ander["signaalId"]);
        Assert.DoesNotContain(eerste["signaalId"]!, ander.Tekst);

        // Each sender's key still works as an idempotency key for that sender.
        Assert.Equal(eerste["signaalId"], (await schuldhulp.VerstuurAsync("/api/v1/signalen",
            Signaal(bsn, "schuldhulp", "vroegsignalering", "huurachterstand"), "melding-1"))["signaalId"]);
        Assert.Equal(ander["signaalId"], (await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", "keukentafelgesprek"), "melding-1"))["signaalId"]);
        Assert.Equal(HttpStatusCode.Conflict, (await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", "iets anders"), "melding-1")).Status);
    }

    [Fact]
    public async Task Signals_about_one_person_stop_at_the_configured_bound_with_a_409_that_names_it()
    {
        var bsn = TestBsn.Nieuw();
        using var wmo = fixture.Client(SiloFixture.Token("wmo-veel", [Rollen.WmoConsulent], ["Alkmaar"]));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", $"melding {i}"), $"veel-{i}")).Status);
        }

        var te = await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", "nog een"), "veel-20");
        Assert.Equal(HttpStatusCode.Conflict, te.Status);
        Assert.Contains("Grenzen:SignalenPerPersoon", te["detail"]);
        // A repeat of an accepted one is still answered as before.
        Assert.Equal(HttpStatusCode.Accepted, (await wmo.VerstuurAsync("/api/v1/signalen", Signaal(bsn, "wmo", "melding", "melding 3"), "veel-3")).Status);
    }

    [Fact]
    public async Task Trajecten_per_client_stop_at_the_configured_bound()
    {
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" }))["clientId"]!;
        var vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd");
        for (var i = 0; i < 6; i++)
        {
            var traject = await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" });
            Assert.Equal(HttpStatusCode.Created, traject.Status);
            Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{traject["trajectId"]}/mijlpalen",
                new { soort = "beeindigd", datum = vandaag, reden = "overig" }, "b")).Status);
        }

        var te = await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" });
        Assert.Equal(HttpStatusCode.Conflict, te.Status);
        Assert.Contains("Grenzen:TrajectenPerClient", te["detail"]);
        Assert.Equal(6, (await fixture.Http.HaalAsync($"/api/v1/clienten/{clientId}")).Pad("trajectIds")!.AsArray().Count);
    }

    [Fact]
    public async Task Subscriptions_per_owner_stop_at_the_configured_bound_and_a_deleted_one_frees_a_place()
    {
        using var systeem = fixture.Client(SiloFixture.Token("veel-abonnementen", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        object Abonnement(int i) => new { callbackUrl = $"https://ontvanger{i}.example/hook", kanalen = new[] { new { naam = "trajecten" } } };
        var paden = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var gemaakt = await systeem.VerstuurAsync("/api/v1/abonnementen", Abonnement(i));
            Assert.Equal(HttpStatusCode.Created, gemaakt.Status);
            paden.Add(gemaakt.Bericht.Headers.Location!.OriginalString);
        }

        var te = await systeem.VerstuurAsync("/api/v1/abonnementen", Abonnement(5));
        Assert.Equal(HttpStatusCode.Conflict, te.Status);
        Assert.Contains("Grenzen:AbonnementenPerEigenaar", te["detail"]);
        Assert.Equal(5, (await systeem.HaalAsync("/api/v1/abonnementen")).Pad("abonnementen")!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await systeem.StuurAsync(HttpMethod.Delete, paden[0])).Status);
        Assert.Equal(HttpStatusCode.Created, (await systeem.VerstuurAsync("/api/v1/abonnementen", Abonnement(6))).Status);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::1]:5432/")]
    [InlineData("https://127.0.0.2:5432/")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://0.0.0.0:5432/")]
    public async Task A_subscription_to_an_internal_address_that_the_allow_list_does_not_name_is_a_400(string url)
    {
        using var partner = fixture.Client(SiloFixture.Token("ssrf", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        var antwoord = await partner.VerstuurAsync("/api/v1/abonnementen", new { callbackUrl = url, kanalen = new[] { new { naam = "trajecten" } } });
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Contains(antwoord.Pad("invalidParams")!.AsArray(), p => p!["name"]!.ToString() == "callbackUrl");
        Assert.Empty((await partner.HaalAsync("/api/v1/abonnementen")).Pad("abonnementen")!.AsArray());
    }

    [Fact]
    public async Task Event_streams_are_limited_per_subject_and_per_silo_and_a_closed_one_frees_its_place()
    {
        var staart = fixture.Services.GetRequiredService<Trajecten.Api.Stromen.LogStaart>();
        var vooraf = staart.Open;
        var open = new List<(HttpClient Http, HttpResponseMessage Antwoord)>();
        async Task<HttpResponseMessage> OpenAsync(string subject)
        {
            var http = fixture.Client(SiloFixture.Token(subject, [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
            var antwoord = await http.GetAsync("/api/v1/gebeurtenissen/stream", HttpCompletionOption.ResponseHeadersRead);
            if (antwoord.IsSuccessStatusCode)
            {
                open.Add((http, antwoord));
            }
            else
            {
                http.Dispose();
            }

            return antwoord;
        }

        try
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await OpenAsync("stromen-a")).StatusCode);
            }

            var zesde = await Antwoord.VanAsync(await OpenAsync("stromen-a"));
            Assert.Equal(HttpStatusCode.TooManyRequests, zesde.Status);
            HttpExtensions.AssertProbleem(zesde);
            Assert.Contains("Api:StromenPerGebruiker", zesde["detail"]);

            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await OpenAsync("stromen-b")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await OpenAsync("stromen-c")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync("stromen-c")).StatusCode);
            var vol = await Antwoord.VanAsync(await OpenAsync("stromen-c"));
            Assert.Equal(HttpStatusCode.TooManyRequests, vol.Status);
            Assert.Contains("Api:StromenPerSilo", vol["detail"]);

            // Closing one gives its place back (the server notices when the connection goes).
            open[0].Antwoord.Dispose();
            open[0].Http.Dispose();
            open.RemoveAt(0);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                var weer = await OpenAsync("stromen-c");
                if (weer.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, "de plaats van de gesloten stroom kwam niet vrij");
                await Task.Delay(50);
            }
        }
        finally
        {
            foreach (var (http, antwoord) in open)
            {
                antwoord.Dispose();
                http.Dispose();
            }

            // Leave the silo as found: the next test may open streams of its own.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (staart.Open > vooraf && DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }

        Assert.Equal(vooraf, staart.Open);
    }
}
