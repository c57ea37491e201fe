using System.Globalization;

namespace Trajecten.Postgres.Tests;

[Collection(PostgresCollection.Naam)]
public class TermijnTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_deadline_reminder_fires_after_a_kill_9_and_restart_without_being_registered_again()
    {
        // The search period ends 25 s from now: deadlines count from the start of the milestone's day.
        var nu = DateTimeOffset.UtcNow;
        var zoekperiode = nu - new DateTimeOffset(nu.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromSeconds(25);
        var config = new Dictionary<string, string>
        {
            ["Termijnen__Zoekperiode"] = zoekperiode.ToString("c", CultureInfo.InvariantCulture), ["Kengetallen__Verversing"] = "00:00:01",
        };
        var database = await fixture.Server.MaakDatabaseAsync();
        string clientId, trajectId;
        int siloPoort, gatewayPoort;

        await using (var silo = await SiloProces.StartAsync(database, "termijnen", config))
        {
            clientId = (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "111222333", gemeente = "Castricum" })).Json!["clientId"]!.ToString();
            trajectId = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
            var intake = await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = nu.ToString("yyyy-MM-dd") }, "i");
            Assert.Equal(201, intake.Status);

            var termijn = (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json!["termijnen"]!.AsArray()
                .Single(t => t!["soort"]!.ToString() == "zoekperiode")!;
            Assert.Null(termijn["verstrekenOp"]);
            Assert.InRange(DateTimeOffset.Parse(termijn["vervaltijd"]!.ToString(), CultureInfo.InvariantCulture), nu.AddSeconds(20), nu.AddSeconds(30));

            (siloPoort, gatewayPoort) = (silo.SiloPoort, silo.GatewayPoort);
            await silo.KillAsync(); // well before the deadline
        }

        await using var opnieuw = await SiloProces.StartAsync(database, "termijnen", config, siloPoort, gatewayPoort);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? verstrekenOp = null;
        while (verstrekenOp is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "De reminder van de zoekperiode ging na de herstart niet af.");
            await Task.Delay(250);
            // Reading the traject activates it, but activation registers nothing: only the stored reminder can fire.
            verstrekenOp = (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json!["termijnen"]!.AsArray()
                .Single(t => t!["soort"]!.ToString() == "zoekperiode")!["verstrekenOp"]?.ToString();
        }

        Assert.True(DateTimeOffset.Parse(verstrekenOp, CultureInfo.InvariantCulture) >= nu.AddSeconds(24));
        // The figures of the cluster count it once, from the read model.
        while (!(await opnieuw.Http.GetStringAsync("/metrics/kengetallen")).Contains(
                   "trajecten_termijnen_verstreken_total{gemeente=\"Castricum\",termijn=\"zoekperiode\"} 1\n", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "De verstreken zoekperiode staat niet in /metrics/kengetallen.");
            await Task.Delay(250);
        }

        var klantbeeld = (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/klantbeeld")).Json!;
        Assert.Contains(klantbeeld["aandachtspunten"]!.AsArray(), a => a!["code"]!.ToString() == "zoekperiode-verlopen");
    }
}
