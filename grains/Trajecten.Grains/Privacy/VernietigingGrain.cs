using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Privacy;

namespace Trajecten.Grains.Privacy;

[GenerateSerializer, Alias("trajecten.vernietiging-state.v1")]
public sealed class VernietigingState
{
    [Id(0)] public Vernietigingsverzoek? Verzoek { get; set; }
}

/// <summary>The open request to destroy one person's data and its confirmation (see <see cref="IVernietigingGrain"/>).</summary>
public sealed class VernietigingGrain(
    [PersistentState("vernietiging", OpslagNamen.Trajecten)] IPersistentState<VernietigingState> state,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock) : Grain, IVernietigingGrain
{
    public async Task<Vernietigingsverzoek> VraagAanAsync(string grondslag, string door)
    {
        var nu = clock.GetUtcNow();
        state.State.Verzoek = new Vernietigingsverzoek
        {
            ClientId = this.GetPrimaryKeyString(), Grondslag = grondslag, AangevraagdDoor = door, AangevraagdOp = nu,
            VerlooptOp = nu + Vernietigingsverzoek.Geldigheid, Bevestigingscode = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
        };
        await state.WriteStateAsync();
        return state.State.Verzoek;
    }

    public async Task<VernietigingUitkomst> BevestigAsync(string code, string door)
    {
        if (state.State.Verzoek is not { } verzoek)
        {
            return new VernietigingUitkomst { Status = VernietigingStatus.GeenVerzoek };
        }

        if (clock.GetUtcNow() > verzoek.VerlooptOp)
        {
            return new VernietigingUitkomst { Status = VernietigingStatus.Verlopen };
        }

        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(verzoek.Bevestigingscode!)))
        {
            return new VernietigingUitkomst { Status = VernietigingStatus.CodeOnjuist };
        }

        var vernietiging = await GrainFactory.GetGrain<IClientGrain>(this.GetPrimaryKeyString()).VernietigAsync(verzoek.Grondslag, verzoek.AangevraagdDoor, door);
        state.State.Verzoek = null;
        await state.WriteStateAsync();
        return new VernietigingUitkomst { Status = VernietigingStatus.Vernietigd, Vernietiging = vernietiging };
    }

    public Task<Vernietigingsverzoek?> LeesAsync() =>
        Task.FromResult(state.State.Verzoek is { } v && clock.GetUtcNow() <= v.VerlooptOp ? v with { Bevestigingscode = null } : null);
}
