using Trajecten.Abstractions.Leesmodel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Grains.Projecties;

namespace Trajecten.Grains;

public static class TrajectenSiloBuilderExtensions
{
    /// <summary>
    /// The services the Trajecten grains need (clock, metrics, the projections in the order they run). Storage, the log
    /// and the read models are added by the mode (in memory, PostgreSQL).
    /// </summary>
    public static ISiloBuilder AddTrajectenGrains(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddKeyedSingleton(DomeinKlok.Sleutel, TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<TrajectenMetrics>();
        builder.Services.TryAddSingleton<ProjectieMetrics>();
        builder.Services.TryAddSingleton<LogMelder>();
        builder.Services.TryAddSingleton(sp => new Momentopnamen(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(), vluchtigeOpslag: false));
        builder.Services.AddOptions<Domain.Traject.TermijnOpties>();
        builder.Services.AddOptions<AbonnementOpties>();
        builder.Services.TryAddSingleton<Abonnementen.WebhookVerbinding>();
        builder.Services.AddHttpClient<Abonnementen.WebhookAfleveraar>()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<Abonnementen.WebhookVerbinding>().Handler());
        builder.Services.AddOptions<ProjectieOpties>();
        builder.Services.AddOptions<Kengetallen.KengetallenOpties>();
        builder.Services.AddTrajectenProjecties();
        builder.Services.AddHostedService<ProjectieTikker>();
        // The vault: the mode adds where the keys are kept (ISleutelopslag) and the master keys (Hoofdsleutels).
        builder.Services.TryAddSingleton(sp => new Privacy.Persoonsgegevens(sp.GetRequiredService<Privacy.ISleutelopslag>(),
            sp.GetRequiredService<Privacy.Hoofdsleutels>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Privacy.PersoonsgegevensOpties>>().Value,
            TimeProvider.System));
        // State is written with Orleans' own serializer, so [GenerateSerializer]/[Id]/[Alias] govern what is stored for
        // years (a provider's default JSON would ignore them and change decimal scale), and sealed when it is personal.
        builder.Services.AddSingleton<Orleans.Storage.IGrainStorageSerializer>(sp => new Privacy.PersoonlijkeStaatSerializer(
            new Orleans.Storage.OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()),
            sp.GetRequiredService<Privacy.Persoonsgegevens>()));
        builder.Services.AddOptions<Privacy.PersoonsgegevensOpties>();
        builder.Services.AddOptions<Privacy.BewaartermijnOpties>();
        builder.Services.AddHostedService<Privacy.BewaartermijnPlanner>();
        return builder;
    }

    /// <summary>
    /// The projections, in the order they run: the klantbeeld first, the caseload and the management figures (read from it) last. Also used by the
    /// <c>projecties</c> command, which needs their names and read models.
    /// </summary>
    public static IServiceCollection AddTrajectenProjecties(this IServiceCollection services)
    {
        services.AddSingleton<IProjectie, KlantbeeldProjectie>();
        services.AddSingleton<IProjectie, WerkgeverProjectie>();
        services.AddSingleton<IProjectie, VerhuizingProjectie>();
        services.AddSingleton<IProjectie, ClientTrajectenProjectie>();
        services.AddSingleton<IProjectie, GemeenteBelProjectie>();
        services.AddSingleton<IProjectie, CaseloadProjectie>();
        services.AddSingleton<IProjectie, KengetallenProjectie>();
        services.AddSingleton<IProjectie, Privacy.BeperkingenProjectie>();
        return services;
    }

    /// <summary>
    /// In-memory log, grain storage, read models and memory streams: the zero-setup default. Nothing survives the process.
    /// </summary>
    public static ISiloBuilder AddTrajectenInMemoryStorage(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton<IGebeurtenisLog, GeheugenGebeurtenisLog>();
        builder.Services.TryAddSingleton<IProjectieOpslag, GeheugenProjectieOpslag>();
        builder.Services.TryAddSingleton<ICaseload, GeheugenCaseload>();
        builder.Services.TryAddSingleton<IKengetallen, GeheugenKengetallen>();
        builder.Services.TryAddSingleton<Privacy.ISleutelopslag, Privacy.GeheugenSleutelopslag>();
        builder.Services.TryAddSingleton(_ => Privacy.Hoofdsleutels.Maak(new Privacy.PersoonsgegevensOpties(), inMemory: true, out var _));
        builder.Services.AddSingleton(sp => new Momentopnamen(sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(), vluchtigeOpslag: true));
        return builder
            .AddMemoryGrainStorage(OpslagNamen.Trajecten)
            .AddMemoryGrainStorage(OpslagNamen.PubSub)
            .AddMemoryStreams(StroomNamen.Provider);
    }
}
