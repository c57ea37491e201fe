using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Privacy;
using Trajecten.Grains.Privacy;
using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Client;

[GenerateSerializer, Alias("trajecten.client-state.v1")]
public sealed class ClientState : IPersoonlijkeStaat
{
    /// <summary>The BSN lives here, in the store (sealed with the client's data key), and nowhere else (not in the event log).</summary>
    [Id(0)] public Bsn? Bsn { get; set; }
    [Id(1)] public string Gemeente { get; set; } = "";
    [Id(2)] public string? Naam { get; set; }
    [Id(3)] public DateOnly? Geboortedatum { get; set; }
    /// <summary>The klantmanager's display name (before medewerker ids, the free-text klantmanager field: migrated as the name).</summary>
    [Id(4)] public string? KlantmanagerNaam { get; set; }
    [Id(5)] public DateTimeOffset GeregistreerdOp { get; set; }
    [Id(6)] public List<string> TrajectIds { get; set; } = [];
    /// <summary>Idempotency key → trajectId, for repeated traject POSTs.</summary>
    [Id(7)] public Dictionary<string, string> TrajectSleutels { get; set; } = [];
    /// <summary>The klantmanager's medewerker id (token <c>sub</c>).</summary>
    [Id(8)] public string? Klantmanager { get; set; }
    [Id(9)] public string? Telefoon { get; set; }
    [Id(10)] public string? Email { get; set; }
    /// <summary>How many facts of the client's stream this state holds (0 for a client registered before there was one).</summary>
    [Id(11)] public int Versie { get; set; }
    /// <summary>The restriction of processing in force, if any.</summary>
    [Id(12)] public Verwerkingsbeperking? Beperking { get; set; }
    [Id(13)] public string? ClientId { get; set; }
    /// <summary>When the client's personal data was destroyed; the state keeps only pseudonymous facts from then on.</summary>
    [Id(14)] public DateTimeOffset? VernietigdOp { get; set; }

    public string? Sleutel => VernietigdOp is null ? ClientId : null;
}

