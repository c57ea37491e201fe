using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Trajecten.Api;
using Trajecten.Grains;

namespace Trajecten.Silo;

/// <summary>
/// Composes the process: one Orleans silo, the HTTP API on top of its cluster client, metrics and
/// health. Everything configurable is read here, once.
/// </summary>
public static class TrajectenHost
{
    public const string ConnectionStringNaam = "Trajecten";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureer = null)
    {
        // Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configureer?.Invoke(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringNaam);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfiguratieFout(
                "ConnectionStrings:Trajecten is gezet, maar deze versie kent nog geen PostgreSQL-opslag; laat de instelling weg voor de in-memory modus.");
        }

        var silo = Lees<SiloOpties>(builder.Configuration, SiloOpties.Sectie);
        Lees<RegioOpties>(builder.Configuration, RegioOpties.Sectie);
        Lees<ApiOpties>(builder.Configuration, ApiOpties.Sectie);
        var pseudoniem = Pseudonimisering.Maak(builder.Configuration, inMemory: true, out var ontwikkelsleutel);

        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
            orleans.AddTrajectenGrains().AddTrajectenInMemoryStorage();
        });

        builder.Services.AddTrajectenHttpApi(builder.Configuration, pseudoniem);
        builder.Services.AddHealthChecks().AddCheck<ClusterGereedCheck>("cluster", tags: ["ready"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("trajecten", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(TrajectenMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());

        var app = builder.Build();
        app.UseTrajectenHttpApi();
        app.MapTrajectenHttpApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = SchrijfGezondheid });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = SchrijfGezondheid });
        app.MapPrometheusScrapingEndpoint("/metrics");

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Trajecten");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            log.LogWarning(
                "IN-MEMORY MODUS: niets is duurzaam opgeslagen; alle cliënten, trajecten en signalen verdwijnen als dit proces stopt. "
                + "Dit is alleen om het systeem uit te proberen.");
            if (ontwikkelsleutel)
            {
                log.LogWarning("Pseudonimisering gebruikt de vaste ontwikkelsleutel; zet Pseudonimisering:Sleutel voor echte gegevens.");
            }
        });
        return app;
    }

    /// <summary>Reads and checks a section before anything starts, so a wrong setting is one sentence naming it.</summary>
    private static T Lees<T>(IConfiguration configuration, string sectie) where T : new()
    {
        var opties = configuration.GetSection(sectie).Get<T>() ?? new T();
        var fouten = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(opties, new(opties), fouten, validateAllProperties: true))
        {
            throw new ConfiguratieFout(string.Join(" ", fouten.Select(f => $"{sectie}:{string.Join(",", f.MemberNames)}: {f.ErrorMessage}")));
        }

        return opties;
    }

    private static Task SchrijfGezondheid(HttpContext context, HealthReport rapport)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = rapport.Status.ToString(),
            checks = rapport.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), omschrijving = e.Value.Description }),
        }));
    }
}
