using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Api.Autorisatie;
using Trajecten.Grains.Projecties;

namespace Trajecten.Api.Tests;

/// <summary>
/// Destroying a person's personal data (crypto-shredding) in two steps, by the privacy officer: after it, every request
/// about the client answers 410 Gone, no answer, log line or metric holds a personal value, and what stays pseudonymous —
/// the milestones in the feed, the figures — is unchanged, as is every other client.
/// </summary>
[Collection(SiloCollection.Naam)]
public class VernietigingTests(SiloFixture fixture)
{
    private static string Dag(int dagenTerug) => DateTime.UtcNow.AddDays(-dagenTerug).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task After_confirmation_the_person_is_gone_everywhere_while_the_pseudonymous_facts_stay()
    {
        var uniek = Guid.NewGuid().ToString("N")[..6];
        var bsn = TestBsn.Nieuw();
        using var km = fixture.Client(SiloFixture.Token("km-" + uniek, [Rollen.Klantmanager], ["Castricum"]));
        using var fg = fixture.Client(SiloFixture.Token("fg-" + uniek, [Rollen.Privacyfunctionaris], ["Castricum"]));
        using var schuldhulp = fixture.Client(SiloFixture.Token("sh-" + uniek, [Rollen.Schuldhulpverlener], [Claims.Regio]));
        using var ketenpartner = fixture.Client(SiloFixture.Token("uwv-" + uniek, [Rollen.Ketenpartner], ["Castricum"], "schuldhulp"));
        var begin = (long)(await ketenpartner.HaalAsync("/api/v1/gebeurtenissen?na=nu")).Json!["volgende"]!;

        // Personal values that must vanish, each distinctive enough to be found anywhere.
        var naam = "Vernietig Ikke-" + uniek;
        var email = $"weg-{uniek}@example.nl";
        var reden = "Loonwaarde onterecht-" + uniek;
        var inhoud = "Huurachterstand geheim-" + uniek;
        var clientId = (await km.VerstuurAsync("/api/v1/clienten", new
        {
            bsn, gemeente = "Castricum", naam, geboortedatum = "1977-07-17", contact = new { email, telefoon = "072-5551234" },
        }))["clientId"]!;
        var trajectId = (await km.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" }))["trajectId"]!;
        await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(20) }, "i");
        var diagnose = (await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Dag(10), loonwaarde = 40 }, "d"))["mijlpaalId"]!;
        Assert.Equal(HttpStatusCode.Created, (await km.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen/{diagnose}/correcties",
            new { reden, details = new { loonwaarde = 45 } }, "c")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await schuldhulp.VerstuurAsync("/api/v1/signalen", new
        {
            bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Dag(2),
            bron = new { organisatie = "Kredietbank Noord-Holland" }, contactpersoon = new { naam = "E. de Vries" }, inhoud,
        }, "s")).Status);
        var anderId = (await km.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Castricum", naam = "Blijft " + uniek }))["clientId"]!;
        await Wacht.TotAsync(() => km.HaalAsync($"/api/v1/clienten?gemeente=Castricum&zoek={Uri.EscapeDataString(naam)}"),
            a => a.Pad("clienten")!.AsArray().Count == 1, "de cliënt in de caseload");
        var feedVoor = await FeedAsync(ketenpartner, begin, trajectId);
        var kengetallen = fixture.Services.GetRequiredService<IKengetallen>();
        await Wacht.TotAsync(() => kengetallen.LeesAsync(), b => b.Clienten.Any(c => c.ClientId == clientId)
            && b.Trajecten.Any(t => t.ClientId == clientId) && b.Signalen.Any(s => s.ClientId == clientId), "de cliënt in de kengetallen");

        // Step 1 destroys nothing; a wrong code destroys nothing.
        var verzoek = await fg.VerstuurAsync($"/api/v1/clienten/{clientId}/vernietiging", new { grondslag = "verzoek-betrokkene" });
        Assert.Equal(HttpStatusCode.Accepted, verzoek.Status);
        var code = verzoek["bevestigingscode"]!;
        Assert.Null((await fg.HaalAsync($"/api/v1/clienten/{clientId}/vernietiging"))["bevestigingscode"]);
        var fout = await fg.VerstuurAsync($"/api/v1/clienten/{clientId}/vernietiging/bevestiging", new { bevestigingscode = "000000000000" });
        Assert.Equal(HttpStatusCode.Conflict, fout.Status);
        Assert.Equal("application/problem+json", fout.Bericht.Content.Headers.ContentType!.MediaType);
        Assert.Equal(naam, (await km.HaalAsync($"/api/v1/clienten/{clientId}"))["naam"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await fg.VerstuurAsync($"/api/v1/clienten/{clientId}/vernietiging", new { grondslag = "omdat het kan" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await km.VerstuurAsync($"/api/v1/clienten/{clientId}/vernietiging", new { grondslag = "verzoek-betrokkene" })).Status);

        // Step 2 destroys.
        var bevestigd = await fg.VerstuurAsync($"/api/v1/clienten/{clientId}/vernietiging/bevestiging", new { bevestigingscode = code });
        Assert.Equal(HttpStatusCode.OK, bevestigd.Status);
        Assert.Equal(("verzoek-betrokkene", "fg-" + uniek, "2"), (bevestigd["grondslag"], bevestigd["bevestigdDoor"], bevestigd["sleutels"]));

        // Every request about the person: 410 Gone, with a problem, never a 500.
        foreach (var (client, methode, pad, body) in new (HttpClient, HttpMethod, string, object?)[]
        {
            (km, HttpMethod.Get, $"/api/v1/clienten/{clientId}", null),
            (km, HttpMethod.Get, $"/api/v1/clienten/{clientId}/klantbeeld", null),
            (km, HttpMethod.Get, $"/api/v1/trajecten/{trajectId}", null),
            (km, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "plan", datum = Dag(1), instrumenten = new[] { "scholing" } }),
            (km, HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = "Castricum", naam = "Opnieuw" }),
            (fg, HttpMethod.Get, $"/api/v1/clienten/{clientId}/inzage", null),
            (fg, HttpMethod.Post, $"/api/v1/clienten/{clientId}/vernietiging/bevestiging", new { bevestigingscode = code }),
            (schuldhulp, HttpMethod.Post, "/api/v1/signalen", new
            {
                bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Dag(1), bron = new { organisatie = "Kredietbank" }, contactpersoon = new { naam = "E" },
            }),
        })
        {
            var antwoord = await client.StuurAsync(methode, pad, body, idempotencyKey: "na-" + uniek);
            Assert.True(antwoord.Status == HttpStatusCode.Gone, $"{methode} {pad}: {(int)antwoord.Status} {antwoord.Tekst}");
            Assert.Equal("application/problem+json", antwoord.Bericht.Content.Headers.ContentType!.MediaType);
        }

        // The caseload drops the person; the other client and the pseudonymous feed stay as they were.
        await Wacht.TotAsync(() => km.HaalAsync($"/api/v1/clienten?gemeente=Castricum&zoek={Uri.EscapeDataString(naam)}"),
            a => a.Pad("clienten")!.AsArray().Count == 0, "de cliënt uit de caseload");
        Assert.Equal("Blijft " + uniek, (await km.HaalAsync($"/api/v1/clienten/{anderId}"))["naam"]);

        // The figures keep counting what happened (codes and dates only), but no longer as an active client: the running
        // traject ended the day of the destruction. No projection is stuck on the facts from before.
        var cijfers = await Wacht.TotAsync(() => kengetallen.LeesAsync(),
            b => b.Trajecten.Any(t => t.ClientId == clientId && t.Uitkomst == TrajectStatistiek.Vernietigd), "de kengetallen na de vernietiging");
        Assert.Null(cijfers.Clienten.Single(c => c.ClientId == clientId).Klantmanager);
        Assert.Equal(1, cijfers.Signalen.Count(s => s.ClientId == clientId));
        Assert.Equal(["intake", "diagnose"], cijfers.Trajecten.Single(t => t.ClientId == clientId).Mijlpalen);
        Assert.DoesNotContain(await fixture.Services.GetRequiredService<IProjectieOpslag>().GeparkeerdAsync(), g => g.ClientId == clientId);
        var feedNa = await FeedAsync(ketenpartner, begin, trajectId);
        Assert.Equal(feedVoor.Count, feedNa.Count);
        Assert.Equal(feedVoor.Select(g => g.Id), feedNa.Select(g => g.Id));

        // No answer, log line or metric holds a personal value of the person.
        var alles = string.Join("\n", feedNa.Select(g => g.Json))
            + (await km.HaalAsync("/api/v1/clienten?gemeente=Castricum")).Tekst
            + (await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={begin}&aantal=1000")).Tekst
            + (await fixture.Http.HaalAsync("/metrics")).Tekst
            + string.Join("\n", fixture.Logregels);
        foreach (var waarde in new[] { naam, email, reden, inhoud, bsn, "1977-07-17" })
        {
            Assert.DoesNotContain(waarde, alles, StringComparison.Ordinal);
        }
    }

    private static async Task<List<(string Id, string Json)>> FeedAsync(HttpClient ketenpartner, long na, string trajectId) =>
        (await ketenpartner.HaalAsync($"/api/v1/gebeurtenissen?na={na}&aantal=1000")).Pad("gebeurtenissen")!.AsArray()
            .Where(g => g!["subject"]!.ToString() == trajectId).Select(g => (g!["id"]!.ToString(), g.ToJsonString())).ToList();
}
