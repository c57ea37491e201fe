using Orleans.Concurrency;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Publicatie;

namespace Trajecten.Grains.Feed;

/// <summary>The milestone feed for Orleans clients; stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class GebeurtenisFeedGrain(IGebeurtenisLog gebeurtenissen) : Grain, IGebeurtenisFeedGrain
{
    public const int MaxAantal = 1000;

    private static readonly GebeurtenisType[] Mijlpalen = [GebeurtenisType.MijlpaalGeregistreerd];

    /// <summary>Leaves out clients whose processing is restricted (AVG art. 18), like the HTTP feed.</summary>
    public async Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, string? gemeente) =>
        (await gebeurtenissen.LeesAsync(Math.Max(0, na), Math.Clamp(aantal, 1, MaxAantal),
            new GebeurtenisFilter(gemeente is null ? null : [gemeente], null, Mijlpalen, await GrainFactory.GetGrain<IBeperkingenGrain>(0).LeesAsync())))
        .Select(f => f.AlsMijlpaal).OfType<Gebeurtenis>().ToArray();

    public Task<long> KopAsync() => gebeurtenissen.LaatstePositieAsync();
}
