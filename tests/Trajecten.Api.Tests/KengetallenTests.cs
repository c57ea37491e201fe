using System.Globalization;
using System.Net;

namespace Trajecten.Api.Tests;

/// <summary>
/// GET /api/v1/kengetallen: the figures per gemeente per month for management, with small cells suppressed; and the
/// per-cluster Prometheus figures from the same read model.
/// </summary>
[Collection(SiloCollection.Naam)]
public class KengetallenTests(SiloFixture fixture)
{
    // A month no other test writes in: eleven months ago (other tests date their facts within the last 200 days).
    private static readonly DateOnly Begin = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-11);
    private static string Maand(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private HttpClient Management(string gemeente = "regio") => fixture.Client(SiloFixture.Token("directie", ["management"], [gemeente]));

    private async Task<string> TrajectAsync(DateOnly aangemeld)
    {
        var clientId = (await fixture.Http.VerstuurAsync("/api/v1/clienten", new { bsn = TestBsn.Nieuw(), gemeente = "Heiloo" }))["clientId"]!;
        var traject = await fixture.Http.VerstuurAsync($"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie", aanmelddatum = D(aangemeld) });
        Assert.Equal(HttpStatusCode.Created, traject.Status);
        Assert.Equal(D(aangemeld), traject["aangemeldOp"]![..10]);
        return traject["trajectId"]!;
    }

    private async Task MijlpaalAsync(string trajectId, object body, string sleutel) =>
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajectId}/mijlpalen", body, sleutel)).Status);

    [Fact]
    public async Task A_month_of_a_gemeente_counts_what_happened_and_suppresses_cells_of_fewer_than_five()
    {
        // Six aanmeldingen on day 3 of the month, intakes a week later; five leave for work, one ends.
        var aangemeld = Begin.AddDays(2);
        var uitstroom = Begin.AddDays(20);
        var trajecten = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var trajectId = await TrajectAsync(aangemeld);
            trajecten.Add(trajectId);
            await MijlpaalAsync(trajectId, new { soort = "intake", datum = D(aangemeld.AddDays(7)) }, "i");
            await MijlpaalAsync(trajectId, i < 5
                ? new { soort = "uitstroom", datum = D(uitstroom), reden = "werk" }
                : new { soort = "beeindigd", datum = D(uitstroom), reden = "verhuisd" }, "u");
        }

        // The 6-month check for the five: four still at work. One of them came back a month after leaving.
        for (var i = 0; i < 5; i++)
        {
            var nazorg = await fixture.Http.VerstuurAsync($"/api/v1/trajecten/{trajecten[i]}/nazorg",
                new { datum = D(uitstroom.AddMonths(6)), aanHetWerk = i > 0 }, "n6");
            Assert.Equal(HttpStatusCode.Created, nazorg.Status);
            Assert.Equal("6", nazorg["controle"]);
        }

        var terug = (await fixture.Http.HaalAsync($"/api/v1/trajecten/{trajecten[0]}"))["clientId"]!;
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.VerstuurAsync($"/api/v1/clienten/{terug}/trajecten",
            new { soort = "re-integratie", aanmelddatum = D(uitstroom.AddDays(30)) })).Status);

        var pad = $"/api/v1/kengetallen?gemeente=Heiloo&van={Maand(Begin)}&tot={Maand(Begin)}";
        // The projection applies each client's facts in order, but clients independently: wait for the last fact of each.
        var antwoord = await Wacht.TotAsync(() => Management().HaalAsync(pad),
            a => a["maanden.0.aanmeldingen"] == "6" && a["maanden.0.nazorg.0.gecontroleerd"] == "5" && a["maanden.0.herinstroom.0.aandeel"] == "0.2",
            "zes aanmeldingen, vijf nazorgcontroles en een herinstroom in Heiloo");
        Assert.Equal(HttpStatusCode.OK, antwoord.Status);
        Assert.Equal("5", antwoord["minimumCel"]);
        Assert.Equal(Maand(Begin), antwoord["maanden.0.maand"]);
        Assert.Equal("6", antwoord["maanden.0.intakes"]);
        Assert.Equal("5", antwoord["maanden.0.uitstroomWerk"]);
        Assert.Null(antwoord["maanden.0.beeindigd"]); // one person: suppressed
        Assert.Equal("7", antwoord["maanden.0.mediaanDagen.aanmeldingIntake"]);
        Assert.Equal("11", antwoord["maanden.0.mediaanDagen.intakeUitstroom"]);
        Assert.Equal("6", antwoord["maanden.0.nazorg.0.controle"]);
        Assert.Equal("5", antwoord["maanden.0.nazorg.0.gecontroleerd"]);
        Assert.Null(antwoord["maanden.0.nazorg.0.aanHetWerk"]); // four people: suppressed, the share is not
        Assert.Equal("0.8", antwoord["maanden.0.nazorg.0.aandeel"]);
        Assert.Equal("true", antwoord["maanden.0.herinstroom.0.volledig"]); // six months after uitstroom have passed
        Assert.Equal("0.2", antwoord["maanden.0.herinstroom.0.aandeel"]);
        var onderdrukt = antwoord.Pad("maanden.0.onderdrukt")!.AsArray().Select(x => x!.ToString()).ToArray();
        Assert.Contains("beeindigd", onderdrukt);
        Assert.Contains("nazorg.6.aanHetWerk", onderdrukt);
        Assert.Contains("herinstroom.6.heringestroomd", onderdrukt);

        // The same as CSV: one row, suppressed cells empty.
        using var verzoek = new HttpRequestMessage(HttpMethod.Get, pad);
        verzoek.Headers.Accept.ParseAdd("text/csv");
        using var csv = await Management().SendAsync(verzoek);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var regels = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, regels.Length);
        var kolommen = regels[0].Split(',');
        var rij = kolommen.Zip(regels[1].Split(',')).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("Heiloo", "6", "5", ""), (rij["gemeente"], rij["aanmeldingen"], rij["uitstroom_werk"], rij["beeindigd"]));
        Assert.Equal(("5", "", "0.8"), (rij["nazorg_6_gecontroleerd"], rij["nazorg_6_aan_het_werk"], rij["nazorg_6_aandeel"]));
    }

    [Theory]
    [InlineData("?van=2026-13", "van")]
    [InlineData("?tot=26-01", "tot")]
    [InlineData("?van=2026-05&tot=2026-01", "van")]
    [InlineData("?van=2000-01&tot=2026-01", "tot")]
    [InlineData("?tot=2999-01", "tot")]
    [InlineData("?gemeente=Atlantis", "gemeente")]
    [InlineData("?gemeente=Heiloo&gemeente=Bergen", "gemeente")]
    [InlineData("?maand=2026-01", "maand")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string query, string veld)
    {
        var antwoord = await Management().HaalAsync("/api/v1/kengetallen" + query);
        Assert.Equal(HttpStatusCode.BadRequest, antwoord.Status);
        HttpExtensions.AssertProbleem(antwoord);
        Assert.Contains(antwoord.Pad("invalidParams")!.AsArray(), p => p!["name"]!.ToString() == veld);
    }

    [Fact]
    public async Task Only_management_reads_the_figures_and_only_of_its_own_gemeenten()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client(null).HaalAsync("/api/v1/kengetallen")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Client(SiloFixture.Token("km", ["klantmanager"], ["regio"])).HaalAsync("/api/v1/kengetallen")).Status);
        var alkmaar = Management("Alkmaar");
        var bergen = await alkmaar.HaalAsync("/api/v1/kengetallen?gemeente=Bergen");
        Assert.Equal(HttpStatusCode.Forbidden, bergen.Status);
        HttpExtensions.AssertProbleem(bergen);
        var eigen = await alkmaar.HaalAsync("/api/v1/kengetallen");
        Assert.Equal(HttpStatusCode.OK, eigen.Status);
        Assert.Equal(["Alkmaar"], eigen.Pad("gemeenten")!.AsArray().Select(g => g!.ToString()));
        Assert.Equal(12, eigen.Pad("maanden")!.AsArray().Count); // the last twelve months by default

        using var verzoek = new HttpRequestMessage(HttpMethod.Get, "/api/v1/kengetallen");
        verzoek.Headers.Accept.ParseAdd("application/xml");
        using var xml = await alkmaar.SendAsync(verzoek);
        Assert.Equal(HttpStatusCode.NotAcceptable, xml.StatusCode);
        Assert.Equal("application/problem+json", xml.Content.Headers.ContentType!.MediaType);
    }
}