/// <summary>
/// One client's registration, profile and the list of its trajecten. Every change is a fact in the client's stream of
/// the event log (registered, changed, moved), appended before the state is written and answered.
/// </summary>
public sealed partial class ClientGrain(
    [PersistentState("client", OpslagNamen.Trajecten)] IPersistentState<ClientState> state,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    IGebeurtenisLog gebeurtenissen,
    IOptions<GrenzenOpties> grenzen,
    Persoonsgegevens kluis,
    ILogger<ClientGrain> logger) : Grain, IClientGrain
{
    private bool Bestaat => state.State.Bsn is not null && !Vernietigd;
    private bool Vernietigd => state.State.VernietigdOp is not null;
    private string ClientId => this.GetPrimaryKeyString();

    /// <summary>
    /// Catches up from the client's stream (a change logged but not written to the state). A client registered before
    /// the client stream existed gets its registration logged now, so every client is in the log and the read side.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.ClientId = ClientId; // sealed with this key at the next write (states from before sealing have none)
        if (!Bestaat)
        {
            return;
        }

        var gemist = await gebeurtenissen.StroomAsync(Stromen.Client(ClientId), state.State.Versie);
        foreach (var feit in gemist)
        {
            Neem(feit.Gegevens);
        }

        var bijgewerkt = gemist.Count;
        if (gemist.Count == 0 && state.State.Versie == 0)
        {
            var registratie = new ClientGeregistreerd
            {
                Gemeente = state.State.Gemeente, Geboortedatum = state.State.Geboortedatum, Gegevens = Gegevens(), Op = state.State.GeregistreerdOp,
            };
            await gebeurtenissen.VoegToeAsync(Feit(1, "registratie", registratie, registratie.Op));
            state.State.Versie = 1;
            bijgewerkt = 1;
        }

        if (bijgewerkt > 0)
        {
            await state.WriteStateAsync();
            LogIngehaald(logger, bijgewerkt);
        }
    }

    public async Task<ClientRegistratieUitkomst> RegistreerAsync(ClientRegistratie registratie)
    {
        WeigerAlsVernietigd();
        if (Bestaat)
        {
            if (state.State.Bsn != registratie.Bsn)
            {
                // Two BSNs with one HMAC: never expected; refuse rather than merge two people.
                throw new InvalidOperationException("Deze clientId hoort bij een andere persoon.");
            }

            return new ClientRegistratieUitkomst { Profiel = Profiel(), Nieuw = false };
        }

        var feit = new ClientGeregistreerd
        {
            Gemeente = registratie.Gemeente,
            Geboortedatum = registratie.Geboortedatum,
            Gegevens = new ClientGegevens
            {
                Naam = registratie.Naam,
                Klantmanager = registratie.Klantmanager,
                KlantmanagerNaam = registratie.KlantmanagerNaam,
                Telefoon = registratie.Telefoon,
                Email = registratie.Email,
            },
            Op = clock.GetUtcNow(),
        };
        await StateExtensions.VoegToeAanLogAsync(() => gebeurtenissen.VoegToeAsync(Feit(1, "registratie", feit, feit.Op, registratie.Gemeente)),
            DeactivateOnIdle, "Deze cliënt");
        state.State.Bsn = registratie.Bsn;
        Neem(feit);
        await state.SchrijfOfHerstelAsync(() => (state.State.Bsn, state.State.Versie) = (null, 0), DeactivateOnIdle);

        return new ClientRegistratieUitkomst { Profiel = Profiel(), Nieuw = true };
    }

    public Task<ClientProfiel?> LeesProfielAsync()
    {
        WeigerAlsVernietigd();
        return Task.FromResult(Bestaat ? Profiel() : null);
    }

    public Task<DateTimeOffset?> VernietigdOpAsync() => Task.FromResult(state.State.VernietigdOp);

    /// <summary>
    /// Destroys the client's personal data: the fact first (client-vernietigd, pseudonymous), then the data keys with the
    /// record of it, then the copies in grain state (trajecten, signals, this one). A repeat returns the record; a crash in
    /// between is finished by the repeat (each step is idempotent).
    /// </summary>
    public async Task<Vernietiging> VernietigAsync(string grondslag, string aangevraagdDoor, string bevestigdDoor)
    {
        var op = state.State.VernietigdOp ?? clock.GetUtcNow();
        if (!Vernietigd)
        {
            await NeemOpAsync(new ClientVernietigd { Grondslag = grondslag, Op = op });
        }

        var vernietiging = await kluis.VernietigAsync(new Vernietiging
        {
            ClientId = ClientId, Grondslag = grondslag, AangevraagdDoor = aangevraagdDoor, BevestigdDoor = bevestigdDoor, Op = op,
        });
        await Task.WhenAll(state.State.TrajectIds.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).VergeetAsync(op))
            .Append(GrainFactory.GetGrain<ISignaalRegisterGrain>(Stromen.Signalen(ClientId)).VergeetAsync(op)));
        return vernietiging;
    }

    private void WeigerAlsVernietigd()
    {
        if (Vernietigd)
        {
            throw new PersoonsgegevensVernietigdException(ClientId, state.State.VernietigdOp);
        }
    }

    public async Task<ClientWijzigUitkomst> WijzigAsync(ClientWijzigAanvraag aanvraag)
    {
        WeigerAlsVernietigd();
        if (VoorwaardeFaalt(aanvraag.VerwachteVersie) is { } fout)
        {
            return fout;
        }

        var (na, velden) = ClientWijziging.Pas(Gegevens(), aanvraag.Patch);
        if (velden.Count == 0)
        {
            return new ClientWijzigUitkomst { Status = WijzigStatus.Ongewijzigd, Profiel = Profiel() };
        }

        await NeemOpAsync(new ClientGewijzigd { Gegevens = na, Velden = velden, Op = clock.GetUtcNow() });
        return new ClientWijzigUitkomst { Status = WijzigStatus.Gewijzigd, Profiel = Profiel() };
    }

    public async Task<ClientWijzigUitkomst> VerhuisAsync(string naarGemeente, int verwachteVersie)
    {
        WeigerAlsVernietigd();
        if (VoorwaardeFaalt(verwachteVersie) is { } fout)
        {
            return fout;
        }

        if (naarGemeente == state.State.Gemeente)
        {
            return new ClientWijzigUitkomst { Status = WijzigStatus.Geweigerd, Profiel = Profiel(), Reden = $"De cliënt hoort al bij gemeente {naarGemeente}." };
        }

        await NeemOpAsync(new ClientVerhuisd { Van = state.State.Gemeente, Naar = naarGemeente, Op = clock.GetUtcNow() });

        // Scope follows the client now; the verhuizing projection repeats this from the log if it fails here.
        try
        {
            await VerhuisTrajectenAsync();
        }
        catch (Exception ex)
        {
            LogTrajectenNietVerhuisd(logger, ex);
        }

        return new ClientWijzigUitkomst { Status = WijzigStatus.Gewijzigd, Profiel = Profiel() };
    }

    public async Task<ClientWijzigUitkomst> BeperkAsync(Verwerkingsbeperking beperking)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return new ClientWijzigUitkomst { Status = WijzigStatus.Onbekend };
        }

        if (beperking.Beperkt == state.State.Beperking is not null)
        {
            return new ClientWijzigUitkomst { Status = WijzigStatus.Ongewijzigd, Profiel = Profiel() };
        }

        var positie = await NeemOpAsync(beperking);
        return new ClientWijzigUitkomst { Status = WijzigStatus.Gewijzigd, Profiel = Profiel(), Positie = positie };
    }

    public Task VerhuisTrajectenAsync() =>
        Task.WhenAll(state.State.TrajectIds.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).VerhuisAsync(state.State.Gemeente)));

    public async Task<TrajectAanmeldingUitkomst?> MeldTrajectAanAsync(TrajectSoort soort, string? idempotencyKey, DateOnly? aanmelddatum = null)
    {
        WeigerAlsVernietigd();
        if (!Bestaat)
        {
            return null;
        }

        if (idempotencyKey is not null && state.State.TrajectSleutels.TryGetValue(idempotencyKey, out var eerder))
        {
            var bestaand = await GrainFactory.GetGrain<ITrajectGrain>(eerder).LeesAsync();
            return bestaand is null ? null : new TrajectAanmeldingUitkomst { Traject = bestaand, Nieuw = false };
        }

        // One open traject of a soort per client: a double click opens nothing twice.
        var trajecten = await Task.WhenAll(state.State.TrajectIds.Select(id => GrainFactory.GetGrain<ITrajectGrain>(id).LeesAsync()));
        var open = trajecten.OfType<TrajectOverzicht>().FirstOrDefault(t => t.Soort == soort && !TrajectRegels.IsAfgesloten(t.Fase));
        if (open is not null)
        {
            return new TrajectAanmeldingUitkomst { Traject = open, Nieuw = false, AlOpen = true };
        }

        if (state.State.TrajectIds.Count >= grenzen.Value.TrajectenPerClient)
        {
            return new TrajectAanmeldingUitkomst
            {
                Nieuw = false,
                Geweigerd = $"De cliënt heeft al {state.State.TrajectIds.Count} trajecten, het maximum (Grenzen:TrajectenPerClient); " +
                    "neem contact op met het functioneel beheer.",
            };
        }

        // The traject is opened first (its opening is a fact in the log), then the client records it: a failure in between
        // never leaves a reference to a traject that does not exist, and the traject is linked after all — a retry with the
        // same key lands on the same traject (its id derives from client and key), and the read side links it in any case
        // (KoppelTrajectAsync).
        var trajectId = idempotencyKey is null ? Ids.Nieuw(Ids.TrajectPrefix) : Ids.Afgeleid(Ids.TrajectPrefix, ClientId + "\n" + idempotencyKey);
        var traject = await GrainFactory.GetGrain<ITrajectGrain>(trajectId).MeldAanAsync(new TrajectAanmelding
        {
            ClientId = ClientId,
            Gemeente = state.State.Gemeente,
            Soort = soort,
            AanmeldDatum = aanmelddatum,
            IdempotencyKey = idempotencyKey,
        });

        state.State.TrajectIds.Add(trajectId);
        if (idempotencyKey is not null)
        {
            state.State.TrajectSleutels[idempotencyKey] = trajectId;
        }

        await state.SchrijfOfHerstelAsync(() =>
        {
            state.State.TrajectIds.Remove(trajectId);
            if (idempotencyKey is not null)
            {
                state.State.TrajectSleutels.Remove(idempotencyKey);
            }
        }, DeactivateOnIdle);

        return new TrajectAanmeldingUitkomst { Traject = traject, Nieuw = true };
    }

    public async Task KoppelTrajectAsync(string trajectId, string? idempotencyKey)
    {
        if (!Bestaat || state.State.TrajectIds.Contains(trajectId))
        {
            return;
        }

        state.State.TrajectIds.Add(trajectId);
        if (idempotencyKey is not null)
        {
            state.State.TrajectSleutels.TryAdd(idempotencyKey, trajectId);
        }

        await state.SchrijfOfHerstelAsync(() =>
        {
            state.State.TrajectIds.Remove(trajectId);
            if (idempotencyKey is not null && state.State.TrajectSleutels.GetValueOrDefault(idempotencyKey) == trajectId)
            {
                state.State.TrajectSleutels.Remove(idempotencyKey);
            }
        }, DeactivateOnIdle);
        LogGekoppeld(logger, trajectId);
    }

    private ClientWijzigUitkomst? VoorwaardeFaalt(int verwachteVersie) =>
        !Bestaat ? new ClientWijzigUitkomst { Status = WijzigStatus.Onbekend }
        : verwachteVersie != state.State.Versie ? new ClientWijzigUitkomst { Status = WijzigStatus.VersieVerouderd, Profiel = Profiel() }
        : null;

    /// <summary>
    /// Appends a fact to the client's stream (the log first), takes it into the state and writes the state; returns the
    /// fact's position in the log.
    /// </summary>
    private async Task<long> NeemOpAsync(object gegevens)
    {
        var volgnummer = state.State.Versie + 1;
        var gemeente = gegevens is ClientVerhuisd v ? v.Naar : state.State.Gemeente;
        var opgeslagen = await StateExtensions.VoegToeAanLogAsync(
            () => gebeurtenissen.VoegToeAsync(Feit(volgnummer, $"{Abstractions.Log.LogFormaat.Type(gegevens)}-{volgnummer}", gegevens, clock.GetUtcNow(), gemeente)),
            DeactivateOnIdle, "Deze cliënt");
        var vorige = (state.State.Gemeente, Gegevens(), state.State.Versie, state.State.Beperking, state.State.Bsn, state.State.Geboortedatum, state.State.VernietigdOp);
        Neem(gegevens);
        await state.SchrijfOfHerstelAsync(() =>
        {
            (state.State.Gemeente, var g, state.State.Versie, state.State.Beperking, state.State.Bsn, state.State.Geboortedatum, state.State.VernietigdOp) = vorige;
            Zet(g);
        }, DeactivateOnIdle);
        return opgeslagen.Positie;
    }

    private NieuwFeit Feit(int volgnummer, string feitId, object gegevens, DateTimeOffset op, string? gemeente = null) =>
        new(Stromen.Client(ClientId), volgnummer, feitId, ClientId, gemeente ?? state.State.Gemeente, null, gegevens, op);

    /// <summary>Takes a fact of the client's stream into the state.</summary>
    private void Neem(object gegevens)
    {
        switch (gegevens)
        {
            case ClientGeregistreerd r:
                state.State.Gemeente = r.Gemeente;
                state.State.Geboortedatum = r.Geboortedatum;
                state.State.GeregistreerdOp = r.Op;
                Zet(r.Gegevens);
                break;
            case ClientGewijzigd w:
                Zet(w.Gegevens);
                break;
            case ClientVerhuisd v:
                state.State.Gemeente = v.Naar;
                break;
            case Verwerkingsbeperking b:
                state.State.Beperking = b.Beperkt ? b : null;
                break;
            case ClientVernietigd v:
                // What stays is pseudonymous: the gemeente, the trajecten's ids, the version.
                (state.State.Bsn, state.State.Geboortedatum, state.State.Beperking, state.State.VernietigdOp) = (null, null, null, v.Op);
                Zet(new ClientGegevens());
                break;
        }

        state.State.Versie++;
    }

    private void Zet(ClientGegevens g) =>
        (state.State.Naam, state.State.Klantmanager, state.State.KlantmanagerNaam, state.State.Telefoon, state.State.Email) =
        (g.Naam, g.Klantmanager, g.KlantmanagerNaam, g.Telefoon, g.Email);

    private ClientGegevens Gegevens() => new()
    {
        Naam = state.State.Naam,
        Klantmanager = state.State.Klantmanager,
        KlantmanagerNaam = state.State.KlantmanagerNaam,
        Telefoon = state.State.Telefoon,
        Email = state.State.Email,
    };

    private ClientProfiel Profiel() => new()
    {
        ClientId = ClientId,
        Gemeente = state.State.Gemeente,
        Naam = state.State.Naam,
        Geboortedatum = state.State.Geboortedatum,
        Klantmanager = state.State.Klantmanager,
        KlantmanagerNaam = state.State.KlantmanagerNaam,
        Telefoon = state.State.Telefoon,
        Email = state.State.Email,
        GeregistreerdOp = state.State.GeregistreerdOp,
        TrajectIds = state.State.TrajectIds.ToArray(),
        Versie = state.State.Versie,
        Beperking = state.State.Beperking,
    };

    [LoggerMessage(LogLevel.Warning, "Cliënt: {Aantal} feit(en) uit het gebeurtenissenlog ingehaald of vastgelegd")]
    private static partial void LogIngehaald(ILogger logger, int aantal);

    [LoggerMessage(LogLevel.Warning, "Cliënt verhuisd, maar niet elk traject is meeverhuisd; de projectie verhuizing doet het opnieuw")]
    private static partial void LogTrajectenNietVerhuisd(ILogger logger, Exception ex);

    [LoggerMessage(LogLevel.Warning, "Traject {TrajectId} stond wel in het log maar niet bij de cliënt; nu gekoppeld")]
    private static partial void LogGekoppeld(ILogger logger, string trajectId);
}
