using Orleans.Concurrency;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Feed;

/// <summary>The milestone feed for Orleans clients; stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class GebeurtenisFeedGrain(IGebeurtenisLog gebeurtenissen) : Grain, IGebeurtenisFeedGrain
{
    public const int MaxAantal = 1000;

    public Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, string? gemeente) =>
        gebeurtenissen.LeesAsync(Math.Max(0, na), Math.Clamp(aantal, 1, MaxAantal), GebeurtenisFilter.Van(gemeente, null));

    public Task<long> KopAsync() => gebeurtenissen.LaatstePositieAsync();
}
