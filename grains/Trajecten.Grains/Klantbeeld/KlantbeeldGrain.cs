using Orleans.Streams;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;
using KlantbeeldView = Trajecten.Abstractions.Messages.Klantbeeld;

namespace Trajecten.Grains.Klantbeeld;

[GenerateSerializer, Alias("trajecten.klantbeeld-state.v1")]
public sealed class KlantbeeldState
{
    [Id(0)] public string? Gemeente { get; set; }
    [Id(1)] public string? Klantmanager { get; set; }
    [Id(2)] public Dictionary<string, TrajectOverzicht> Trajecten { get; set; } = [];
    [Id(3)] public List<SignaalMelding> Signalen { get; set; } = [];
    [Id(4)] public DateTimeOffset BijgewerktOp { get; set; }
}

/// <summary>
/// The integrated view of one client, fed by the client's traject and signal streams. Applies events
/// idempotently: a traject event by the traject's milestone count it carries (a repeat or older event is
/// ignored, the next milestone is appended, anything further ahead is a gap, repaired by reading the traject),
/// a signal by its id. Events re-published by the relay from the event log carry no deadlines; for those the
/// traject grain is asked. Delivery is at least once (fast path from the writing grain, then the relay).
/// </summary>
[ImplicitStreamSubscription(StreamNames.TrajectGebeurtenissen)]
[ImplicitStreamSubscription(StreamNames.Signalen)]
public sealed class KlantbeeldGrain(
    [PersistentState("klantbeeld", StorageNames.Trajecten)] IPersistentState<KlantbeeldState> state,
    TimeProvider clock) : Grain, IKlantbeeldGrain
{
    private string ClientId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.ClientStream<TrajectGebeurtenis>(StreamNames.TrajectGebeurtenissen, ClientId).SubscribeAsync(OnTrajectAsync);
        await this.ClientStream<SignaalMelding>(StreamNames.Signalen, ClientId).SubscribeAsync(OnSignaalAsync);
    }

    public async Task<KlantbeeldView?> GetAsync()
    {
        if (state.State.Gemeente is null && !await KoppelClientAsync())
        {
            return null;
        }

        var trajecten = state.State.Trajecten.Values.OrderBy(t => t.AangemeldOp).ToArray();
        return new KlantbeeldView
        {
            ClientId = ClientId,
            Gemeente = state.State.Gemeente!,
            Klantmanager = state.State.Klantmanager,
            Doelgroep = trajecten
                .SelectMany(t => t.Mijlpalen)
                .Where(m => m.Soort == MijlpaalSoort.Diagnose)
                .MaxBy(m => (m.Datum, m.GeregistreerdOp))?.Details.Doelgroep,
            Trajecten = trajecten,
            Signalen = state.State.Signalen.OrderBy(s => s.Datum).ToArray(),
            Aandachtspunten = Aandachtspunten.Bepaal(
                trajecten.Select(t => new TrajectStand(t.TrajectId, DateOnly.FromDateTime(t.AangemeldOp.UtcDateTime), t.Mijlpalen, t.Termijnen)).ToArray(),
                state.State.Signalen,
                clock.GetUtcNow()),
            BijgewerktOp = state.State.BijgewerktOp,
        };
    }

    /// <summary>
    /// First read after registration: take the profile from the client grain and catch up on anything
    /// the streams did not bring (trajecten and signals, also those that predate this view).
    /// </summary>
    private async Task<bool> KoppelClientAsync()
    {
        var profiel = await GrainFactory.GetGrain<IClientGrain>(ClientId).GetProfielAsync();
        if (profiel is null)
        {
            return false;
        }

        state.State.Gemeente = profiel.Gemeente;
        state.State.Klantmanager = profiel.Klantmanager;
        // Every traject, not only unknown ones: events may have been lost with a silo (memory streams).
        var trajecten = await Task.WhenAll(profiel.TrajectIds.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).GetAsync()));
        foreach (var traject in trajecten.OfType<TrajectOverzicht>())
        {
            state.State.Trajecten[traject.TrajectId] = traject;
        }

        foreach (var melding in await GrainFactory.GetGrain<ISignaalRegisterGrain>(ClientId).GetMeldingenAsync())
        {
            VoegSignaalToe(melding);
        }

        await BewaarAsync();
        return true;
    }

    public Task PasToeAsync(TrajectGebeurtenis gebeurtenis) => OnTrajectAsync(gebeurtenis, null);

    public Task PasSignaalToeAsync(SignaalMelding melding) => OnSignaalAsync(melding, null);

    private async Task OnTrajectAsync(TrajectGebeurtenis e, StreamSequenceToken? token)
    {
        state.State.Trajecten.TryGetValue(e.TrajectId, out var bekend);
        var aantal = bekend?.Mijlpalen.Count ?? 0;
        TrajectOverzicht? nieuw;
        if (bekend is not null && e.AantalMijlpalen < aantal)
        {
            return; // older than what this view already has
        }

        if (e.Termijnen is null)
        {
            // Re-published by the relay: the fact is known, the deadlines after it are not. Anything new is
            // taken from the traject grain (which catches up from the log itself), never half from the event.
            if (bekend is not null && e.AantalMijlpalen == aantal)
            {
                return;
            }

            nieuw = await GrainFactory.GetGrain<ITrajectGrain>(e.TrajectId).GetAsync();
        }
        else if (bekend is not null && e.AantalMijlpalen == aantal)
        {
            // Nothing new in milestones (a repeat, or a deadline event): take the deadlines as they now are.
            nieuw = bekend.Termijnen.SequenceEqual(e.Termijnen) ? null : bekend with { Termijnen = e.Termijnen };
        }
        else if (e.Mijlpaal is not null && e.Mijlpaal.Volgnummer == aantal + 1 && e.AantalMijlpalen == aantal + 1)
        {
            nieuw = new TrajectOverzicht
            {
                TrajectId = e.TrajectId,
                ClientId = e.ClientId,
                Gemeente = e.Gemeente,
                Soort = e.Soort,
                AangemeldOp = e.AangemeldOp,
                Mijlpalen = [.. bekend?.Mijlpalen ?? [], e.Mijlpaal],
                Termijnen = e.Termijnen,
            };
        }
        else if (bekend is null && e.AantalMijlpalen == 0)
        {
            nieuw = new TrajectOverzicht
            {
                TrajectId = e.TrajectId, ClientId = e.ClientId, Gemeente = e.Gemeente, Soort = e.Soort,
                AangemeldOp = e.AangemeldOp, Mijlpalen = [], Termijnen = e.Termijnen,
            };
        }
        else
        {
            // A gap: earlier events never arrived. The traject grain holds the truth.
            nieuw = await GrainFactory.GetGrain<ITrajectGrain>(e.TrajectId).GetAsync();
        }

        if (nieuw is not null && nieuw.Mijlpalen.Count < aantal)
        {
            return; // never go back: the traject grain answered from a view older than ours
        }

        if (nieuw is not null)
        {
            state.State.Trajecten[e.TrajectId] = nieuw;
            await BewaarAsync();
        }
    }

    private async Task OnSignaalAsync(SignaalMelding melding, StreamSequenceToken? token)
    {
        if (VoegSignaalToe(melding))
        {
            await BewaarAsync();
        }
    }

    private bool VoegSignaalToe(SignaalMelding melding)
    {
        if (state.State.Signalen.Exists(s => s.SignaalId == melding.SignaalId))
        {
            return false;
        }

        state.State.Signalen.Add(melding);
        return true;
    }

    private Task BewaarAsync()
    {
        state.State.BijgewerktOp = clock.GetUtcNow();
        return state.WriteStateAsync();
    }
}
