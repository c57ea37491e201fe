using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trajecten.Abstractions;
using Trajecten.BackOffice.Voorbeeld;

// Back-office example: an Orleans client that prints one gemeente's milestones as they are recorded.
//   dotnet run --project silo/Trajecten.BackOffice.Voorbeeld -- --Gemeente Alkmaar [--Vanaf 0]
// It joins the cluster through a silo's gateway (Gateway, default 127.0.0.1:30000) or, with
// ConnectionStrings:Trajecten set, through the cluster's membership table in PostgreSQL (Silo:ClusterId).
// It keeps its cursor in a file (Cursorbestand), so a restart resumes where it stopped: no gaps, no repeats.
var builder = Host.CreateApplicationBuilder(args);
var gemeente = builder.Configuration["Gemeente"] ?? "Alkmaar";
var cursorbestand = builder.Configuration["Cursorbestand"] ?? $"trajecten-volger-{gemeente.ToLowerInvariant()}.cursor";
var connectionString = builder.Configuration.GetConnectionString("Trajecten");
builder.UseOrleansClient(client =>
{
    client.Configure<Orleans.Configuration.ClusterOptions>(o =>
    {
        o.ClusterId = builder.Configuration["Silo:ClusterId"] ?? "trajecten";
        o.ServiceId = builder.Configuration["Silo:ServiceId"] ?? "trajecten";
    });
    if (string.IsNullOrEmpty(connectionString))
    {
        var gateway = System.Net.IPEndPoint.Parse(builder.Configuration["Gateway"] ?? "127.0.0.1:30000");
        client.UseStaticClustering(gateway);
    }
    else
    {
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
    }

    client.AddMemoryStreams(StreamNames.Provider);
});

using var host = builder.Build();
await host.StartAsync();
var vanaf = builder.Configuration["Vanaf"] is { } v ? long.Parse(v, CultureInfo.InvariantCulture)
    : File.Exists(cursorbestand) ? long.Parse(await File.ReadAllTextAsync(cursorbestand), CultureInfo.InvariantCulture) : 0;
await using var volger = new GemeenteVolger(host.Services.GetRequiredService<IClusterClient>(), gemeente, vanaf, async g =>
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{g.Positie,8} {g.Gemeente} {g.TrajectId} #{g.Mijlpaal.Volgnummer} {g.Mijlpaal.Soort} {g.Mijlpaal.Datum:yyyy-MM-dd}"));
    await File.WriteAllTextAsync(cursorbestand, g.Positie.ToString(CultureInfo.InvariantCulture));
});
await volger.StartAsync();
Console.WriteLine($"Volgt {gemeente} vanaf positie {vanaf}; Ctrl+C stopt.");
await host.WaitForShutdownAsync();
