using System.Text.Json;
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
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Trajecten.Api;
using Trajecten.Api.Autorisatie;
using Trajecten.Grains;

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
        var silo = Lees<SiloOpties>(builder.Configuration, SiloOpties.Sectie);
        Lees<RegioOpties>(builder.Configuration, RegioOpties.Sectie);
        Lees<ApiOpties>(builder.Configuration, ApiOpties.Sectie);
        Lees<Grains.Projecties.ProjectieOpties>(builder.Configuration, Grains.Projecties.ProjectieOpties.Sectie);
        var pseudoniem = Pseudonimisering.Maak(builder.Configuration, inMemory, out var ontwikkelsleutel);
        var authenticatie = builder.Configuration.GetSection(AuthenticatieOpties.Sectie).Get<AuthenticatieOpties>() ?? new AuthenticatieOpties();
        var tokensleutel = Authenticatie.OntwikkelSleutel(authenticatie, inMemory, out var vasteTokensleutel);
        var toegepast = inMemory ? [] : PostgresOpslag.Voorbereiden(connectionString!,
            builder.Configuration.GetConnectionString(MigratieConnectionStringNaam), silo.DatabaseWachttijd);

        builder.UseOrleans(orleans =>
        {
            if (inMemory)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.AddTrajectenInMemoryStorage().UseInMemoryReminderService();
            }
            else
            {
                orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedIp), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: silo.AdvertisedIp != "127.0.0.1");
                var database = NpgsqlDataSource.Create(PostgresOpslag.Afgestemd(connectionString!));
                orleans.AddTrajectenPostgres(database).AddMemoryStreams(StroomNamen.Provider);
                orleans.Services.AddSingleton(_ => database); // created by a factory: disposed with the host
                orleans.Services.AddSingleton<IGebeurtenisLog, PostgresGebeurtenisLog>();
                orleans.Services.AddSingleton<Grains.Projecties.IProjectieOpslag, PostgresProjectieOpslag>();
                orleans.Services.AddSingleton<Abstractions.Leesmodel.ICaseload, PostgresCaseload>();
                orleans.Services.AddSingleton<Abstractions.Leesmodel.IKengetallen, PostgresKengetallen>();
                orleans.Services.AddHostedService<LogLuisteraar>();
                orleans.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{SiloOpties.Sectie}:Membership"));
            }

            orleans.AddTrajectenGrains();
            if (silo.Dashboard)
            {
                orleans.AddDashboard();
            }
            orleans.Services.AddOptions<Domain.Traject.TermijnOpties>().Bind(builder.Configuration.GetSection(Domain.Traject.TermijnOpties.Sectie))
                .Validate(o => Domain.Traject.TermijnOpties.ControlesUit(o.NazorgControles) is not null,
                    "Termijnen:NazorgControles is een oplopende lijst van maanden (1–120), bijvoorbeeld \"6,12,18\".")
                .ValidateOnStart();
            orleans.Services.AddOptions<Grains.Kengetallen.KengetallenOpties>().Bind(builder.Configuration.GetSection(Grains.Kengetallen.KengetallenOpties.Sectie))
                .ValidateDataAnnotations().ValidateOnStart();
            orleans.Services.AddOptions<Abstractions.GrenzenOpties>().Bind(builder.Configuration.GetSection(Abstractions.GrenzenOpties.Sectie))
                .ValidateDataAnnotations().ValidateOnStart();
            orleans.Services.AddOptions<Abstractions.AbonnementOpties>().Bind(builder.Configuration.GetSection(Abstractions.AbonnementOpties.Sectie))
                .Validate(o => Domain.Webhooks.Doeladres.LeesToegestaan(o.ToegestaneDoelen, out _) is not null,
                    "Abonnementen:ToegestaneDoelen is een lijst netwerken in CIDR-notatie, zoals 127.0.0.1/32 of 10.20.0.0/16.")
                .Validate(o => Abstractions.AbonnementOpties.BasisUrlFout(o.PubliekeBasisUrl) is null,
                    Abstractions.AbonnementOpties.BasisUrlFout("x")!)
                .ValidateOnStart();
            orleans.Services.AddOptions<Grains.Projecties.ProjectieOpties>().Bind(builder.Configuration.GetSection(Grains.Projecties.ProjectieOpties.Sectie))
                .ValidateDataAnnotations().ValidateOnStart();
        });

        builder.Services.AddTrajectenHttpApi(builder.Configuration, pseudoniem, authenticatie, tokensleutel);
        var gezondheid = builder.Services.AddHealthChecks().AddCheck<ClusterGereedCheck>("cluster", tags: ["ready"]);
        builder.Services.AddSingleton<IHealthCheckPublisher, GereedheidMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
            (o.Delay, o.Period, o.Predicate) = (TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), c => c.Tags.Contains("ready")));
        if (!inMemory)
        {
            builder.Services.AddSingleton<IVerwerkingenLog, PostgresVerwerkingenLog>();
            gezondheid.AddCheck<DatabaseGereedCheck>("database", tags: ["ready"]);
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("trajecten", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter(TrajectenMetrics.MeterName, OpslagMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter());

        var app = builder.Build();
        app.UseTrajectenHttpApi();
        app.MapTrajectenHttpApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = SchrijfGezondheid }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = SchrijfGezondheid }).AllowAnonymous();
        // The Orleans Dashboard has no authentication of its own: beheerder only.
        if (silo.Dashboard)
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Beleid.Beheer);
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
        var configuration = Opdrachtregel.Instellingen(args);
        var connectionString = configuration.GetConnectionString(ConnectionStringNaam);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfiguratieFout("migrate heeft ConnectionStrings:Trajecten nodig (bijv. de omgevingsvariabele ConnectionStrings__Trajecten).");
        }

        var silo = Lees<SiloOpties>(configuration, SiloOpties.Sectie);
        var toegepast = PostgresOpslag.Voorbereiden(connectionString, configuration.GetConnectionString(MigratieConnectionStringNaam), silo.DatabaseWachttijd);
        Console.WriteLine(toegepast.Count == 0
            ? $"Schema van {PostgresOpslag.Beschrijf(connectionString)} is al bij (versie {SchemaMigratie.Versies[^1].Nummer})."
            : $"Schema van {PostgresOpslag.Beschrijf(connectionString)} bijgewerkt: versie(s) {string.Join(", ", toegepast)} toegepast.");
        return Task.FromResult(0);
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
