using System.Diagnostics;

namespace Trajecten.Postgres.Tests;

[Collection(PostgresCollection.Naam)]
public class ClusterTests(PostgresFixture fixture)
{
    private static string Vandaag => DateTime.UtcNow.ToString("yyyy-MM-dd");

    private static Dictionary<string, string> SnelleDetectie => new(SiloProces.SnelleDetectie);

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_a_newer_write()
    {
        // Two silos of different clusters on one database: each thinks it owns the same traject grain.
        var database = await fixture.Server.MaakDatabaseAsync();
        await using var a = await SiloProces.StartAsync(database, "links");
        await using var b = await SiloProces.StartAsync(database, "rechts");

        var clientId = (await a.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "123456782", gemeente = "Heiloo" })).Json!["clientId"]!.ToString();
        var trajectId = (await a.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "participatie" })).Json!["trajectId"]!.ToString();
        Assert.Equal(200, (await b.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Status); // b activates, version 1

        Assert.Equal(201, (await a.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "a")).Status);
        var verouderd = await b.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "beeindigd", datum = Vandaag, reden = "verhuisd" }, "b");

        Assert.Equal(503, verouderd.Status); // the version check refused b's write; nothing was overwritten
        var nu = (await b.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json!; // b reloaded from the store
        Assert.Equal("intake", nu["fase"]!.ToString());
        Assert.Single(nu["mijlpalen"]!.AsArray());
    }

    [Fact]
    public async Task Two_silos_form_a_cluster_and_survive_the_loss_of_one()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        var cluster = "cluster-" + Guid.NewGuid().ToString("N")[..6];
        await using var een = await SiloProces.StartAsync(database, cluster, SnelleDetectie);
        var join = Stopwatch.StartNew();
        await using var twee = await SiloProces.StartAsync(database, cluster, SnelleDetectie);
        await WachtAsync(async () => (await twee.StuurAsync(HttpMethod.Get, "/health/ready")).Json?["checks"]?["cluster"]?["omschrijving"]?.ToString() == "2 actieve silo('s)",
            "silo 2 ziet 2 actieve silo's", 60);
        Console.WriteLine($"[meting] tweede silo gereed en lid van het cluster na {join.Elapsed.TotalSeconds:F1} s");

        // Written through silo 1, read through silo 2.
        var trajecten = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var bsn = Bsns[i];
            var clientId = (await een.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = "Alkmaar" })).Json!["clientId"]!.ToString();
            var trajectId = (await een.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();
            Assert.Equal(201, (await een.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", new { soort = "intake", datum = Vandaag }, "i")).Status);
            Assert.Equal("intake", (await twee.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}")).Json!["fase"]!.ToString());
            trajecten.Add(trajectId);
        }

        // Silo 1 dies; every traject (some lived on silo 1) answers again through silo 2 with its state.
        await een.KillAsync();
        var failover = Stopwatch.StartNew();
        foreach (var trajectId in trajecten)
        {
            await WachtAsync(async () =>
            {
                var (status, json) = await twee.StuurAsync(HttpMethod.Get, $"/api/v1/trajecten/{trajectId}");
                return status == 200 && json!["mijlpalen"]!.AsArray().Count == 1;
            }, $"traject {trajectId} via silo 2", 90);
        }

        Console.WriteLine($"[meting] alle 10 trajecten weer beschikbaar via silo 2, {failover.Elapsed.TotalSeconds:F1} s na kill -9 van silo 1");
        var verder = await twee.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajecten[0]}/mijlpalen", new { soort = "beeindigd", datum = Vandaag, reden = "overig" }, "b");
        Assert.Equal(201, verder.Status);
        Assert.Equal(2, (int)verder.Json!["volgnummer"]!);
    }

    private static readonly string[] Bsns =
        ["111222333", "123456782", "010000021", "010000033", "010000045", "010000057", "010000069", "010000070", "010000082", "010000094"];

    private static async Task WachtAsync(Func<Task<bool>> voorwaarde, string wat, int seconden)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        while (true)
        {
            try
            {
                if (await voorwaarde())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"Na {seconden} s nog niet: {wat}");
            await Task.Delay(100);
        }
    }
}
