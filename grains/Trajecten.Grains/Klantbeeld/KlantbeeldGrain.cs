using Trajecten.Abstractions.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;
using KlantbeeldView = Trajecten.Abstractions.Messages.Klantbeeld;

namespace Trajecten.Grains.Klantbeeld;

/// <summary>
/// The integrated view of one client: a projection of the event log that is never stored. Each activation builds it from
/// its sources (the client, its trajecten and its signal register, which catch up from the log themselves); from then on
/// the klantbeeld projection (<see cref="Projecties.KlantbeeldProjectie"/>) tells it about every new fact, idempotently:
/// a traject or profile by the version of its stream (the source is asked only when it is newer than what the view has),
/// a signal by its id.
/// </summary>
public sealed class KlantbeeldGrain([FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock) : Grain, IKlantbeeldGrain
{
    private ClientProfiel? _profiel;
    private readonly Dictionary<string, TrajectOverzicht> _trajecten = [];
    private readonly List<SignaalMelding> _signalen = [];
    private DateTimeOffset _bijgewerktOp;
    /// <summary>The client's personal data was destroyed: the view holds nothing and answers as destroyed.</summary>
    private PersoonsgegevensVernietigdException? _vernietigd;

    private string ClientId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => KoppelClientAsync();

    public async Task<KlantbeeldView?> LeesAsync()
    {
        if (_profiel is null && !await KoppelClientAsync())
        {
            return _vernietigd is null ? null : throw _vernietigd;
        }

        var trajecten = _trajecten.Values.OrderBy(t => t.AangemeldOp).ToArray();
        return new KlantbeeldView
        {
            ClientId = ClientId,
            Gemeente = _profiel!.Gemeente,
            Klantmanager = _profiel.Klantmanager,
            KlantmanagerNaam = _profiel.KlantmanagerNaam,
            Naam = _profiel.Naam,
            Geboortedatum = _profiel.Geboortedatum,
            Doelgroep = trajecten
                .SelectMany(t => t.Mijlpalen)
                .Where(m => m.Soort == MijlpaalSoort.Diagnose)
                .MaxBy(m => (m.Datum, m.GeregistreerdOp))?.Details.Doelgroep,
            Trajecten = trajecten,
            Signalen = _signalen.OrderBy(s => s.Datum).ToArray(),
            Aandachtspunten = Aandachtspunten.Bepaal(
                trajecten.Select(t => new TrajectStand(t.TrajectId, DateOnly.FromDateTime(t.AangemeldOp.UtcDateTime), t.Mijlpalen, t.Termijnen)).ToArray(),
                _signalen,
                clock.GetUtcNow()),
            BijgewerktOp = _bijgewerktOp,
        };
    }

    public async Task VernieuwTrajectAsync(string trajectId, int versie)
    {
        if (_profiel is null && !await KoppelClientAsync())
        {
            return; // not a client (yet): the view is built from the sources when it is
        }

        if (_trajecten.TryGetValue(trajectId, out var bekend) && bekend.Versie >= versie)
        {
            return;
        }

        TrajectOverzicht? traject;
        try
        {
            traject = await GrainFactory.GetGrain<ITrajectGrain>(trajectId).LeesAsync();
        }
        catch (PersoonsgegevensVernietigdException vernietigd)
        {
            Vergeet(vernietigd);
            return;
        }

        if (traject is not null && traject.ClientId == ClientId && (bekend is null || traject.Versie > bekend.Versie))
        {
            _trajecten[trajectId] = traject;
            Bijgewerkt();
        }
    }

    public async Task VernieuwClientAsync(int versie)
    {
        if (_profiel is not null && _profiel.Versie >= versie)
        {
            return;
        }

        await KoppelClientAsync();
    }

    public Task PasSignaalToeAsync(SignaalMelding melding)
    {
        // A signal read from the log after its key was destroyed (its retention ended) is no longer part of the picture.
        if (melding.Contactpersoon.Naam == Abstractions.Log.LogFormaat.Versleuteld)
        {
            return Task.CompletedTask;
        }

        if (_vernietigd is null && VoegSignaalToe(melding))
        {
            Bijgewerkt();
        }

        return Task.CompletedTask;
    }

    public Task VergeetSignalenAsync(IReadOnlyList<string> signaalIds)
    {
        if (_signalen.RemoveAll(s => signaalIds.Contains(s.SignaalId)) > 0)
        {
            Bijgewerkt();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Builds the view from its sources: the profile from the client grain, every traject from its grain, the
    /// signals from the register (also those that predate the registration). False while the client is unknown.
    /// </summary>
    private async Task<bool> KoppelClientAsync()
    {
        try
        {
            return await KoppelAsync();
        }
        catch (PersoonsgegevensVernietigdException vernietigd)
        {
            Vergeet(vernietigd);
            return false;
        }
    }

    private void Vergeet(PersoonsgegevensVernietigdException vernietigd)
    {
        (_profiel, _vernietigd) = (null, vernietigd);
        _trajecten.Clear();
        _signalen.Clear();
    }

    private async Task<bool> KoppelAsync()
    {
        var profiel = await GrainFactory.GetGrain<IClientGrain>(ClientId).LeesProfielAsync();
        if (profiel is null)
        {
            return false;
        }

        _profiel = profiel;
        var onbekend = profiel.TrajectIds.Where(id => !_trajecten.ContainsKey(id));
        var trajecten = await Task.WhenAll(onbekend.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).LeesAsync()));
        foreach (var traject in trajecten.OfType<TrajectOverzicht>())
        {
            _trajecten[traject.TrajectId] = traject;
        }

        foreach (var melding in await GrainFactory.GetGrain<ISignaalRegisterGrain>(ClientId).LeesMeldingenAsync())
        {
            VoegSignaalToe(melding);
        }

        Bijgewerkt();
        return true;
    }

    private bool VoegSignaalToe(SignaalMelding melding)
    {
        if (_signalen.Exists(s => s.SignaalId == melding.SignaalId))
        {
            return false;
        }

        _signalen.Add(melding);
        return true;
    }

    private void Bijgewerkt() => _bijgewerktOp = clock.GetUtcNow();
}
