namespace Trajecten.Postgres.Tests;

/// <summary>Own server: this test stops PostgreSQL under a running silo.</summary>
public class DatabaseUitvalTests
{
    [Fact]
    public async Task Without_its_database_the_silo_answers_503_and_recovers_by_itself()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.MaakDatabaseAsync();
        await using var silo = await SiloProces.StartAsync(database, "uitval");
        var clientId = (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "111222333", gemeente = "Schermer" })).Json!["clientId"]!.ToString();

        await server.StopAsync(onmiddellijk: true);
        await WachtAsync(async () => (await silo.StuurAsync(HttpMethod.Get, "/health/ready")).Status == 503, "ready meldt 503");
        var registratie = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "123456782", gemeente = "Schermer" });
        Assert.Equal(503, registratie.Status);
        Assert.Equal(503, (int)registratie.Json!["status"]!);
        Assert.False(string.IsNullOrWhiteSpace(registratie.Json["detail"]?.ToString()));

        await server.StartOpnieuwAsync();
        await WachtAsync(async () => (await silo.StuurAsync(HttpMethod.Get, "/health/ready")).Status == 200, "ready weer 200");
        await WachtAsync(async () => (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "123456782", gemeente = "Schermer" })).Status == 201,
            "registratie lukt weer");
        Assert.Equal(200, (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}")).Status);
    }

    private static async Task WachtAsync(Func<Task<bool>> voorwaarde, string wat, int seconden = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        while (!await voorwaarde())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Na {seconden} s nog niet: {wat}");
            await Task.Delay(200);
        }
    }
}
