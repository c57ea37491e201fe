using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Privacy;
using Trajecten.Domain.Privacy;
using Trajecten.Grains.Privacy;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;

namespace Trajecten.Grains.Signalen;

[GenerateSerializer, Alias("trajecten.signaal-register-state.v1")]
public sealed class SignaalRegisterState : IPersoonlijkeStaat
{
    [Id(0)] public List<OntvangenSignaal> Signalen { get; set; } = [];
    [Id(1)] public string? ClientId { get; set; }
    /// <summary>When the person's data was destroyed: the signals are forgotten, new ones refused.</summary>
    [Id(2)] public DateTimeOffset? VernietigdOp { get; set; }

    /// <summary>Signals whose retention ended: their key is destroyed and their entry here holds no personal data.</summary>
    [Id(3)] public HashSet<string> VernietigdeSignalen { get; set; } = [];

    public string? Sleutel => VernietigdOp is null ? ClientId : null;
}

/// <summary>
/// Keeps the signals about one person, content included. Like a traject, it writes each signal to the event log
/// (numbered 1, 2, 3… per client); the klantbeeld learns that it exists from the log, through the projections.
/// Its grain state is a snapshot, written on deactivation and caught up from the log on activation.
/// </summary>
public sealed partial class SignaalRegisterGrain(
    [PersistentState("signalen", OpslagNamen.Trajecten)] IPersistentState<SignaalRegisterState> state,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    IGebeurtenisLog gebeurtenissen,
    IOptions<GrenzenOpties> grenzen,
    IOptions<BewaartermijnOpties> bewaartermijnen,
    Persoonsgegevens kluis,
    Momentopnamen momentopnamen,
    ILogger<SignaalRegisterGrain> logger) : Grain, ISignaalRegisterGrain
{
    /// <summary>Signals were logged since the grain state was last written.</summary>
    private bool _snapshotVerouderd;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        state.SchrijfMomentopnameAsync(momentopnamen.Schrijven(_snapshotVerouderd), logger, "Signaalregister", cancellationToken);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.ClientId = this.GetPrimaryKeyString();
        if (state.State.VernietigdOp is not null)
        {
            return;
        }

        var gemist = await gebeurtenissen.StroomAsync(Stromen.Signalen(this.GetPrimaryKeyString()), state.State.Signalen.Count);
        if (gemist.Count > 0)
        {
            state.State.Signalen.AddRange(gemist.Select(f => (OntvangenSignaal)f.Gegevens));
            await state.WriteStateAsync();
            LogIngehaald(logger, gemist.Count);
        }
    }

    public async Task VergeetAsync(DateTimeOffset op)
    {
        if (state.State.VernietigdOp is not null)
        {
            return;
        }

        (state.State.Signalen, state.State.VernietigdOp) = ([], op);
        await state.WriteStateAsync();
        _snapshotVerouderd = false;
    }

    private void WeigerAlsVernietigd()
    {
        if (state.State.VernietigdOp is { } op)
        {
            throw new PersoonsgegevensVernietigdException(this.GetPrimaryKeyString(), op);
        }
    }

    public async Task<SignaalUitkomst> OntvangAsync(SignaalAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        var vingerafdruk = aanvraag.Vingerafdruk();
        // A key is its sender's: another sender's signal with the same key is another signal. (Signals stored before keys
        // were per sender have no sender and still answer to their key.)
        var eerder = state.State.Signalen.Find(s =>
            s.IdempotencyKey == aanvraag.IdempotencyKey && (s.Afzender is null || s.Afzender == aanvraag.Afzender));
        if (eerder is not null)
        {
            return eerder.Vingerafdruk == vingerafdruk
                ? new SignaalUitkomst { Status = SignaalStatus.Herhaald, SignaalId = eerder.Melding.SignaalId }
                : new SignaalUitkomst
                {
                    Status = SignaalStatus.Geweigerd,
                    Reden = $"De Idempotency-Key is al gebruikt voor een ander signaal ({eerder.Melding.SignaalId}).",
                };
        }

        if (state.State.Signalen.Count >= grenzen.Value.SignalenPerPersoon)
        {
            return new SignaalUitkomst
            {
                Status = SignaalStatus.Vol,
                Reden = $"Over deze persoon zijn al {grenzen.Value.SignalenPerPersoon} signalen vastgelegd, het maximum (Grenzen:SignalenPerPersoon); " +
                    "neem contact op met het functioneel beheer.",
            };
        }

        var signaal = new OntvangenSignaal
        {
            Melding = new SignaalMelding
            {
                SignaalId = Ids.Nieuw(Ids.SignaalPrefix),
                Domein = aanvraag.Domein,
                Soort = aanvraag.Soort,
                Datum = aanvraag.Datum,
                BronOrganisatie = aanvraag.BronOrganisatie,
                Contactpersoon = aanvraag.Contactpersoon,
                OntvangenOp = clock.GetUtcNow(),
            },
            Inhoud = aanvraag.Inhoud,
            IdempotencyKey = aanvraag.IdempotencyKey,
            Vingerafdruk = vingerafdruk,
            Afzender = aanvraag.Afzender,
        };
        await StateExtensions.VoegToeAanLogAsync(
            () => gebeurtenissen.VoegToeAsync(new NieuwFeit(Stromen.Signalen(this.GetPrimaryKeyString()), state.State.Signalen.Count + 1,
                signaal.Melding.SignaalId, this.GetPrimaryKeyString(), null, null, signaal, signaal.Melding.OntvangenOp)),
            DeactivateOnIdle, "Dit signaalregister");

        // The log holds the fact; the grain state is a snapshot, written on deactivation.
        state.State.Signalen.Add(signaal);
        _snapshotVerouderd = true;

        return new SignaalUitkomst { Status = SignaalStatus.Ontvangen, SignaalId = signaal.Melding.SignaalId };
    }

    public Task<IReadOnlyList<SignaalMelding>> LeesMeldingenAsync()
    {
        WeigerAlsVernietigd();
        return Task.FromResult<IReadOnlyList<SignaalMelding>>(Bewaard().Select(s => s.Melding).ToArray());
    }

    public Task<IReadOnlyDictionary<string, string>> LeesInhoudAsync(SignaalDomein[] domeinen) =>
        state.State.VernietigdOp is { } op ? throw new PersoonsgegevensVernietigdException(this.GetPrimaryKeyString(), op)
        : Task.FromResult<IReadOnlyDictionary<string, string>>(Bewaard()
            .Where(s => s.Inhoud is not null && domeinen.Contains(s.Melding.Domein))
            .ToDictionary(s => s.Melding.SignaalId, s => s.Inhoud!));

    private IEnumerable<OntvangenSignaal> Bewaard() => state.State.Signalen.Where(s => !state.State.VernietigdeSignalen.Contains(s.Melding.SignaalId));

    public async Task<IReadOnlyList<string>> VernietigVerlopenAsync(DateOnly vandaag)
    {
        if (state.State.VernietigdOp is not null)
        {
            return []; // the whole file is gone already
        }

        var clientId = this.GetPrimaryKeyString();
        var regels = bewaartermijnen.Value.Regels();
        var standen = state.State.Signalen.Select((s, i) =>
            new SignaalStand(clientId, i + 1, SignaalCodes.Domein.Code(s.Melding.Domein), s.Melding.Soort, s.Melding.Datum)).ToArray();
        var verlopen = new List<string>();
        for (var i = 0; i < standen.Length; i++)
        {
            var id = state.State.Signalen[i].Melding.SignaalId;
            if (!state.State.VernietigdeSignalen.Contains(id) && regels.SignaalVerlooptOp(standen[i], standen) is { } op && op <= vandaag)
            {
                verlopen.Add(id);
            }
        }

        if (verlopen.Count == 0)
        {
            return [];
        }

        // The keys first (with the record of each): from then on no copy of the content can be read anywhere.
        var nu = clock.GetUtcNow();
        foreach (var id in verlopen)
        {
            await kluis.VernietigAsync(new Vernietiging
            {
                ClientId = clientId, SleutelId = LogFormaat.SleutelVanSignaal(clientId, id), Grondslag = Vernietigingsgronden.BewaartermijnVerstreken,
                AangevraagdDoor = BewaartermijnOpties.Uitvoerder, BevestigdDoor = BewaartermijnOpties.Uitvoerder, Op = nu,
            });
        }

        for (var i = 0; i < state.State.Signalen.Count; i++)
        {
            if (verlopen.Contains(state.State.Signalen[i].Melding.SignaalId))
            {
                state.State.Signalen[i] = LogFormaat.ZonderPersoonlijk(state.State.Signalen[i]);
            }
        }

        state.State.VernietigdeSignalen.UnionWith(verlopen);
        await state.WriteStateAsync();
        _snapshotVerouderd = false;
        await GrainFactory.GetGrain<IKlantbeeldGrain>(clientId).VergeetSignalenAsync(verlopen);
        return verlopen;
    }

    [LoggerMessage(LogLevel.Warning, "Signaalregister: {Aantal} signaal/signalen uit het gebeurtenissenlog ingehaald")]
    private static partial void LogIngehaald(ILogger logger, int aantal);
}
