using System.Net.Http.Headers;
using Npgsql;
using Trajecten.Api.Autorisatie;

namespace Trajecten.Postgres.Tests;

/// <summary>Event streams in PostgreSQL mode: all streams of a silo read one shared tail of the log, not a query each.</summary>
[Collection(PostgresCollection.Naam)]
public class StroomTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Three_hundred_idle_streams_hold_a_handful_of_database_connections_and_all_get_the_next_milestone()
    {
        const int aantal = 300;
        var database = await fixture.Server.MaakDatabaseAsync();
        await using var silo = await SiloProces.StartAsync(database, "stromen", new Dictionary<string, string>
        {
            ["Api__StromenPerGebruiker"] = "1000",
            ["Api__StroomHartslag"] = "00:00:01",
        });
        var (_, client) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn = "123456782", gemeente = "Alkmaar" });
        var clientId = client!["clientId"]!.ToString();
        var trajectId = (await silo.StuurAsync(HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort = "re-integratie" })).Json!["trajectId"]!.ToString();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = aantal + 10 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPoort}"), Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloProces.Token("veel-stromen", [Rollen.Ketenpartner], ["regio"]));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var stromen = await Task.WhenAll(Enumerable.Range(0, aantal).Select(async _ =>
        {
            var antwoord = await http.GetAsync("/api/v1/gebeurtenissen/stream", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            Assert.Equal(200, (int)antwoord.StatusCode);
            return (antwoord, new StreamReader(await antwoord.Content.ReadAsStreamAsync(stop.Token)));
        }));

        try
        {
            // Every stream has been idle long enough for a heartbeat: the database sees the silo's own connections, not one per stream.
            await Task.WhenAll(stromen.Select(async s =>
            {
                while (await s.Item2.ReadLineAsync(stop.Token) is { } regel && regel != ": hartslag")
                {
                }
            }));
            await using var beheer = NpgsqlDataSource.Create(database);
            await using var tel = beheer.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
            var verbindingen = (long)(await tel.ExecuteScalarAsync(stop.Token))!;
            Assert.True(verbindingen <= 25, $"{verbindingen} databaseverbindingen voor {aantal} stromen");

            // Others can still write, and every stream gets the milestone.
            var (status, mijlpaal) = await silo.StuurAsync(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen",
                new { soort = "intake", datum = DateTime.UtcNow.ToString("yyyy-MM-dd") }, "intake");
            Assert.Equal(201, status);
            var mijlpaalId = mijlpaal!["mijlpaalId"]!.ToString();
            await Task.WhenAll(stromen.Select(async s =>
            {
                while (await s.Item2.ReadLineAsync(stop.Token) is { } regel)
                {
                    if (regel.StartsWith("data: ", StringComparison.Ordinal) && regel.Contains(mijlpaalId, StringComparison.Ordinal))
                    {
                        return;
                    }
                }

                Assert.Fail("de stroom eindigde zonder de mijlpaal");
            }));
        }
        finally
        {
            foreach (var (antwoord, lezer) in stromen)
            {
                lezer.Dispose();
                antwoord.Dispose();
            }
        }
    }
}
