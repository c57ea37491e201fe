using Microsoft.Extensions.Logging;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Traject;

/// <summary>
/// Owns one traject's milestones. The domain decides (<see cref="TrajectBesluit"/>); this grain loads,
/// asks, stores, and only then publishes and answers. Not reentrant: transitions never interleave.
/// </summary>
public sealed partial class TrajectGrain(
    [PersistentState("traject", StorageNames.Trajecten)] IPersistentState<TrajectState> state,
    TimeProvider clock,
    TrajectenMetrics metrics,
    ILogger<TrajectGrain> logger) : Grain, ITrajectGrain
{
    private bool Bestaat => state.State.ClientId is not null;

    public async Task<TrajectOverzicht> MeldAanAsync(TrajectAanmelding aanmelding)
    {
        if (Bestaat)
        {
            if (state.State.ClientId != aanmelding.ClientId)
            {
                throw new InvalidOperationException("Dit traject hoort al bij een andere cliënt.");
            }

            return Overzicht();
        }

        state.State.ClientId = aanmelding.ClientId;
        state.State.Gemeente = aanmelding.Gemeente;
        state.State.Soort = aanmelding.Soort;
        state.State.AangemeldOp = clock.GetUtcNow();
        await WriteOrForgetAsync(undo: () => state.State.ClientId = null);

        metrics.TrajectGestart(state.State.Gemeente, TrajectCodes.Soort.Code(state.State.Soort));
        await PublishAsync(mijlpaal: null);
        return Overzicht();
    }

    public Task<TrajectOverzicht?> GetAsync() => Task.FromResult(Bestaat ? Overzicht() : null);

    public async Task<MijlpaalUitkomst> RegistreerMijlpaalAsync(MijlpaalAanvraag aanvraag)
    {
        if (!Bestaat)
        {
            return MijlpaalUitkomst.Onbekend();
        }

        var uitkomst = TrajectBesluit.Beslis(state.State.Mijlpalen, aanvraag, Ids.Nieuw(Ids.MijlpaalPrefix), clock.GetUtcNow());
        if (uitkomst is not { Status: MijlpaalStatus.Geregistreerd, Mijlpaal: { } mijlpaal })
        {
            return uitkomst;
        }

        var werkgever = mijlpaal.Details.KvkNummer is { } kvk
            ? GrainFactory.GetGrain<IWerkgeverGrain>(GrainKeys.Werkgever(kvk))
            : null;
        if (werkgever is not null && await werkgever.GetAsync() is null)
        {
            return MijlpaalUitkomst.Ongeldig([Probleem.Ongeldig("kvkNummer",
                $"Er is geen werkgever met kvkNummer {mijlpaal.Details.KvkNummer} geregistreerd; registreer die eerst.")]);
        }

        state.State.Mijlpalen.Add(mijlpaal);
        await WriteOrForgetAsync(undo: () => state.State.Mijlpalen.RemoveAt(state.State.Mijlpalen.Count - 1));

        // The fact is stored: from here on the answer is "recorded", whatever happens to the side effects.
        var soort = TrajectCodes.Mijlpaal.Code(mijlpaal.Soort);
        metrics.MijlpaalGeregistreerd(soort, state.State.Gemeente);
        if (TrajectRegels.IsAfgesloten(TrajectRegels.FaseNa(mijlpaal.Soort)))
        {
            var afloop = mijlpaal.Details.UitstroomReden is { } reden
                ? "uitstroom-" + TrajectCodes.UitstroomReden.Code(reden)
                : "beeindigd";
            metrics.TrajectAfgesloten(state.State.Gemeente, TrajectCodes.Soort.Code(state.State.Soort), afloop);
        }

        await PublishAsync(mijlpaal);
        if (werkgever is not null)
        {
            await MeldPlaatsingAsync(werkgever, mijlpaal, soort);
        }

        return uitkomst;
    }

    private TrajectOverzicht Overzicht() => new()
    {
        TrajectId = this.GetPrimaryKeyString(),
        ClientId = state.State.ClientId!,
        Gemeente = state.State.Gemeente,
        Soort = state.State.Soort,
        AangemeldOp = state.State.AangemeldOp,
        Mijlpalen = state.State.Mijlpalen.ToArray(),
    };

    /// <summary>
    /// Writes the state; if the write fails the change is undone and the activation dropped, so the next
    /// call reloads what the store really holds instead of trusting a fact that was never stored.
    /// </summary>
    private async Task WriteOrForgetAsync(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task PublishAsync(Mijlpaal? mijlpaal)
    {
        try
        {
            await this.ClientStream<TrajectGebeurtenis>(StreamNames.TrajectGebeurtenissen, state.State.ClientId!)
                .OnNextAsync(new TrajectGebeurtenis
                {
                    TrajectId = this.GetPrimaryKeyString(),
                    ClientId = state.State.ClientId!,
                    Gemeente = state.State.Gemeente,
                    Soort = state.State.Soort,
                    AangemeldOp = state.State.AangemeldOp,
                    Mijlpaal = mijlpaal,
                });
        }
        catch (Exception ex)
        {
            // Stored but not delivered: the klantbeeld repairs the gap from this grain on the next milestone.
            LogPublicatieMislukt(logger, ex, this.GetPrimaryKeyString(), mijlpaal?.Volgnummer ?? 0);
        }
    }

    private async Task MeldPlaatsingAsync(IWerkgeverGrain werkgever, Mijlpaal mijlpaal, string soort)
    {
        try
        {
            await werkgever.RegistreerPlaatsingAsync(new Plaatsing
            {
                TrajectId = this.GetPrimaryKeyString(),
                MijlpaalId = mijlpaal.MijlpaalId,
                Soort = soort,
                Datum = mijlpaal.Datum,
            });
        }
        catch (Exception ex)
        {
            LogPlaatsingMislukt(logger, ex, this.GetPrimaryKeyString(), mijlpaal.MijlpaalId);
        }
    }

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: gebeurtenis {Volgnummer} opgeslagen maar niet gepubliceerd")]
    private static partial void LogPublicatieMislukt(ILogger logger, Exception ex, string trajectId, int volgnummer);

    [LoggerMessage(LogLevel.Error, "Traject {TrajectId}: plaatsing {MijlpaalId} opgeslagen maar niet bij de werkgever gemeld")]
    private static partial void LogPlaatsingMislukt(ILogger logger, Exception ex, string trajectId, string mijlpaalId);
}
