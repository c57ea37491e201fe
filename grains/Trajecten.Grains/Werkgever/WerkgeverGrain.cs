using Microsoft.Extensions.DependencyInjection;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Grains.Werkgever;

[GenerateSerializer, Alias("trajecten.werkgever-state.v1")]
public sealed class WerkgeverState
{
    [Id(0)] public WerkgeverGegevens? Gegevens { get; set; }
    [Id(1)] public DateTimeOffset GeregistreerdOp { get; set; }
    [Id(2)] public DateTimeOffset GewijzigdOp { get; set; }
    [Id(3)] public List<Plaatsing> Plaatsingen { get; set; } = [];
    [Id(4)] public List<Vacature> Vacatures { get; set; } = [];
}

/// <summary>One employer: its details, vacancies and the placements made with it.</summary>
public sealed class WerkgeverGrain(
    [PersistentState("werkgever", OpslagNamen.Trajecten)] IPersistentState<WerkgeverState> state,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock) : Grain, IWerkgeverGrain
{
    public async Task<bool> RegistreerAsync(WerkgeverGegevens gegevens)
    {
        var nieuw = state.State.Gegevens is null;
        if (!nieuw && state.State.Gegevens == gegevens)
        {
            return false; // a repeated PUT changes nothing
        }

        var vorige = (state.State.Gegevens, state.State.GeregistreerdOp, state.State.GewijzigdOp);
        var nu = clock.GetUtcNow();
        state.State.Gegevens = gegevens;
        state.State.GewijzigdOp = nu;
        if (nieuw)
        {
            state.State.GeregistreerdOp = nu;
        }

        await state.SchrijfOfHerstelAsync(() => (state.State.Gegevens, state.State.GeregistreerdOp, state.State.GewijzigdOp) = vorige, DeactivateOnIdle);
        return nieuw;
    }

    public Task<WerkgeverOverzicht?> LeesAsync() => Task.FromResult(state.State.Gegevens is null
        ? null
        : new WerkgeverOverzicht
        {
            Gegevens = state.State.Gegevens,
            GeregistreerdOp = state.State.GeregistreerdOp,
            GewijzigdOp = state.State.GewijzigdOp,
            Plaatsingen = state.State.Plaatsingen.ToArray(),
            Vacatures = state.State.Vacatures.ToArray(),
        });

    public Task<bool> BestaatAsync() => Task.FromResult(state.State.Gegevens is not null);

    public async Task<VacaturePlaatsing?> PlaatsVacatureAsync(VacatureAanvraag aanvraag, string? idempotencyKey)
    {
        if (state.State.Gegevens is null)
        {
            return null;
        }

        if (idempotencyKey is not null && state.State.Vacatures.Find(v => v.IdempotencyKey == idempotencyKey) is { } eerder)
        {
            return new VacaturePlaatsing { Vacature = eerder, Nieuw = false, AnderVerzoek = eerder.Gegevens != aanvraag };
        }

        var vacature = new Vacature
        {
            VacatureId = Ids.Nieuw(Ids.VacaturePrefix),
            Gegevens = aanvraag,
            GeplaatstOp = clock.GetUtcNow(),
            IdempotencyKey = idempotencyKey,
        };
        state.State.Vacatures.Add(vacature);
        await state.SchrijfOfHerstelAsync(() => state.State.Vacatures.Remove(vacature), DeactivateOnIdle);
        return new VacaturePlaatsing { Vacature = vacature, Nieuw = true };
    }

    public async Task<bool> RegistreerPlaatsingAsync(Plaatsing plaatsing)
    {
        if (state.State.Gegevens is null)
        {
            return false;
        }

        if (state.State.Plaatsingen.Exists(p => p.MijlpaalId == plaatsing.MijlpaalId))
        {
            return true;
        }

        state.State.Plaatsingen.Add(plaatsing);
        await state.SchrijfOfHerstelAsync(() => state.State.Plaatsingen.Remove(plaatsing), DeactivateOnIdle);
        return true;
    }
}
