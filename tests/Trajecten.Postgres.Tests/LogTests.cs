using System.Text.Json.Nodes;

namespace Trajecten.Postgres.Tests;

/// <summary>The operator's view of a request: one JSON log line, in the same trace as the access-log record of that read.</summary>
[Collection(PostgresCollection.Naam)]
public class LogTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_json_request_log_line_carries_the_trace_id_of_the_access_log_record_and_no_identifier_of_the_person()
    {
        var database = await fixture.Server.MaakDatabaseAsync();
        await using var silo = await SiloProces.StartAsync(database, "logboek", new Dictionary<string, string>
        {
            ["Telemetrie__Logformaat"] = "Json",
            ["Logging__LogLevel__Trajecten.Verzoeken"] = "Information",
        });
        const string bsn = "111222333";
        var (_, client) = await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = "Alkmaar" });
        var clientId = client!["clientId"]!.ToString();
        Assert.Equal(200, (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/klantbeeld")).Status);

        var (status, verwerkingen) = await silo.StuurAsync(HttpMethod.Get, $"/api/v1/verwerkingen?clientId={clientId}");
        Assert.Equal(200, status);
        var record = verwerkingen!["verwerkingen"]!.AsArray().Single(v => v!["objectSoort"]!.ToString() == "klantbeeld");
        var traceId = record!["traceId"]!.ToString();
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // The line is written as the response completes: wait for it, with a deadline.
        JsonObject? regel = null;
        var tot = DateTime.UtcNow.AddSeconds(20);
        while (regel is null && DateTime.UtcNow < tot)
        {
            regel = silo.Uitvoer.Where(r => r.StartsWith('{')).Select(r => JsonNode.Parse(r)!.AsObject())
                .FirstOrDefault(r => r["category"]?.ToString() == "Trajecten.Verzoeken" && r["Route"]?.ToString() == "/api/v1/clienten/{clientId}/klantbeeld");
            if (regel is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(regel);
        Assert.Equal(traceId, regel["trace_id"]!.ToString());
        Assert.Equal("GET", regel["Methode"]!.ToString());
        Assert.Equal(200, (int)regel["Status"]!);
        Assert.Equal("{Methode} {Route} {Status} {DuurMs:0.0} ms", regel["template"]!.ToString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", regel["timestamp"]!.ToString());
        Assert.Equal("information", regel["level"]!.ToString());

        // Every line is JSON, and none names the person: no BSN, no clientId.
        Assert.All(silo.Uitvoer, r => Assert.True(r.StartsWith('{') && JsonNode.Parse(r) is JsonObject, r));
        Assert.DoesNotContain(silo.Uitvoer, r => r.Contains(bsn, StringComparison.Ordinal) || r.Contains(clientId, StringComparison.Ordinal));
    }
}
