using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains.Client;

[GenerateSerializer, Alias("trajecten.client-state.v1")]
public sealed class ClientState
{
    /// <summary>The BSN lives here, in the store, and nowhere else.</summary>
    [Id(0)] public Bsn? Bsn { get; set; }
    [Id(1)] public string Gemeente { get; set; } = "";
    [Id(2)] public string? Naam { get; set; }
    [Id(3)] public DateOnly? Geboortedatum { get; set; }
    [Id(4)] public string? Klantmanager { get; set; }
    [Id(5)] public DateTimeOffset GeregistreerdOp { get; set; }
    [Id(6)] public List<string> TrajectIds { get; set; } = [];
    /// <summary>Idempotency key → trajectId, for repeated traject POSTs.</summary>
    [Id(7)] public Dictionary<string, string> TrajectSleutels { get; set; } = [];
}

/// <summary>One client's registration and the list of its trajecten.</summary>
public sealed class ClientGrain(
    [PersistentState("client", StorageNames.Trajecten)] IPersistentState<ClientState> state,
    TimeProvider clock,
    TrajectenMetrics metrics) : Grain, IClientGrain
{
    private bool Bestaat => state.State.Bsn is not null;

    public async Task<ClientRegistratieUitkomst> RegistreerAsync(ClientRegistratie registratie)
    {
        if (Bestaat)
        {
            if (state.State.Bsn != registratie.Bsn)
            {
                // Two BSNs with one HMAC: never expected; refuse rather than merge two people.
                throw new InvalidOperationException("Deze clientId hoort bij een andere persoon.");
            }

            return new ClientRegistratieUitkomst { Profiel = Profiel(), Nieuw = false };
        }

        state.State.Bsn = registratie.Bsn;
        state.State.Gemeente = registratie.Gemeente;
        state.State.Naam = registratie.Naam;
        state.State.Geboortedatum = registratie.Geboortedatum;
        state.State.Klantmanager = registratie.Klantmanager;
        state.State.GeregistreerdOp = clock.GetUtcNow();
        await state.SchrijfOfHerstelAsync(() => state.State.Bsn = null, DeactivateOnIdle);

        metrics.ClientGeregistreerd(registratie.Gemeente);
        return new ClientRegistratieUitkomst { Profiel = Profiel(), Nieuw = true };
    }

    public Task<ClientProfiel?> GetProfielAsync() => Task.FromResult(Bestaat ? Profiel() : null);

    public async Task<TrajectAanmeldingUitkomst?> MeldTrajectAanAsync(TrajectSoort soort, string? idempotencyKey)
    {
        if (!Bestaat)
        {
            return null;
        }

        if (idempotencyKey is not null && state.State.TrajectSleutels.TryGetValue(idempotencyKey, out var eerder))
        {
            var bestaand = await GrainFactory.GetGrain<ITrajectGrain>(eerder).GetAsync();
            return bestaand is null ? null : new TrajectAanmeldingUitkomst { Traject = bestaand, Nieuw = false };
        }

        // The traject is created first: a crash before the write below leaves an unreferenced traject
        // that nobody was told about, never a reference to a traject that does not exist.
        var trajectId = Ids.Nieuw(Ids.TrajectPrefix);
        var traject = await GrainFactory.GetGrain<ITrajectGrain>(trajectId).MeldAanAsync(new TrajectAanmelding
        {
            ClientId = this.GetPrimaryKeyString(),
            Gemeente = state.State.Gemeente,
            Soort = soort,
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

    private ClientProfiel Profiel() => new()
    {
        ClientId = this.GetPrimaryKeyString(),
        Gemeente = state.State.Gemeente,
        Naam = state.State.Naam,
        Geboortedatum = state.State.Geboortedatum,
        Klantmanager = state.State.Klantmanager,
        GeregistreerdOp = state.State.GeregistreerdOp,
        TrajectIds = state.State.TrajectIds.ToArray(),
    };
}
