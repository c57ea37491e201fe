using System.Net;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>Who may see what: the role × endpoint matrix, gemeente scope, signal content, the access log.</summary>
[Collection(SiloCollection.Naam)]
public class AutorisatieTests(SiloFixture fixture) : IAsyncLifetime
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd");
    private string _bsn = "", _clientId = "", _trajectId = "", _mijlpaalId = "", _kvk = "", _vacatureId = "";

    public async Task InitializeAsync()
    {
        var http = fixture.Http;
        _bsn = TestBsn.Nieuw();
        _clientId = (await http.VerstuurAsync("/api/v1/clienten", new { bsn = _bsn, gemeente = "Alkmaar" }))["clientId"]!;
        _trajectId = (await http.VerstuurAsync($"/api/v1/clienten/{_clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        _mijlpaalId = (await http.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "i"))["mijlpaalId"]!;
        _kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{_kvk}", new { naam = "Werkplaats", gemeente = "Alkmaar" });
        _vacatureId = (await http.VerstuurAsync($"/api/v1/werkgevers/{_kvk}/vacatures", new { titel = "Monteur", aantal = 1 }))["vacatureId"]!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string? Domein(string rol) => rol == Rollen.Ketenpartner ? "schuldhulp" : Rollen.Domein(rol)?.ToString().ToLowerInvariant();

    /// <summary>The endpoints that need a token, each with a request that is valid when allowed.</summary>
    private (string Naam, Func<HttpClient, string, Task<Antwoord>> Doe, string[] Rollen)[] Endpoints() =>
    [
        ("POST /clienten", (h, r) => h.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" }), [Rollen.Klantmanager]),
        ("POST /clienten/_zoek", (h, r) => h.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = _bsn, doel = "uitkeringsadministratie" }),
            [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Privacyfunctionaris]),
        ("GET /clienten/{id}/inzage", (h, r) => h.HaalAsync($"/api/v1/clienten/{_clientId}/inzage"), [Rollen.Privacyfunctionaris]),
        ("GET /clienten/{id}", (h, r) => h.HaalAsync($"/api/v1/clienten/{_clientId}"), [Rollen.Klantmanager]),
        ("GET /clienten/{id}/klantbeeld", (h, r) => h.HaalAsync($"/api/v1/clienten/{_clientId}/klantbeeld"),
            [Rollen.Klantmanager, Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener]),
        ("POST /clienten/{id}/trajecten", (h, r) => h.VerstuurAsync($"/api/v1/clienten/{_clientId}/trajecten", new { soort = "participatie" }), [Rollen.Klantmanager]),
        ("GET /trajecten/{id}", (h, r) => h.HaalAsync($"/api/v1/trajecten/{_trajectId}"), [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Beheerder]),
        ("GET /trajecten/{id}/mijlpalen", (h, r) => h.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen"), [Rollen.Klantmanager]),
        ("POST /trajecten/{id}/mijlpalen", (h, r) => h.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "i"), [Rollen.Klantmanager]),
        ("GET /trajecten/{id}/mijlpalen/{id}", (h, r) => h.HaalAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen/{_mijlpaalId}"),
            [Rollen.Klantmanager, Rollen.Ketenpartner, Rollen.Beheerder]),
        ("PUT /werkgevers/{kvk}", (h, r) => h.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{_kvk}", new { naam = "Werkplaats", gemeente = "Alkmaar" }), [Rollen.Werkgeversadviseur]),
        ("GET /werkgevers/{kvk}", (h, r) => h.HaalAsync($"/api/v1/werkgevers/{_kvk}"), [Rollen.Werkgeversadviseur, Rollen.Klantmanager]),
        ("POST /werkgevers/{kvk}/vacatures", (h, r) => h.VerstuurAsync($"/api/v1/werkgevers/{_kvk}/vacatures", new { titel = "Monteur", aantal = 1 }), [Rollen.Werkgeversadviseur]),
        ("GET /werkgevers/{kvk}/vacatures/{id}", (h, r) => h.HaalAsync($"/api/v1/werkgevers/{_kvk}/vacatures/{_vacatureId}"), [Rollen.Werkgeversadviseur, Rollen.Klantmanager]),
        ("POST /signalen", (h, r) => h.VerstuurAsync("/api/v1/signalen", new
        {
            bsn = _bsn, domein = Domein(r) ?? "wmo", soort = Domein(r) switch { "schuldhulp" => "aanmelding", "jeugd" => "jeugdhulp", _ => "melding" },
            datum = Vandaag, bron = new { organisatie = "Bron" }, contactpersoon = new { naam = "Iemand" },
        }, "matrix-" + r), [Rollen.WmoConsulent, Rollen.JeugdConsulent, Rollen.Schuldhulpverlener, Rollen.Ketenpartner]),
        ("GET /verwerkingen", (h, r) => h.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}"), [Rollen.Beheerder]),
        ("GET /metrics", (h, r) => h.HaalAsync("/metrics"), [Rollen.Management, Rollen.Beheerder]),
        ("GET /gebeurtenissen", (h, r) => h.HaalAsync("/api/v1/gebeurtenissen?aantal=1"), [Rollen.Ketenpartner, Rollen.Beheerder]),
        ("POST /abonnementen", (h, r) => h.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = "http://127.0.0.1:9/hook", kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Alkmaar" } } },
        }), [Rollen.Ketenpartner, Rollen.Beheerder]),
        ("GET /abonnementen", (h, r) => h.HaalAsync("/api/v1/abonnementen"), [Rollen.Ketenpartner, Rollen.Beheerder]),
    ];

    [Fact]
    public async Task Every_cell_of_the_role_by_endpoint_matrix()
    {
        var cellen = 0;
        var fouten = new List<string>();
        foreach (var rol in Rollen.Alle)
        {
            using var http = fixture.Client(SiloFixture.Token("matrix-" + rol, [rol], ["Alkmaar"], rol == Rollen.Ketenpartner ? "schuldhulp" : null));
            foreach (var (naam, doe, rollen) in Endpoints())
            {
                var antwoord = await doe(http, rol);
                var toegestaan = rollen.Contains(rol);
                var status = (int)antwoord.Status;
                if (toegestaan ? status is 401 or 403 or >= 500 : status != 403)
                {
                    fouten.Add($"{rol} × {naam}: {status} (verwacht {(toegestaan ? "toegang" : "403")})");
                }

                cellen++;
            }
        }

        Assert.Equal(Rollen.Alle.Length * Endpoints().Length, cellen);
        Assert.True(fouten.Count == 0, string.Join("\n", fouten));
    }

    [Fact]
    public async Task Without_a_valid_token_everything_but_discovery_and_health_is_401()
    {
        var geenToken = fixture.Client(null);
        var verkeerdeSleutel = fixture.Client(TokenUitgifte.Maak(new byte[32], "trajecten-api", "x", [Rollen.Klantmanager], ["regio"], null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        var verlopen = fixture.Client(TokenUitgifte.Maak(Convert.FromBase64String(SiloFixture.TokenSleutel), "trajecten-api", "x", [Rollen.Klantmanager], ["regio"], null,
            TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-2)));
        foreach (var http in new[] { geenToken, verkeerdeSleutel, verlopen })
        {
            foreach (var (naam, doe, _) in Endpoints())
            {
                var antwoord = await doe(http, Rollen.Klantmanager);
                Assert.True(antwoord.Status == HttpStatusCode.Unauthorized, $"{naam}: {(int)antwoord.Status}");
            }

            foreach (var pad in new[] { "/api/v1", "/api/v1/openapi.json", "/health/live", "/health/ready" })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.HaalAsync(pad)).Status);
            }
        }
    }

    [Fact]
    public async Task Outside_its_gemeenten_a_klantmanager_cannot_tell_whether_a_client_exists()
    {
        using var bergen = fixture.Client(SiloFixture.Token("bergen-km", [Rollen.Klantmanager], ["Bergen"]));
        var buiten = await bergen.HaalAsync($"/api/v1/clienten/{_clientId}");
        var onbekend = await bergen.HaalAsync("/api/v1/clienten/cl-aaaaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(HttpStatusCode.NotFound, buiten.Status);
        Assert.Equal(onbekend["title"], buiten["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = _bsn })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/clienten/{_clientId}/klantbeeld")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/trajecten/{_trajectId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen",
            new { soort = "beeindigd", datum = Vandaag, reden = "overig" }, "b")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.VerstuurAsync($"/api/v1/clienten/{_clientId}/trajecten", new { soort = "participatie" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bergen.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" })).Status);

        // Nothing changed.
        var traject = await fixture.Http.HaalAsync($"/api/v1/trajecten/{_trajectId}");
        Assert.Equal("intake", traject["fase"]);
        Assert.Single((await fixture.Http.HaalAsync($"/api/v1/clienten/{_clientId}")).Pad("trajectIds")!.AsArray());
    }

    [Fact]
    public async Task Signal_content_is_shown_only_to_its_own_domain()
    {
        async Task Meld(string rol, string domein, string soort, string inhoud)
        {
            using var http = fixture.Client(SiloFixture.Token(rol, [rol], ["Alkmaar"]));
            Assert.Equal(HttpStatusCode.Accepted, (await http.VerstuurAsync("/api/v1/signalen", new
            {
                bsn = _bsn, domein, soort, datum = Vandaag, bron = new { organisatie = domein + "-team" }, contactpersoon = new { naam = "X" }, inhoud,
            }, domein + "-1")).Status);
        }

        await Meld(Rollen.Schuldhulpverlener, "schuldhulp", "vroegsignalering", "energieachterstand");
        await Meld(Rollen.WmoConsulent, "wmo", "onderzoek", "keukentafelgesprek gepland");
        using var andersDomein = fixture.Client(SiloFixture.Token("wmo", [Rollen.WmoConsulent], ["Alkmaar"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await andersDomein.VerstuurAsync("/api/v1/signalen", new
        {
            bsn = _bsn, domein = "jeugd", soort = "melding", datum = Vandaag, bron = new { organisatie = "x" }, contactpersoon = new { naam = "y" },
        }, "jeugd-1")).Status);

        async Task<Dictionary<string, string?>> Inhoud(string rol)
        {
            using var http = fixture.Client(SiloFixture.Token(rol, [rol], ["Alkmaar"]));
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                var signalen = (await http.HaalAsync($"/api/v1/clienten/{_clientId}/klantbeeld")).Pad("signalen")!.AsArray();
                if (signalen.Count == 2)
                {
                    return signalen.ToDictionary(s => s!["domein"]!.ToString(), s => s!["inhoud"]?.ToString());
                }

                Assert.True(DateTime.UtcNow < deadline, "signalen kwamen niet in het klantbeeld");
                await Task.Delay(25);
            }
        }

        Assert.Equal(new Dictionary<string, string?> { ["schuldhulp"] = "energieachterstand", ["wmo"] = null }, await Inhoud(Rollen.Schuldhulpverlener));
        Assert.Equal(new Dictionary<string, string?> { ["schuldhulp"] = null, ["wmo"] = "keukentafelgesprek gepland" }, await Inhoud(Rollen.WmoConsulent));
        Assert.Equal(new Dictionary<string, string?> { ["schuldhulp"] = null, ["wmo"] = null }, await Inhoud(Rollen.Klantmanager));
    }

    [Fact]
    public async Task A_write_the_domain_refuses_is_in_the_access_log_as_refused_not_as_permitted()
    {
        using var anja = fixture.Client(SiloFixture.Token("anja", [Rollen.Klantmanager], ["Alkmaar"]));
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));
        var voorIntake = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Conflict, (await anja.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/herbeoordelingen", new { datum = voorIntake }, "h")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await anja.VerstuurAsync($"/api/v1/clienten/{_clientId}/trajecten", new { soort = "re-integratie" })).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await anja.StuurAsync(HttpMethod.Patch, $"/api/v1/clienten/{_clientId}",
            ruweBody: """{"naam": "A. Jansen"}""", contentType: "application/merge-patch+json", ifMatch: "\"0\"")).Status);

        var regels = (await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}")).Pad("verwerkingen")!.AsArray()
            .Where(v => v!["actor"]!.ToString() == "anja")
            .Select(v => (Actie: v!["actie"]!.ToString(), Object: v["objectSoort"]!.ToString(), Resultaat: v["resultaat"]!.ToString())).ToList();
        Assert.Equal(
            [("schrijven", "client", "afgewezen"), ("schrijven", "client", "afgewezen"), ("schrijven", "traject", "afgewezen")],
            regels.Order().ToList());
    }

    [Fact]
    public async Task A_role_refusal_on_a_route_that_names_a_person_is_in_that_persons_access_log()
    {
        using var adviseur = fixture.Client(SiloFixture.Token("adviseur", [Rollen.Werkgeversadviseur], [Claims.Regio]));
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));

        Assert.Equal(HttpStatusCode.Forbidden, (await adviseur.HaalAsync($"/api/v1/clienten/{_clientId}/klantbeeld")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await adviseur.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen",
            new { soort = "diagnose", datum = Vandaag }, "d")).Status);

        var regels = (await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}")).Pad("verwerkingen")!.AsArray()
            .Where(v => v!["actor"]!.ToString() == "adviseur")
            .Select(v => (Actie: v!["actie"]!.ToString(), Object: v["objectSoort"]!.ToString(), Id: v["objectId"]!.ToString(), Resultaat: v["resultaat"]!.ToString()))
            .ToList();
        Assert.Equal([("lezen", "client", _clientId, "geweigerd"), ("schrijven", "traject", _trajectId, "geweigerd")], regels.Order().ToList());
    }

    [Fact]
    public async Task A_role_refusal_of_a_request_that_names_a_person_by_bsn_in_its_body_is_in_that_persons_access_log()
    {
        var actor = "adviseur-" + Guid.NewGuid().ToString("N")[..6];
        using var adviseur = fixture.Client(SiloFixture.Token(actor, [Rollen.Werkgeversadviseur], [Claims.Regio]));
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));

        Assert.Equal(HttpStatusCode.Forbidden, (await adviseur.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = _bsn })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await adviseur.VerstuurAsync("/api/v1/signalen", new
        {
            bsn = _bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Vandaag,
            bron = new { organisatie = "Kredietbank" }, contactpersoon = new { naam = "E. de Vries" },
        }, "s1")).Status);
        // A body that names no valid BSN leaves nothing to record, and the refusal stays a 403.
        Assert.Equal(HttpStatusCode.Forbidden, (await adviseur.StuurAsync(HttpMethod.Post, "/api/v1/clienten/_zoek", ruweBody: "{\"bsn\":")).Status);

        var regels = (await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}")).Pad("verwerkingen")!.AsArray()
            .Where(v => v!["actor"]!.ToString() == actor)
            .Select(v => (Actie: v!["actie"]!.ToString(), Object: v["objectSoort"]!.ToString(), Resultaat: v["resultaat"]!.ToString()))
            .ToList();
        Assert.Equal([("schrijven", "signaal", "geweigerd"), ("zoeken", "client", "geweigerd")], regels.Order().ToList());
    }

    [Fact]
    public async Task The_access_log_has_every_read_write_and_refusal_and_logs_its_own_reading()
    {
        using var anja = fixture.Client(SiloFixture.Token("anja", [Rollen.Klantmanager], ["Alkmaar"]));
        using var bergen = fixture.Client(SiloFixture.Token("bergen-km", [Rollen.Klantmanager], ["Bergen"]));
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using (var metTrace = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/clienten/{_clientId}"))
        {
            metTrace.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            Assert.Equal(HttpStatusCode.OK, (await anja.SendAsync(metTrace)).StatusCode);
        }

        await anja.HaalAsync($"/api/v1/clienten/{_clientId}/klantbeeld");
        await anja.VerstuurAsync($"/api/v1/trajecten/{_trajectId}/mijlpalen", new { soort = "diagnose", datum = Vandaag, loonwaarde = 50 }, "d");
        await bergen.HaalAsync($"/api/v1/clienten/{_clientId}");

        var eerste = await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}");
        var regels = eerste.Pad("verwerkingen")!.AsArray().Select(v => (
            Actor: v!["actor"]!.ToString(), Actie: v["actie"]!.ToString(), Object: v["objectSoort"]!.ToString(), Resultaat: v["resultaat"]!.ToString())).ToList();

        Assert.Contains(("test-alles", "schrijven", "client", "toegestaan"), regels);       // registration in InitializeAsync
        Assert.Contains(("anja", "lezen", "client", "toegestaan"), regels);
        Assert.Contains(("anja", "lezen", "klantbeeld", "toegestaan"), regels);
        Assert.Contains(("anja", "schrijven", "traject", "toegestaan"), regels);
        Assert.Contains(("bergen-km", "lezen", "client", "geweigerd"), regels);
        Assert.All(eerste.Pad("verwerkingen")!.AsArray(), v => Assert.Equal(_clientId, v!["clientId"]!.ToString()));
        Assert.DoesNotContain(_bsn, eerste.Tekst);
        Assert.All(eerste.Pad("verwerkingen")!.AsArray(), v => Assert.Matches("^[0-9a-f]{32}$", v!["traceId"]!.ToString()));
        Assert.Contains(eerste.Pad("verwerkingen")!.AsArray(), v => v!["traceId"]!.ToString() == traceId); // W3C trace context carried over

        var tweede = await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={_clientId}");
        Assert.Contains(tweede.Pad("verwerkingen")!.AsArray(), v => v!["actor"]!.ToString() == "beheer" && v["objectSoort"]!.ToString() == "verwerkingen");
        Assert.Equal(HttpStatusCode.BadRequest, (await beheer.HaalAsync("/api/v1/verwerkingen")).Status);
    }
}
