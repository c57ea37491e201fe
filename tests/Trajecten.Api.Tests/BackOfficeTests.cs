using System.Globalization;
using System.Net;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Api.Tests;

/// <summary>What a back office may do with a notification: call back the traject and the milestone it points to, and link its own record by BSN.</summary>
[Collection(SiloCollection.Naam)]
public class BackOfficeTests(SiloFixture fixture)
{
    private static string Dag(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<(string Actor, string Actie, string Object, string Resultaat, string? Doel)>> ToegangAsync(string clientId)
    {
        using var beheer = fixture.Client(SiloFixture.Token("beheer", [Rollen.Beheerder], []));
        return (await beheer.HaalAsync($"/api/v1/verwerkingen?clientId={clientId}")).Pad("verwerkingen")!.AsArray()
            .Select(v => (v!["actor"]!.ToString(), v["actie"]!.ToString(), v["objectSoort"]!.ToString(), v["resultaat"]!.ToString(), v["doel"]?.ToString()))
            .ToArray();
    }

    [Fact]
    public async Task A_back_office_calls_back_the_traject_and_milestone_of_its_gemeenten_without_free_text_and_the_access_log_says_why()
    {
        var vandaag = DateOnly.FromDateTime(DateTime.UtcNow);
        var bsn = TestBsn.Nieuw();
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Alkmaar", naam = "Sanne Terugroep" }))["clientId"]!;
        var trajectId = (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten",
            new { soort = "re-integratie", aanmelddatum = Dag(vandaag.AddMonths(-8)) }))["trajectId"]!;
        await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(vandaag.AddMonths(-8)) }, "i");
        var uitstroom = vandaag.AddMonths(-7);
        var mijlpaalId = (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen",
            new { soort = "uitstroom", datum = Dag(uitstroom), reden = "werk" }, "u"))["mijlpaalId"]!;
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/nazorg",
            new { datum = Dag(uitstroom.AddMonths(6)), aanHetWerk = true, toelichting = "werkt bij de bakker om de hoek" }, "n")).Status);

        using var alkmaar = fixture.Client(SiloFixture.Token("uwv-alkmaar", [Rollen.Ketenpartner], ["Alkmaar"], "schuldhulp"));
        var traject = await alkmaar.HaalAsync($"/api/v1/trajecten/{trajectId}");
        Assert.Equal(HttpStatusCode.OK, traject.Status);
        Assert.Equal("uitstroom", traject["fase"]);
        Assert.Equal("true", traject["nazorg.0.aanHetWerk"]);
        Assert.DoesNotContain("bakker", traject.Tekst);
        Assert.Contains("bakker", (await fixture.Http.HaalAsync($"/api/v1/trajecten/{trajectId}")).Tekst); // the klantmanager's own
        var mijlpaal = await alkmaar.HaalAsync($"/api/v1/trajecten/{trajectId}/mijlpalen/{mijlpaalId}");
        Assert.Equal((HttpStatusCode.OK, "uitstroom", "werk"), (mijlpaal.Status, mijlpaal["soort"], mijlpaal["reden"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await alkmaar.HaalAsync($"/api/v1/trajecten/{trajectId}/mijlpalen")).Status); // only what a notification points to

        using var bergen = fixture.Client(SiloFixture.Token("uwv-bergen", [Rollen.Ketenpartner], ["Bergen"], "schuldhulp"));
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/trajecten/{trajectId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bergen.HaalAsync($"/api/v1/trajecten/{trajectId}/mijlpalen/{mijlpaalId}")).Status);

        var log = await ToegangAsync(clientId);
        Assert.Contains(("uwv-alkmaar", "lezen", "traject", "toegestaan", "terugroepen-na-notificatie"), log);
        Assert.Contains(("uwv-bergen", "lezen", "traject", "geweigerd", "terugroepen-na-notificatie"), log);
        Assert.Contains(log, v => v.Actor == "test-alles" && v.Object == "traject" && v.Doel is null);
    }

    [Fact]
    public async Task A_back_office_links_its_record_by_bsn_to_the_clientId_only_with_a_purpose_and_only_in_its_gemeenten()
    {
        var bsn = TestBsn.Nieuw();
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn, gemeente = "Heiloo", naam = "Bram Koppel" }))["clientId"]!;
        using var heiloo = fixture.Client(SiloFixture.Token("uitkeringen-heiloo", [Rollen.Ketenpartner], ["Heiloo"], "schuldhulp"));

        var koppeling = await heiloo.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn, doel = "uitkeringsadministratie" });
        Assert.Equal(HttpStatusCode.OK, koppeling.Status);
        Assert.Equal(clientId, koppeling["clientId"]);
        Assert.DoesNotContain("Bram", koppeling.Tekst);
        Assert.Null(koppeling["gemeente"]);

        var zonderDoel = await heiloo.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn });
        Assert.Equal(HttpStatusCode.BadRequest, zonderDoel.Status);
        Assert.Equal("doel", zonderDoel["invalidParams.0.name"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await heiloo.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn, doel = "Alles Weten!" })).Status);

        using var bergen = fixture.Client(SiloFixture.Token("uitkeringen-bergen", [Rollen.Ketenpartner], ["Bergen"], "schuldhulp"));
        var buiten = await bergen.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn, doel = "uitkeringsadministratie" });
        var onbekend = await bergen.VerstuurAsync("/api/v1/clienten/_zoek", new { bsn = TestBsn.Nieuw(), doel = "uitkeringsadministratie" });
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (buiten.Status, onbekend.Status));
        Assert.Equal(onbekend["detail"], buiten["detail"]);

        var log = await ToegangAsync(clientId);
        Assert.Contains(("uitkeringen-heiloo", "zoeken", "client", "toegestaan", "koppeling-bsn:uitkeringsadministratie"), log);
        Assert.Contains(("uitkeringen-bergen", "zoeken", "client", "geweigerd", "koppeling-bsn:uitkeringsadministratie"), log);
    }
}

/// <summary>Placing a vacancy is safe to retry.</summary>
[Collection(SiloCollection.Naam)]
public class VacatureTests(SiloFixture fixture)
{
    [Fact]
    public async Task A_vacancy_posted_again_with_the_same_Idempotency_Key_is_placed_once()
    {
        var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{kvk}", new { naam = "Bakkerij De Korenbloem", gemeente = "Alkmaar" })).Status);
        var eerste = await fixture.Http.VerstuurAsync($"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Broodbakker", aantal = 2 }, "vacature-1");
        var opnieuw = await fixture.Http.VerstuurAsync($"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Broodbakker", aantal = 2 }, "vacature-1");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (eerste.Status, opnieuw.Status));
        Assert.Equal(eerste["vacatureId"], opnieuw["vacatureId"]);
        var ander = await fixture.Http.VerstuurAsync($"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Banketbakker", aantal = 1 }, "vacature-1");
        Assert.Equal(HttpStatusCode.Conflict, ander.Status);
        Assert.Contains(eerste["vacatureId"]!, ander["detail"]);
        Assert.Single((await fixture.Http.HaalAsync($"/api/v1/werkgevers/{kvk}")).Pad("vacatures")!.AsArray());

        // Without a key each POST places a vacancy, as before.
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Broodbakker", aantal = 2 })).Status);
        Assert.Equal(2, (await fixture.Http.HaalAsync($"/api/v1/werkgevers/{kvk}")).Pad("vacatures")!.AsArray().Count);
    }
}
