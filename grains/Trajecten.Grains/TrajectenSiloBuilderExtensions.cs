using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trajecten.Abstractions;

namespace Trajecten.Grains;

public static class TrajectenSiloBuilderExtensions
{
    /// <summary>The services the Trajecten grains need (clock, metrics). Storage and streams are added separately.</summary>
    public static ISiloBuilder AddTrajectenGrains(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<TrajectenMetrics>();
        builder.Services.AddOptions<Domain.Traject.TermijnOpties>();
        builder.Services.AddOptions<Abonnementen.AbonnementOpties>();
        builder.Services.TryAddSingleton<Abonnementen.WebhookAfleveraar>();
        builder.Services.AddOptions<Relay.RelayOpties>();
        builder.Services.AddHostedService<Relay.RelayTikker>();
        return builder;
    }

    /// <summary>
    /// In-memory grain storage and memory streams: the zero-setup default. Nothing survives the process.
    /// </summary>
    public static ISiloBuilder AddTrajectenInMemoryStorage(this ISiloBuilder builder)
    {
        builder.Services.TryAddSingleton<Abstractions.Messages.IGebeurtenisLog, GeheugenGebeurtenisLog>();
        return builder
            .AddMemoryGrainStorage(StorageNames.Trajecten)
            .AddMemoryGrainStorage(StorageNames.PubSub)
            .AddMemoryStreams(StreamNames.Provider);
    }
}
