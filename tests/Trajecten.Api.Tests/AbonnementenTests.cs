using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>
/// A webhook receiver on loopback that refuses the first <c>weiger</c> deliveries. With <see cref="Geheim"/> set it
/// does what a careful receiver does: verifies the signature and timestamp (401 otherwise) and refuses an id it has
/// handled before (409: a replay). With <see cref="Weg"/> it answers 410 Gone.
/// </summary>
public sealed class Ontvanger : IDisposable
{
    private readonly ConcurrentDictionary<string, bool> _gezien = new();
    public string? Geheim { get; set; }
    public bool Weg { get; set; }
    public TaskCompletionSource? Vasthouden { get; set; }
    public ConcurrentQueue<(string? Id, string? Tijdstip, string? Handtekening, string Body)> Ruw { get; } = new();
    public int Verworpen;

    private readonly HttpListener _listener = new();
    private int _weiger;

    public Ontvanger(int weiger)
    {
        _weiger = weiger;
        var poort = VrijePoort();
        Url = $"http://127.0.0.1:{poort}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{poort}/");
        _listener.Start();
        _ = Task.Run(LusAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<(string? Auth, JsonNode Body)> Ontvangen { get; } = new();
    public int Geweigerd;

    private async Task LusAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var lezer = new StreamReader(context.Request.InputStream);
            var body = await lezer.ReadToEndAsync();
            var (id, tijdstip, handtekening) = (context.Request.Headers["webhook-id"], context.Request.Headers["webhook-timestamp"],
                context.Request.Headers["webhook-signature"]);
            Ruw.Enqueue((id, tijdstip, handtekening, body));
            if (Vasthouden is { } vast)
            {
                await vast.Task; // a slow receiver: the request stays open until the test lets go
            }

            if (Weg)
            {
                context.Response.StatusCode = 410;
            }
            else if (Geheim is not null && (id is null || tijdstip is null || handtekening is null || !Trajecten.Domain.Webhooks.WebhookHandtekening.Verifieer(
                         Geheim, id, tijdstip, body, handtekening, DateTimeOffset.UtcNow, Trajecten.Domain.Webhooks.WebhookHandtekening.Tolerantie)))
            {
                Interlocked.Increment(ref Verworpen);
                context.Response.StatusCode = 401;
            }
            else if (Geheim is not null && !_gezien.TryAdd(id!, true))
            {
                Interlocked.Increment(ref Verworpen);
                context.Response.StatusCode = 409;
            }
            else if (Interlocked.Decrement(ref _weiger) >= 0)
            {
                Interlocked.Increment(ref Geweigerd);
                if (id is not null)
                {
                    _gezien.TryRemove(id, out _);
                }

                context.Response.StatusCode = 503;
            }
            else
            {
                Ontvangen.Enqueue((context.Request.Headers["Authorization"], JsonNode.Parse(body)!));
                context.Response.StatusCode = 204;
            }

            context.Response.Close();
        }
    }

    private static int VrijePoort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose() => _listener.Close();
}

