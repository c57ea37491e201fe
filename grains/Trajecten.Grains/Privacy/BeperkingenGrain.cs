using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Client;
using Trajecten.Grains.Projecties;

namespace Trajecten.Grains.Privacy;

[GenerateSerializer, Alias("trajecten.beperkingen-state.v1")]
public sealed class BeperkingenState
{
    /// <summary>Per client: restricted or not, and the log position of the fact that said so.</summary>
    [Id(0)] public Dictionary<string, (bool Beperkt, long Positie)> Clienten { get; set; } = [];
}

/// <summary>The restricted clients, as the beperkingen projection applies the log (see <see cref="IBeperkingenGrain"/>).</summary>
public sealed class BeperkingenGrain(
    [PersistentState("beperkingen", OpslagNamen.Trajecten)] IPersistentState<BeperkingenState> state) : Grain, IBeperkingenGrain
{
    private HashSet<string>? _beperkt;

    public async Task ZetAsync(string clientId, bool beperkt, long positie)
    {
        if (state.State.Clienten.TryGetValue(clientId, out var huidig) && huidig.Positie >= positie)
        {
            return;
        }

        state.State.Clienten[clientId] = (beperkt, positie);
        await state.WriteStateAsync();
        _beperkt = null;
    }

    public Task<IReadOnlySet<string>> LeesAsync()
    {
        _beperkt ??= state.State.Clienten.Where(c => c.Value.Beperkt).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlySet<string>>(_beperkt);
    }

    public Task<long> PositieAsync(string clientId) =>
        Task.FromResult(state.State.Clienten.TryGetValue(clientId, out var huidig) ? huidig.Positie : 0);
}

/// <summary>A client's processing was restricted or the restriction lifted: the restricted set follows, by log position.</summary>
public sealed class BeperkingenProjectie : IProjectie
{
    public string Naam => "beperkingen";

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        foreach (var feit in feiten)
        {
            if (feit.Gegevens is Verwerkingsbeperking b)
            {
                await FeitFout.OmAsync(feit, () => grains.GetGrain<IBeperkingenGrain>(0).ZetAsync(clientId, b.Beperkt, feit.Positie));
            }
        }
    }

    public Task LeegAsync() => Task.CompletedTask;
}
