using Trajecten.Grains.Privacy;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Postgres;
using Trajecten.Api;
using Trajecten.Api.Autorisatie;
using Trajecten.Grains;
using Trajecten.Silo.Instellingen;
using Trajecten.Silo.Telemetrie;

namespace Trajecten.Silo;

/// <summary>
/// Composes the process: one Orleans silo, the HTTP API on top of its cluster client, metrics and
/// health. Everything configurable is read here, once.
/// </summary>
public static class TrajectenHost
{
    public const string ConnectionStringNaam = "Trajecten";
    /// <summary>Optional: the role that owns the schema and migrates it; the application role then gets only what it needs.</summary>
    public const string MigratieConnectionStringNaam = "TrajectenMigratie";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configureer = null)
    {
        // Content root = the binaries' folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configureer?.Invoke(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringNaam);
        var inMemory = string.IsNullOrWhiteSpace(connectionString);
        Instellingstabel.Controleer(builder.Configuration);
        Instellingstabel.Registreer(builder.Services);
        var silo = Instellingstabel.Lees<SiloOpties>(builder.Configuration);
        var telemetrie = Instellingstabel.Lees<TelemetrieOpties>(builder.Configuration);
        var pseudoniem = Pseudonimisering.Maak(builder.Configuration, inMemory, out var ontwikkelsleutel);
        var hoofdsleutels = Hoofdsleutels.Maak(Instellingstabel.Lees<PersoonsgegevensOpties>(builder.Configuration), inMemory, out var ontwikkelHoofdsleutel);
        var authenticatie = Instellingstabel.Lees<AuthenticatieOpties>(builder.Configuration);
        var tokensleutel = Authenticatie.OntwikkelSleutel(authenticatie, inMemory, out var vasteTokensleutel);
        if (!inMemory && silo.Kubernetes)
        {
            Pod.Controleer();
        }

        if (silo.Dashboard)
        {
            Authenticatie.ControleerBeheerAanmelding(authenticatie);
        }

        var toegepast = inMemory ? [] : PostgresOpslag.Voorbereiden(connectionString!,
            builder.Configuration.GetConnectionString(MigratieConnectionStringNaam), silo.DatabaseWachttijd);

        // One pool per silo, for the log, the read side, the access log, the key ring and Orleans' providers.
        var database = inMemory ? null : NpgsqlDataSource.Create(PostgresOpslag.Afgestemd(connectionString!));
        if (database is not null)
        {
            // Before anything is read or written: every master key that wraps data keys is here and is the key it was.
            SleutelCommando.Controleer(database, hoofdsleutels, silo.DatabaseWachttijd);
        }

        builder.Services.AddSingleton(hoofdsleutels);
        builder.UseOrleans(orleans =>
        {
            if (inMemory)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddTrajectenInMemoryStorage().UseInMemoryReminderService();
            }
            else
            {
                if (silo.Kubernetes)
                {
                    orleans.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (silo.SiloPort, silo.GatewayPort));
                    orleans.UseKubernetesHosting();
                }
                else
                {
                    orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
                    orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedIp), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: silo.AdvertisedIp != "127.0.0.1");
                }
                orleans.AddTrajectenPostgres(database!).AddMemoryStreams(StroomNamen.Provider);
                orleans.Services.AddSingleton(_ => database!); // created by a factory: disposed with the host
                orleans.Services.AddSingleton<IGebeurtenisLog, PostgresGebeurtenisLog>();
                orleans.Services.AddSingleton<Grains.Projecties.IProjectieOpslag, PostgresProjectieOpslag>();
                orleans.Services.AddSingleton<Abstractions.Leesmodel.ICaseload, PostgresCaseload>();
                orleans.Services.AddSingleton<Abstractions.Leesmodel.IKengetallen, PostgresKengetallen>();
                orleans.Services.AddHostedService<LogLuisteraar>();
            }

            orleans.AddTrajectenGrains();
            if (!string.IsNullOrWhiteSpace(telemetrie.OtlpEndpoint))
            {
                orleans.AddActivityPropagation(); // grain calls join the request's trace
            }

            if (silo.Dashboard)
            {
                orleans.AddDashboard();
            }
        });

        builder.Services.AddTrajectenHttpApi(builder.Configuration, pseudoniem, authenticatie, tokensleutel);
        // Only the dashboard's sign-in protects anything (its cookie, the form, the OIDC round trip). With PostgreSQL the key
        // ring is the cluster's (trajecten_sleutelring), so a browser signed in through one silo is signed in on all; in
        // memory it lives in the process, said so here rather than in warnings at every start about a ring nobody keeps.
        var sleutels = builder.Services.AddDataProtection().SetApplicationName("trajecten");
        if (database is null)
        {
            sleutels.UseEphemeralDataProtectionProvider();
        }
        else
        {
            builder.Services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
                o.XmlRepository = new PostgresSleutelring(database));
        }

        if (silo.Dashboard)
        {
            builder.Services.AddBeheerAanmelding(authenticatie);
        }

        var gezondheid = builder.Services.AddHealthChecks().AddCheck<ClusterGereedCheck>("cluster", tags: ["ready"]);
        builder.Services.AddSingleton<IHealthCheckPublisher, GereedheidMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
            (o.Delay, o.Period, o.Predicate) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), c => c.Tags.Contains("ready")));
        if (!inMemory)
        {
            builder.Services.AddSingleton<IVerwerkingenLog, PostgresVerwerkingenLog>();
            gezondheid.AddCheck<DatabaseGereedCheck>("database", tags: ["ready"]);
        }
        builder.VoegTelemetrieToe(telemetrie);

        var app = builder.Build();
        app.UseTrajectenHttpApi();
        app.MapTrajectenHttpApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = SchrijfGezondheid }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = SchrijfGezondheid }).AllowAnonymous();
        // The Orleans Dashboard has no authentication of its own: beheerder only, by bearer token or browser sign-in.
        if (silo.Dashboard)
        {
            app.MapBeheerAanmelding(authenticatie);
            app.MapOrleansDashboard(BeheerAanmelding.Dashboard).RequireAuthorization(Beleid.Dashboard);
        }
        // Per process (/metrics, every silo) and per cluster (/metrics/kengetallen, reported by one silo): see KengetallenExport.
        foreach (var metrics in new[]
        {
            app.MapPrometheusScrapingEndpoint("/metrics"),
            app.MapGet(KengetallenExport.Pad, KengetallenExport.SchrijfAsync).ExcludeFromDescription(),
        })
        {
            if (authenticatie.MetricsOpen)
            {
                metrics.AllowAnonymous();
            }
            else
            {
                metrics.RequireAuthorization(Beleid.Metrics);
            }
        }

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Trajecten");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (inMemory)
            {
                log.LogWarning(
                    "IN-MEMORY MODUS: niets is duurzaam opgeslagen; alle cliënten, trajecten en signalen verdwijnen als dit proces stopt. "
                    + "Dit is alleen om het systeem uit te proberen.");
            }
            else
            {
                log.LogInformation("PostgreSQL-modus: {Database}, cluster {ClusterId}, schemaversies toegepast bij start: {Toegepast}",
                    PostgresOpslag.Beschrijf(connectionString!), silo.ClusterId, toegepast.Count == 0 ? "geen (al bij)" : string.Join(",", toegepast));
            }

            if (vasteTokensleutel)
            {
                log.LogWarning("Tokens worden gecontroleerd met de vaste ontwikkelsleutel; maak er een met `dotnet run --project silo/Trajecten.Silo -- token …`.");
            }
            else if (tokensleutel is not null)
            {
                log.LogWarning("Tokens worden gecontroleerd met Authenticatie:OntwikkelSleutel, niet met een OIDC-provider.");
            }

            if (ontwikkelHoofdsleutel)
            {
                log.LogWarning("Persoonsgegevens worden versleuteld met de vaste ontwikkel-hoofdsleutel; zet Persoonsgegevens:Hoofdsleutels voor echte gegevens.");
            }

            if (ontwikkelsleutel)
            {
                log.LogWarning("Pseudonimisering gebruikt de vaste ontwikkelsleutel; zet Pseudonimisering:Sleutel voor echte gegevens.");
            }
        });
        return app;
    }

    /// <summary>The <c>migrate</c> command: schema up to date, one line of outcome, exit code 0.</summary>
    public static Task<int> MigreerAsync(string[] args)
    {
        var configuration = Opdrachtregel.LeesConfiguratie(args);
        var connectionString = configuration.GetConnectionString(ConnectionStringNaam);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfiguratieFout("migrate heeft ConnectionStrings:Trajecten nodig (bijv. de omgevingsvariabele ConnectionStrings__Trajecten).");
        }

        var silo = Instellingstabel.Lees<SiloOpties>(configuration);
        var toegepast = PostgresOpslag.Voorbereiden(connectionString, configuration.GetConnectionString(MigratieConnectionStringNaam), silo.DatabaseWachttijd);
        Console.WriteLine(toegepast.Count == 0
            ? $"Schema van {PostgresOpslag.Beschrijf(connectionString)} is al bij (versie {SchemaMigratie.Versies[^1].Nummer})."
            : $"Schema van {PostgresOpslag.Beschrijf(connectionString)} bijgewerkt: versie(s) {string.Join(", ", toegepast)} toegepast.");
        return Task.FromResult(0);
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