[Collection(SiloCollection.Naam)]
public class AbonnementenTests(SiloFixture fixture)
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private static async Task<T> WachtAsync<T>(Func<Task<T>> lees, Func<T, bool> voorwaarde, string wat)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T waarde;
        while (!voorwaarde(waarde = await lees()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Na 30 s nog niet: {wat}");
            await Task.Delay(50);
        }

        return waarde;
    }

    [Fact]
    public async Task A_receiver_that_fails_is_marked_failing_and_then_gets_every_milestone_once_in_order()
    {
        using var mislukt = fixture.Meet<long>(Trajecten.Grains.TrajectenMetrics.MeterName, "trajecten.abonnementen.aflevering.mislukt");
        using var ontvanger = new Ontvanger(weiger: 4);
        using var systeem = fixture.Client(SiloFixture.Token("leerwerkbedrijf", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        var abonnement = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = ontvanger.Url, auth = "Bearer geheim-van-de-ontvanger",
            kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Graft-de Rijp" } } },
        });
        Assert.Equal(HttpStatusCode.Created, abonnement.Status);
        Assert.Equal("actief", abonnement["status"]);
        var pad = abonnement.Bericht.Headers.Location!.OriginalString;

        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Graft-de Rijp" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "w1");

        var falend = await WachtAsync(() => systeem.HaalAsync(pad), a => a["status"] == "falend", "abonnement falend");
        Assert.True((int)falend.Json!["opeenvolgendeFouten"]! >= 3);
        Assert.Equal("HTTP 503", falend["laatsteFout"]);

        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Vandaag, loonwaarde = 65 }, "w2");
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "beeindigd", datum = Vandaag, reden = "overig" }, "w3b");

        var ontvangen = await WachtAsync(() => Task.FromResult(ontvanger.Ontvangen.ToArray()),
            o => o.Count(n => n.Body["hoofdObject"]!.ToString().EndsWith(trajectId, StringComparison.Ordinal)) >= 4, "vier notificaties");
        var vanOns = ontvangen.Where(n => n.Body["hoofdObject"]!.ToString().EndsWith(trajectId, StringComparison.Ordinal)).ToArray();
        // Without a type filter: every traject type, here the traject's start and then its milestones, in order.
        Assert.Equal(["traject/create", "mijlpaal/create", "mijlpaal/create", "mijlpaal/create"], vanOns.Select(n => $"{n.Body["resource"]}/{n.Body["actie"]}"));
        Assert.Equal("nl.participatiewet.traject.gestart", vanOns[0].Body["kenmerken"]!["type"]!.ToString());
        Assert.Equal([1, 2, 3], vanOns.Skip(1).Select(n => (int)n.Body["kenmerken"]!["volgnummer"]!));
        Assert.Equal(vanOns.Length, vanOns.Select(n => n.Body["resourceUrl"]!.ToString()).Distinct().Count());
        Assert.All(vanOns, n => Assert.Equal("Bearer geheim-van-de-ontvanger", n.Auth));
        Assert.All(vanOns, n => Assert.Equal("trajecten", n.Body["kanaal"]!.ToString()));
        Assert.Equal(4, ontvanger.Geweigerd);

        var hersteld = await WachtAsync(() => systeem.HaalAsync(pad), a => a["status"] == "actief", "abonnement weer actief");
        Assert.Equal(0, (int)hersteld.Json!["opeenvolgendeFouten"]!);
        Assert.Contains((await systeem.HaalAsync("/api/v1/abonnementen")).Pad("abonnementen")!.AsArray(), a => a!["abonnementId"]!.ToString() == hersteld["abonnementId"]);
        Assert.True(mislukt.GetMeasurementSnapshot().Sum(m => m.Value) >= 4, "vier mislukte afleveringen geteld");

        // Someone else's subscription does not exist for you; the owner deletes it.
        using var ander = fixture.Client(SiloFixture.Token("ander-systeem", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        Assert.Equal(HttpStatusCode.NotFound, (await ander.HaalAsync(pad)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ander.StuurAsync(HttpMethod.Delete, pad)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await systeem.StuurAsync(HttpMethod.Delete, pad)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await systeem.HaalAsync(pad)).Status);
    }

    [Theory]
    [InlineData("{\"callbackUrl\":\"ftp://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\"}]}", "callbackUrl")]
    [InlineData("{\"callbackUrl\":\"http://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\"}]}", "callbackUrl")]
    [InlineData("{\"callbackUrl\":\"https://gebruiker:wachtwoord@ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\"}]}", "callbackUrl")]
    [InlineData("{\"callbackUrl\":\"/hook\",\"kanalen\":[{\"naam\":\"trajecten\"}]}", "callbackUrl")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\"}", "kanalen")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"zaken\"}]}", "kanalen[0].naam")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\",\"filters\":{\"soort\":\"x\"}}]}", "kanalen[0].filters.soort")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\",\"filters\":{\"type\":\"nl.participatiewet.traject.gestart,zaak-aangemaakt\"}}]}", "kanalen[0].filters.type")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\",\"filters\":{\"type\":\"nl.participatiewet.client.verhuisd\"}}]}", "kanalen[0].filters.type")]
    [InlineData("{\"callbackUrl\":\"https://ontvanger.example.nl/hook\",\"kanalen\":[{\"naam\":\"trajecten\",\"filters\":{\"type\":\" , \"}}]}", "kanalen[0].filters.type")]
    public async Task Bad_subscriptions_are_400(string body, string veld)
    {
        var antwoord = await fixture.Http.StuurAsync(HttpMethod.Post, "/api/v1/abonnementen", ruweBody: body);
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        Assert.Contains(antwoord.Pad("invalidParams")!.AsArray(), p => p!["name"]!.ToString() == veld);
    }

    [Fact]
    public async Task Deliveries_are_signed_so_a_receiver_verifies_them_and_refuses_a_replay_or_a_changed_body()
    {
        using var ontvanger = new Ontvanger(weiger: 0);
        using var systeem = fixture.Client(SiloFixture.Token("ondertekend", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        var abonnement = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = ontvanger.Url,
            kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Langedijk", type = "nl.participatiewet.traject.mijlpaal-geregistreerd" } } },
        });
        Assert.Equal(HttpStatusCode.Created, abonnement.Status);
        Assert.Equal("nl.participatiewet.traject.mijlpaal-geregistreerd", abonnement["kanalen.0.filters.type"]);
        var geheim = abonnement["geheim"]!;
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", geheim);
        ontvanger.Geheim = geheim;
        var pad = abonnement.Bericht.Headers.Location!.OriginalString;
        Assert.Null((await systeem.HaalAsync(pad))["geheim"]); // shown once
        Assert.DoesNotContain(geheim, (await systeem.HaalAsync("/api/v1/abonnementen")).Tekst);

        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Langedijk" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        var intake = (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "o1"))["mijlpaalId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Vandaag, loonwaarde = 80 }, "o2");
        await WachtAsync(() => Task.FromResult(ontvanger.Ontvangen.Count), n => n >= 2, "twee ondertekende afleveringen");
        Assert.Equal(0, ontvanger.Verworpen);
        var eerste = ontvanger.Ruw.First();
        Assert.Equal(intake, eerste.Id); // the id is the fact's: the same on every retry
        var diagnose = ontvanger.Ontvangen.Select(o => o.Body).Single(b => b["kenmerken"]!["soort"]!.ToString() == "diagnose");
        Assert.Equal("80", diagnose["kenmerken"]!["loonwaarde"]!.ToString());
        Assert.NotNull(diagnose["kenmerken"]!["doelgroep"]);

        // The links are absolute, and the subscriber can call back what they point to (notify, then call back).
        var notificatie = ontvanger.Ontvangen.First().Body;
        Assert.Equal($"{fixture.Adres.GetLeftPart(UriPartial.Authority)}/api/v1/trajecten/{trajectId}", notificatie["hoofdObject"]!.ToString());
        var terug = await systeem.HaalAsync(notificatie["resourceUrl"]!.ToString());
        Assert.Equal((HttpStatusCode.OK, intake), (terug.Status, terug["mijlpaalId"]));
        Assert.Equal(HttpStatusCode.OK, (await systeem.HaalAsync(notificatie["hoofdObject"]!.ToString())).Status);

        // A captured delivery sent again is a replay; the same with another body does not verify.
        using var aanvaller = new HttpClient();
        async Task<HttpStatusCode> StuurAsync(string body)
        {
            using var verzoek = new HttpRequestMessage(HttpMethod.Post, ontvanger.Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            verzoek.Headers.Add("webhook-id", eerste.Id);
            verzoek.Headers.Add("webhook-timestamp", eerste.Tijdstip);
            verzoek.Headers.Add("webhook-signature", eerste.Handtekening);
            using var antwoord = await aanvaller.SendAsync(verzoek);
            return antwoord.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Conflict, await StuurAsync(eerste.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, await StuurAsync(eerste.Body.Replace("intake", "uitstroom", StringComparison.Ordinal)));
        Assert.Equal(2, ontvanger.Ontvangen.Count);
    }

    [Fact]
    public async Task Corrections_withdrawals_and_nazorg_reach_a_webhook_that_chose_them_with_links_it_can_call_back()
    {
        static string Dag(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var vandaag = DateOnly.FromDateTime(DateTime.UtcNow);
        using var ontvanger = new Ontvanger(weiger: 0);
        using var systeem = fixture.Client(SiloFixture.Token("correctie-volger", [Rollen.Ketenpartner], ["Alkmaar"], "wmo"));
        var abonnement = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = ontvanger.Url,
            kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Alkmaar",
                type = "nl.participatiewet.traject.mijlpaal-gecorrigeerd, nl.participatiewet.traject.mijlpaal-ingetrokken,nl.participatiewet.traject.nazorg-vastgelegd" } } },
        });
        Assert.Equal(HttpStatusCode.Created, abonnement.Status);

        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Alkmaar" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten",
            new { soort = "re-integratie", aanmelddatum = Dag(vandaag.AddMonths(-8)) }))["trajectId"]!;
        var pad = $"/api/v1/trajecten/{trajectId}/mijlpalen";
        await fixture.Http.VerstuurAsync(pad, new { soort = "intake", datum = Dag(vandaag.AddMonths(-8)) }, "x1");
        var diagnose = (await fixture.Http.VerstuurAsync(pad, new { soort = "diagnose", datum = Dag(vandaag.AddMonths(-8)), zorg = true }, "x2"))["mijlpaalId"]!;
        var plan = (await fixture.Http.VerstuurAsync(pad, new { soort = "plan", datum = Dag(vandaag.AddMonths(-8)), instrumenten = new[] { "jobcoaching" } }, "x3"))["mijlpaalId"]!;
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"{pad}/{diagnose}/correcties",
            new { reden = "verkeerd overgenomen", details = new { zorg = false, loonwaarde = 35 } }, "x4")).Status);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"{pad}/{plan}/intrekking", new { reden = "dubbel" }, "x5")).Status);
        await fixture.Http.VerstuurAsync(pad, new { soort = "uitstroom", datum = Dag(vandaag.AddMonths(-7)), reden = "werk" }, "x6");
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/nazorg",
            new { datum = Dag(vandaag.AddMonths(-1)), aanHetWerk = false, toelichting = "ziek thuis" }, "x7")).Status);

        var ontvangen = await WachtAsync(() => Task.FromResult(ontvanger.Ontvangen.Select(o => o.Body).ToArray()),
            o => o.Count(n => n["hoofdObject"]!.ToString().EndsWith(trajectId, StringComparison.Ordinal)) >= 3, "drie notificaties");
        var vanOns = ontvangen.Where(n => n["hoofdObject"]!.ToString().EndsWith(trajectId, StringComparison.Ordinal)).ToArray();
        Assert.Equal(["mijlpaal/update", "mijlpaal/destroy", "nazorg/create"], vanOns.Select(n => $"{n["resource"]}/{n["actie"]}"));
        Assert.Equal(("diagnose", "35", "beperkt"), (vanOns[0]["kenmerken"]!["soort"]!.ToString(), vanOns[0]["kenmerken"]!["loonwaarde"]!.ToString(),
            vanOns[0]["kenmerken"]!["doelgroep"]!.ToString()));
        Assert.Equal("plan", vanOns[1]["kenmerken"]!["soort"]!.ToString());
        Assert.Equal(("false", "6"), (vanOns[2]["kenmerken"]!["aanHetWerk"]!.ToString(), vanOns[2]["kenmerken"]!["controle"]!.ToString()));
        Assert.DoesNotContain("ziek", string.Join("", vanOns.Select(n => n.ToJsonString())), StringComparison.Ordinal);
        Assert.DoesNotContain("dubbel", string.Join("", vanOns.Select(n => n.ToJsonString())), StringComparison.Ordinal);

        // Calling back: the corrected milestone as it is now, the withdrawn one is gone (410), nazorg is part of the traject.
        var gecorrigeerd = await systeem.HaalAsync(vanOns[0]["resourceUrl"]!.ToString());
        Assert.Equal((HttpStatusCode.OK, "35", "beperkt"), (gecorrigeerd.Status, gecorrigeerd["loonwaarde"], gecorrigeerd["doelgroep"]));
        Assert.Equal(HttpStatusCode.Gone, (await systeem.HaalAsync(vanOns[1]["resourceUrl"]!.ToString())).Status);
        var traject = await systeem.HaalAsync(vanOns[2]["resourceUrl"]!.ToString());
        Assert.Equal((HttpStatusCode.OK, "false"), (traject.Status, traject["nazorg.0.aanHetWerk"]));
        Assert.DoesNotContain("dubbel", traject.Tekst, StringComparison.Ordinal); // no correction reason for a back office
    }

    [Fact]
    public async Task While_a_delivery_waits_for_a_slow_receiver_the_owner_reads_and_deletes_the_subscription_and_nothing_more_is_sent()
    {
        using var ontvanger = new Ontvanger(weiger: 0) { Vasthouden = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var systeem = fixture.Client(SiloFixture.Token("trage-ontvanger", [Rollen.Ketenpartner], ["Bergen"], "wmo"));
        systeem.Timeout = TimeSpan.FromSeconds(20); // a call queued behind the delivery would fail here rather than hang
        var abonnement = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = ontvanger.Url, kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Bergen" } } },
        });
        var pad = abonnement.Bericht.Headers.Location!.OriginalString;
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Bergen" }))["clientId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" });
        await WachtAsync(() => Task.FromResult(ontvanger.Ruw.Count), n => n >= 1, "een aflevering die openstaat");

        // The receiver holds the request open; the subscription answers anyway.
        var tijdens = await systeem.HaalAsync(pad);
        Assert.Equal((HttpStatusCode.OK, "actief", "0"), (tijdens.Status, tijdens["status"], tijdens["opeenvolgendeFouten"]));
        Assert.Equal(HttpStatusCode.OK, (await systeem.VerstuurAsync(pad + "/opnieuw", new { })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await systeem.StuurAsync(HttpMethod.Delete, pad)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await systeem.HaalAsync(pad)).Status);

        // Released: the deleted subscription sends nothing more. A second subscriber shows when the next fact has gone out.
        using var controle = new Ontvanger(weiger: 0);
        Assert.Equal(HttpStatusCode.Created, (await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = controle.Url, kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Bergen" } } },
        })).Status);
        ontvanger.Vasthouden.SetResult();
        await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" });
        await WachtAsync(() => Task.FromResult(controle.Ontvangen.Count), n => n >= 1, "de volgende notificatie bij de tweede abonnee");
        Assert.Single(ontvanger.Ruw);
        Assert.Equal(HttpStatusCode.NotFound, (await systeem.HaalAsync(pad)).Status);
    }

    [Fact]
    public async Task A_receiver_that_answers_410_ends_the_subscription_and_a_failing_one_is_logged_once_and_can_be_retried_now()
    {
        using var weg = new Ontvanger(weiger: 0) { Weg = true };
        using var systeem = fixture.Client(SiloFixture.Token("gone", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        var abonnement = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = weg.Url, kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Schermer" } } },
        });
        var pad = abonnement.Bericht.Headers.Location!.OriginalString;
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Schermer" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "g1");
        var beeindigd = await WachtAsync(() => systeem.HaalAsync(pad), a => a["status"] == "beeindigd", "abonnement beëindigd na 410");
        Assert.Contains("410", beeindigd["laatsteFout"]);
        Assert.Equal(HttpStatusCode.Conflict, (await systeem.VerstuurAsync(pad + "/opnieuw", new { })).Status);
        Assert.Single(weg.Ruw); // one attempt, no retries of a 410

        // A failing receiver: the state change is logged once, not per retry; the owner sees the next attempt and can retry now.
        using var stuk = new Ontvanger(weiger: 1000);
        var falend = await systeem.VerstuurAsync("/api/v1/abonnementen", new
        {
            callbackUrl = stuk.Url, kanalen = new[] { new { naam = "trajecten", filters = new { gemeente = "Schermer" } } },
        });
        var falendPad = falend.Bericht.Headers.Location!.OriginalString;
        var abonnementId = falend["abonnementId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Vandaag, loonwaarde = 70 }, "g2");
        var stand = await WachtAsync(() => systeem.HaalAsync(falendPad), a => a["status"] == "falend" && (int)a.Json!["opeenvolgendeFouten"]! >= 6, "zes mislukte afleveringen");
        Assert.NotNull(stand["volgendePoging"]);
        Assert.Single(fixture.Logregels, r => r.Contains(abonnementId, StringComparison.Ordinal) && r.Contains("is falend", StringComparison.Ordinal));
        var opnieuw = await systeem.VerstuurAsync(falendPad + "/opnieuw", new { });
        Assert.Equal(HttpStatusCode.OK, opnieuw.Status);
        Assert.Equal(abonnementId, opnieuw["abonnementId"]);
        using var ander = fixture.Client(SiloFixture.Token("iemand-anders", [Rollen.Ketenpartner], [Claims.Regio], "wmo"));
        Assert.Equal(HttpStatusCode.NotFound, (await ander.VerstuurAsync(falendPad + "/opnieuw", new { })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await systeem.StuurAsync(HttpMethod.Delete, falendPad)).Status);
    }
}
