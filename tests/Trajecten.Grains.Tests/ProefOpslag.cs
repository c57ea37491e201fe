using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Storage;

namespace Trajecten.Grains.Tests;

/// <summary>Grain storage that a test can make refuse the next writes of one grain (a database blip); otherwise the memory storage.</summary>
public sealed class ProefOpslag(IGrainStorage binnen) : IGrainStorage
{
    private static readonly ConcurrentDictionary<GrainId, int> Weigeren = new();

    /// <summary>The next <paramref name="aantal"/> state writes of this grain fail.</summary>
    public static void Weiger(GrainId grain, int aantal) => Weigeren[grain] = aantal;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => binnen.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Weigeren.TryGetValue(grainId, out var aantal) && aantal > 0)
        {
            Weigeren[grainId] = aantal - 1;
            throw new InvalidOperationException("De opslag is even niet bereikbaar (proef).");
        }

        return binnen.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => binnen.ClearStateAsync(stateName, grainId, grainState);
}
