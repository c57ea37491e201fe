using Orleans.Streams;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;
using KlantbeeldView = Trajecten.Abstractions.Messages.Klantbeeld;

namespace Trajecten.Grains.Klantbeeld;

/// <summary>The view as the grain holds it in memory.</summary>
public sealed class KlantbeeldState
{
    public string? Gemeente { get; set; }
    public string? Klantmanager { get; set; }
    public Dictionary<string, TrajectOverzicht> Trajecten { get; set; } = [];
    public List<SignaalMelding> Signalen { get; set; } = [];
    public DateTimeOffset BijgewerktOp { get; set; }
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
    TimeProvider clock) : Grain, IKlantbeeldGrain
{
    private readonly KlantbeeldState _beeld = new();

    private string ClientId => this.GetPrimaryKeyString();

    /// <summary>
    /// The view is a projection and is never stored: each activation builds it from its sources (the client,
    /// its trajecten and its signal register, which catch up from the event log themselves); from then on
    /// the streams and the relay keep it current.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.ClientStream<TrajectGebeurtenis>(StreamNames.TrajectGebeurtenissen, ClientId).SubscribeAsync(OnTrajectAsync);
        await this.ClientStream<SignaalMelding>(StreamNames.Signalen, ClientId).SubscribeAsync(OnSignaalAsync);
        await KoppelClientAsync();
    }

    public async Task<KlantbeeldView?> GetAsync()
    {
        if (_beeld.Gemeente is null && !await KoppelClientAsync())
        {
            return null;
        }

        var trajecten = _beeld.Trajecten.Values.OrderBy(t => t.AangemeldOp).ToArray();
        return new KlantbeeldView
        {
            ClientId = ClientId,
            Gemeente = _beeld.Gemeente!,
            Klantmanager = _beeld.Klantmanager,
            Doelgroep = trajecten
                .SelectMany(t => t.Mijlpalen)
                .Where(m => m.Soort == MijlpaalSoort.Diagnose)
                .MaxBy(m => (m.Datum, m.GeregistreerdOp))?.Details.Doelgroep,
            Trajecten = trajecten,
            Signalen = _beeld.Signalen.OrderBy(s => s.Datum).ToArray(),
            Aandachtspunten = Aandachtspunten.Bepaal(
                trajecten.Select(t => new TrajectStand(t.TrajectId, DateOnly.FromDateTime(t.AangemeldOp.UtcDateTime), t.Mijlpalen, t.Termijnen)).ToArray(),
                _beeld.Signalen,
                clock.GetUtcNow()),
            BijgewerktOp = _beeld.BijgewerktOp,
        };
    }

    /// <summary>
    /// Builds the view from its sources: the profile from the client grain, every traject from its grain, the
    /// signals from the register (also those that predate the registration). False while the client is unknown.
    /// </summary>
    private async Task<bool> KoppelClientAsync()
    {
        var profiel = await GrainFactory.GetGrain<IClientGrain>(ClientId).GetProfielAsync();
        if (profiel is null)
        {
            return false;
        }

        _beeld.Gemeente = profiel.Gemeente;
        _beeld.Klantmanager = profiel.Klantmanager;
        var trajecten = await Task.WhenAll(profiel.TrajectIds.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).GetAsync()));
        foreach (var traject in trajecten.OfType<TrajectOverzicht>())
        {
            _beeld.Trajecten[traject.TrajectId] = traject;
        }

        foreach (var melding in await GrainFactory.GetGrain<ISignaalRegisterGrain>(ClientId).GetMeldingenAsync())
        {
            VoegSignaalToe(melding);
        }

        Bijgewerkt();
        return true;
    }

    public Task PasToeAsync(TrajectGebeurtenis gebeurtenis) => OnTrajectAsync(gebeurtenis, null);

    public Task PasSignaalToeAsync(SignaalMelding melding) => OnSignaalAsync(melding, null);

    private async Task OnTrajectAsync(TrajectGebeurtenis e, StreamSequenceToken? token)
    {
        _beeld.Trajecten.TryGetValue(e.TrajectId, out var bekend);
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
            _beeld.Trajecten[e.TrajectId] = nieuw;
            Bijgewerkt();
        }
    }

    private Task OnSignaalAsync(SignaalMelding melding, StreamSequenceToken? token)
    {
        if (VoegSignaalToe(melding))
        {
            Bijgewerkt();
        }

        return Task.CompletedTask;
    }

    private bool VoegSignaalToe(SignaalMelding melding)
    {
        if (_beeld.Signalen.Exists(s => s.SignaalId == melding.SignaalId))
        {
            return false;
        }

        _beeld.Signalen.Add(melding);
        return true;
    }

    private void Bijgewerkt() => _beeld.BijgewerktOp = clock.GetUtcNow();
}
