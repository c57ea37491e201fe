using System.Text.Json.Nodes;

namespace Trajecten.Postgres.Tests;

/// <summary>What the API acknowledged survives a kill -9 and a restart.</summary>
[Collection(PostgresCollection.Naam)]
public class DuurzaamheidTests(PostgresFixture fixture)
{
    private static string Dag(int terug) => DateTime.UtcNow.AddDays(-terug).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Everything_acknowledged_survives_kill_9_and_restart()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        var cluster = "duurzaam-" + Guid.NewGuid().ToString("N")[..6];
        string clientId, trajectId, kvk = "4" + Random.Shared.Next(1_000_000, 9_999_999);
        JsonNode? trajectVoor, werkgeverVoor;
        int siloPoort, gatewayPoort;

        await using (var silo = await SiloProces.StartAsync(database, cluster))
        {
            var (status, client) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "111222333", gemeente = "Bergen", klantmanager = "anja", klantmanagerNaam = "Anja Bakker" });
            Assert.Equal(201, status);
            clientId = client!["clientId"]!.ToString();
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Put, $"/api/v1/werkgevers/{kvk}", new { naam = "Kaasboerderij", gemeente = "Bergen" })).Status);
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/werkgevers/{kvk}/vacatures", new { titel = "Kaasmaker", aantal = 1 })).Status);
            trajectId = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(20) }, "m1")).Status);
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "diagnose", datum = Dag(10), loonwaarde = 30 }, "m2")).Status);
            Assert.Equal(201, (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "plaatsing", datum = Dag(1), kvkNummer = kvk }, "m3")).Status);
            Assert.Equal(202, (await silo.StuurAsync(HttpMethod.Post, "/api/v1/signalen", new
            {
                bsn = "111222333", domein = "wmo", soort = "voorziening", datum = Dag(3),
                bron = new { organisatie = "Wmo-loket Bergen" }, contactpersoon = new { naam = "J. Mol" },
            }, "wmo-1")).Status);
            trajectVoor = (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json;
            // The placement reaches the employer through its projection: wait for it, then compare after the restart.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((werkgeverVoor = (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/werkgevers/{kvk}")).Json)!["plaatsingen"]!.AsArray().Count == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "plaatsing niet bij de werkgever");
                await Task.Delay(50);
            }

            (siloPoort, gatewayPoort) = (silo.SiloPoort, silo.GatewayPoort);
            await silo.KillAsync();
        }

        // Restarted on the same endpoint, as a service restart would: it declares its dead predecessor dead.
        await using (var opnieuw = await SiloProces.StartAsync(database, cluster, siloPoort: siloPoort, gatewayPoort: gatewayPoort))
        {
            var (status, client) = await opnieuw.StuurAsync(HttpMethod.Post, "/api/v1/clienten/_zoek", new { bsn = "111222333" });
            Assert.Equal(200, status);
            Assert.Equal(clientId, client!["clientId"]!.ToString());
            Assert.Equal("anja", client["klantmanager"]!.ToString());
            Assert.Equal("Anja Bakker", client["klantmanagerNaam"]!.ToString());
            Assert.Equal(trajectVoor!.ToJsonString(), (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json!.ToJsonString());
            Assert.Equal(werkgeverVoor!.ToJsonString(), (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/werkgevers/{kvk}")).Json!.ToJsonString());

            // The same key is still the same milestone; the next one gets volgnummer 4.
            var herhaling = await opnieuw.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Dag(20) }, "m1");
            Assert.Equal(200, herhaling.Status);
            var volgende = await opnieuw.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "uitstroom", datum = Dag(0), reden = "werk" }, "m4");
            Assert.Equal(4, (int)volgende.Json!["volgnummer"]!);

            var klantbeeld = (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/klantbeeld")).Json!;
            Assert.Equal("Wmo-loket Bergen", klantbeeld["signalen"]![0]!["bron"]!["organisatie"]!.ToString());
            Assert.Equal("beperkt", klantbeeld["doelgroep"]!.ToString());

            // The access log survived too, and cannot be changed afterwards.
            var log = (await opnieuw.StuurAsync(HttpMethod.Get, $"/api/v1/verwerkingen?clientId={clientId}")).Json!["verwerkingen"]!.AsArray();
            Assert.Contains(log, v => v!["objectSoort"]!.ToString() == "signaal" && v["actie"]!.ToString() == "schrijven");
            Assert.True(log.Count(v => v!["objectSoort"]!.ToString() == "traject" && v["actie"]!.ToString() == "schrijven") >= 4);
            Assert.DoesNotContain("111222333", log.ToJsonString());
            await using var verbinding = new Npgsql.NpgsqlConnection(database);
            await verbinding.OpenAsync();
            foreach (var sql in new[] { "UPDATE trajecten_verwerkingen SET actor = 'x'", "DELETE FROM trajecten_verwerkingen", "TRUNCATE trajecten_verwerkingen" })
            {
                var fout = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => new Npgsql.NpgsqlCommand(sql, verbinding).ExecuteNonQueryAsync());
                // Deleting is allowed only for records past a year (retention); these are minutes old.
                Assert.Contains(sql.StartsWith("DELETE", StringComparison.Ordinal) ? "mag nog niet weg" : "append-only", fout.MessageText);
            }
        }
    }
}
