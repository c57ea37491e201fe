using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trajecten.Abstractions;
using Trajecten.BackOffice.Voorbeeld;

// Back-office example: an Orleans client that prints one gemeente's milestones as they are recorded.
//   dotnet run --project silo/Trajecten.BackOffice.Voorbeeld -- --Gemeente Alkmaar [--Vanaf 0]
// It joins the cluster through silo gateways (Gateway, comma-separated, default 127.0.0.1:30000: the in-memory silo) or,
// with ConnectionStrings:Trajecten set, through the cluster's membership table in PostgreSQL (Silo:ClusterId; the local
// cluster of deploy/scripts/local-cluster.sh is trajecten-lokaal). It keeps its cursor (Cursorbestand, default in the
// user's state directory), so a restart resumes where it stopped: no gaps, no repeats.
var builder = Host.CreateApplicationBuilder(args);
var gemeente = builder.Configuration["Gemeente"] ?? "Alkmaar";
var clusterId = builder.Configuration["Silo:ClusterId"] ?? "trajecten";
var connectionString = builder.Configuration.GetConnectionString("Trajecten");
builder.UseOrleansClient(client =>
{
    client.Configure<Orleans.Configuration.ClusterOptions>(o =>
    {
        o.ClusterId = clusterId;
        o.ServiceId = builder.Configuration["Silo:ServiceId"] ?? "trajecten";
    });
    if (string.IsNullOrEmpty(connectionString))
    {
        var gateways = (builder.Configuration["Gateway"] ?? "127.0.0.1:30000")
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(System.Net.IPEndPoint.Parse).ToArray();
        client.UseStaticClustering(gateways);
    }
    else
    {
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
    }

    client.AddMemoryStreams(StroomNamen.Provider);
});

// Registered after the Orleans client: started after it, stopped before it.
builder.Services.AddSingleton(new VolgerInstellingen(
    gemeente,
    builder.Configuration["Cursorbestand"] ?? VolgerDienst.StandaardCursorbestand(clusterId, gemeente),
    builder.Configuration["Vanaf"] is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : null));
builder.Services.AddHostedService<VolgerDienst>();
await builder.Build().RunAsync();
