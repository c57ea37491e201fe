using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

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

/// <summary>Traces, when a collector is configured: one trace per request through ASP.NET Core, Orleans and Npgsql.</summary>
[Collection(PostgresCollection.Naam)]
public class TraceTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_read_is_one_trace_through_asp_net_core_orleans_and_npgsql_with_the_access_logs_trace_id_and_without_the_person()
    {
        // An OTLP/HTTP collector: it keeps what the silo exports.
        var ontvangen = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        var ontvanger = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        ontvanger.Configuration["Urls"] = "http://127.0.0.1:0";
        await using var collector = ontvanger.Build();
        collector.MapPost("/v1/traces", async (Microsoft.AspNetCore.Http.HttpContext context) =>
        {
            using var inhoud = new MemoryStream();
            await context.Request.Body.CopyToAsync(inhoud);
            ontvangen.Enqueue(inhoud.ToArray());
        });
        await collector.StartAsync();
        var adres = collector.Urls.First();

        var database = await fixture.Server.MaakDatabaseAsync();
        await using var silo = await SiloProces.StartAsync(database, "sporen", new Dictionary<string, string>
        {
            ["Telemetrie__OtlpEndpoint"] = adres,
            ["Telemetrie__OtlpProtocol"] = "HttpProtobuf",
        });
        const string bsn = "123456782";
        var clientId = (await silo.StuurAsync(HttpMethod.Post, "/api/v1/clienten", new { bsn, gemeente = "Bergen" })).Json!["clientId"]!.ToString();
        Assert.Equal(200, (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/clienten/{clientId}/klantbeeld")).Status);
        var traceId = (await silo.StuurAsync(HttpMethod.Get, $"/api/v1/verwerkingen?clientId={clientId}")).Json!["verwerkingen"]!.AsArray()
            .Single(v => v!["objectSoort"]!.ToString() == "klantbeeld")!["traceId"]!.ToString();

        // Protobuf keeps strings as UTF-8 and a trace id as its 16 bytes: look for them in what arrived (the exporter sends every 5 s).
        var route = System.Text.Encoding.UTF8.GetBytes("/api/v1/clienten/{clientId}/klantbeeld");
        var spoor = Convert.FromHexString(traceId);
        byte[] Alles() => ontvangen.SelectMany(b => b).ToArray();
        bool Bevat(byte[] naald) => Alles().AsSpan().IndexOf(naald) >= 0;
        var tot = DateTime.UtcNow.AddSeconds(30);
        while (!(Bevat(route) && Bevat(spoor) && Bevat("Microsoft.Orleans.Application"u8.ToArray()) && Bevat("Npgsql"u8.ToArray())) && DateTime.UtcNow < tot)
        {
            await Task.Delay(100);
        }

        Assert.True(Bevat(route), "geen span met de route van het klantbeeld");
        Assert.True(Bevat(spoor), "het trace-id van het toegangslog kwam niet aan");
        Assert.True(Bevat("Microsoft.Orleans.Application"u8.ToArray()), "geen grain-aanroep in het spoor");
        Assert.True(Bevat("Npgsql"u8.ToArray()), "geen databaseopdracht in het spoor");
        var alles = Alles(); var waar = alles.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(clientId));
        Assert.False(waar >= 0, "de clientId staat in een span: " + (waar < 0 ? "" : string.Concat(alles.Skip(Math.Max(0, waar - 150)).Take(220).Select(b => b is >= 32 and < 127 ? (char)b : '.'))));
        Assert.False(Bevat(System.Text.Encoding.UTF8.GetBytes(bsn)), "het BSN staat in een span");
    }
}
