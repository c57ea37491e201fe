using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Relay;

[GenerateSerializer, Alias("trajecten.relay-state.v1")]
public sealed class RelayState
{
    /// <summary>Every fact up to and including this position has been delivered.</summary>
    [Id(0)] public long Cursor { get; set; }
}

/// <summary>
/// Tails the event log and delivers every fact again, in position order per client: a milestone to the client's
/// klantbeeld (without deadlines, so the klantbeeld asks the traject) and, for a placement, to the employer;
/// a signal to the klantbeeld. These are grain calls, so delivery is acknowledged: a fact whose delivery fails
/// keeps the cursor before it and is tried again on the next tick. (Publishing into a memory stream is not
/// delivery: a silo that dies takes its stream queue with it.) Consumers apply idempotently, so the fast path's
/// copy and the relay's copy change the view once. Each milestone also rings the gemeente stream, best effort,
/// for Orleans clients that follow the feed. One activation cluster-wide; if its silo dies, the next tick from
/// a surviving silo activates it there and it resumes from the persisted cursor.
/// </summary>
public sealed partial class GebeurtenisRelayGrain(
    [PersistentState("relay", StorageNames.Trajecten)] IPersistentState<RelayState> state,
    IGebeurtenisLog gebeurtenissen,
    IOptions<RelayOpties> opties,
    ILogger<GebeurtenisRelayGrain> logger) : Grain, IGebeurtenisRelayGrain
{
    public async Task<int> TikAsync()
    {
        var feiten = await gebeurtenissen.LeesAllesAsync(state.State.Cursor, opties.Value.Batch);
        if (feiten.Count == 0)
        {
            return 0;
        }

        // Clients in parallel, each client's facts in order. The cursor moves up to just before the first failure.
        var mislukt = await Task.WhenAll(feiten
            .GroupBy(f => f.Mijlpaal?.ClientId ?? f.Signaal!.ClientId)
            .Select(AfleverenAsync));
        var eersteFout = mislukt.Where(p => p is not null).Min();
        var nieuw = eersteFout is { } fout ? fout - 1 : feiten[^1].Positie;
        if (nieuw > state.State.Cursor)
        {
            state.State.Cursor = nieuw;
            await state.WriteStateAsync();
        }

        await LuidAsync(feiten.Where(f => f.Positie <= nieuw));
        return eersteFout is null ? feiten.Count : 0;
    }

    /// <summary>Delivers one client's facts in order; returns the position of the first that failed, or null.</summary>
    private async Task<long?> AfleverenAsync(IEnumerable<LogFeit> feiten)
    {
        foreach (var feit in feiten)
        {
            try
            {
                await AfleverenAsync(feit);
            }
            catch (Exception ex)
            {
                LogAfleveringMislukt(logger, ex, feit.Positie);
                return feit.Positie;
            }
        }

        return null;
    }

    private async Task AfleverenAsync(LogFeit feit)
    {
        if (feit.Mijlpaal is { } g)
        {
            await GrainFactory.GetGrain<IKlantbeeldGrain>(g.ClientId).PasToeAsync(new TrajectGebeurtenis
            {
                TrajectId = g.TrajectId,
                ClientId = g.ClientId,
                Gemeente = g.Gemeente,
                Soort = g.TrajectSoort,
                AangemeldOp = g.Mijlpaal.GeregistreerdOp, // not in the log; unused: a relayed event makes the klantbeeld ask the traject
                Mijlpaal = g.Mijlpaal,
                Termijnen = null,
                AantalMijlpalen = g.Mijlpaal.Volgnummer,
            });
            if (g.Mijlpaal.Details.KvkNummer is { } kvk)
            {
                await GrainFactory.GetGrain<IWerkgeverGrain>(GrainKeys.Werkgever(kvk)).RegistreerPlaatsingAsync(new Plaatsing
                {
                    TrajectId = g.TrajectId,
                    MijlpaalId = g.Mijlpaal.MijlpaalId,
                    Soort = Domain.Traject.TrajectCodes.Mijlpaal.Code(g.Mijlpaal.Soort),
                    Datum = g.Mijlpaal.Datum,
                });
            }
        }
        else if (feit.Signaal is { } s)
        {
            await GrainFactory.GetGrain<IKlantbeeldGrain>(s.ClientId).PasSignaalToeAsync(s.Signaal.Melding);
        }
    }

    /// <summary>The doorbell for Orleans clients; they read the feed themselves, so a lost ring costs only latency.</summary>
    private async Task LuidAsync(IEnumerable<LogFeit> feiten)
    {
        var streams = this.GetStreamProvider(StreamNames.Provider);
        foreach (var g in feiten.Select(f => f.Mijlpaal).OfType<Gebeurtenis>())
        {
            try
            {
                await streams.GetStream<Gebeurtenis>(StreamId.Create(StreamNames.GemeenteGebeurtenissen, g.Gemeente)).OnNextAsync(g);
            }
            catch (Exception ex)
            {
                LogBelMislukt(logger, ex, g.Positie);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Relay: feit op positie {Positie} niet afgeleverd; de volgende tik probeert het opnieuw")]
    private static partial void LogAfleveringMislukt(ILogger logger, Exception ex, long positie);

    [LoggerMessage(LogLevel.Warning, "Relay: gemeentestroom voor positie {Positie} niet geluid")]
    private static partial void LogBelMislukt(ILogger logger, Exception ex, long positie);
}

/// <summary>The milestone feed for Orleans clients; stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class GebeurtenisFeedGrain(IGebeurtenisLog gebeurtenissen) : Grain, IGebeurtenisFeedGrain
{
    public const int MaxAantal = 1000;

    public Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, string? gemeente) =>
        gebeurtenissen.LeesAsync(Math.Max(0, na), Math.Clamp(aantal, 1, MaxAantal), new GebeurtenisFilter(gemeente));
}
