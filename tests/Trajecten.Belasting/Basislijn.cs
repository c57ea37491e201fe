using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Trajecten.Belasting;

/// <summary>
/// The baselines, as their own process: the least a web server can do (plaintext) and the least a durable
/// write can cost (HTTP POST → one INSERT committed, fsync and synchronous_commit on). Trajecten's figures are
/// reported as ratios to these, measured in the same run on the same machine.
/// </summary>
public static class Basislijn
{
    public static async Task<int> RunAsync(int poort, string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var maak = database.CreateCommand(
            "CREATE TABLE IF NOT EXISTS basislijn (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, sleutel text NOT NULL, gegevens jsonb NOT NULL, tijdstip timestamptz NOT NULL DEFAULT now())"))
        {
            await maak.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{poort}");
        var app = builder.Build();
        app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
        app.MapPost("/insert", async (HttpRequest request) =>
        {
            using var lezer = new StreamReader(request.Body);
            var body = await lezer.ReadToEndAsync();
            await using var invoegen = database.CreateCommand("INSERT INTO basislijn (sleutel, gegevens) VALUES ($1, $2::jsonb) RETURNING id");
            invoegen.Parameters.Add(new NpgsqlParameter { Value = request.Headers["Idempotency-Key"].ToString() });
            invoegen.Parameters.Add(new NpgsqlParameter { Value = body });
            var id = await invoegen.ExecuteScalarAsync();
            return Results.Text($"{{\"id\":{id}}}", "application/json", statusCode: 201);
        });
        await app.RunAsync();
        return 0;
    }
}
