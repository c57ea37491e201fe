using System.Collections.Concurrent;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Signalen;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// Keeps the management read model: for each client with new facts, its row and one row per traject from its klantbeeld
/// (which the klantbeeld projection has just brought up to date), and one row per signal received (counted for the client's
/// gemeente when read, so the figures do not depend on how facts were batched). A client whose personal data was destroyed
/// keeps the rows it had, frozen (<see cref="IKengetallen.BevriesAsync"/>): the figures keep counting what happened.
/// </summary>
public sealed class KengetallenProjectie(IKengetallen kengetallen) : IProjectie
{
    public const string ProjectieNaam = "kengetallen";
    public string Naam => ProjectieNaam;

    public async Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        var (klantbeeld, vernietigdOp) = await KlantbeeldBron.LeesAsync(clientId, feiten, grains);
        if (vernietigdOp is { } op)
        {
            await kengetallen.BevriesAsync(clientId, op, feiten[^1].Positie);
            return;
        }

        var signalen = feiten.Where(f => f.Gegevens is OntvangenSignaal).Select(f =>
        {
            var melding = ((OntvangenSignaal)f.Gegevens).Melding;
            return new SignaalStatistiek(f.Positie, clientId, SignaalCodes.Domein.Code(melding.Domein), melding.Soort, melding.Datum);
        }).ToArray();
        if (klantbeeld is null)
        {
            await kengetallen.SchrijfAsync(null, [], signalen); // about someone who is not a client (yet)
            return;
        }

        var laatste = feiten[^1];
        var punten = CaseloadRij.PuntenOp(klantbeeld, laatste.GeregistreerdOp).Select(a => a.Code).Distinct().ToArray();
        await kengetallen.SchrijfAsync(
            new ClientStatistiek(clientId, klantbeeld.Gemeente, klantbeeld.Klantmanager, punten, laatste.Positie),
            klantbeeld.Trajecten.Select(t => TrajectStatistiek.Van(t, laatste.Positie)).ToArray(),
            signalen);
    }

    public Task LeegAsync() => kengetallen.LeegAsync();
}

/// <summary>The management read model of the in-memory mode.</summary>
public sealed class GeheugenKengetallen : IKengetallen
{
    private readonly ConcurrentDictionary<string, ClientStatistiek> _clienten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrajectStatistiek> _trajecten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, SignaalStatistiek> _signalen = new();
    private readonly ConcurrentDictionary<string, DateOnly> _bevroren = new(StringComparer.Ordinal);

    public Task SchrijfAsync(ClientStatistiek? client, IReadOnlyList<TrajectStatistiek> trajecten, IReadOnlyList<SignaalStatistiek> signalen)
    {
        if (client is not null)
        {
            _clienten.AddOrUpdate(client.ClientId, client, (_, oud) => client.LaatstePositie >= oud.LaatstePositie ? client : oud);
        }

        foreach (var t in trajecten)
        {
            _trajecten.AddOrUpdate(t.TrajectId, t, (_, oud) => t.LaatstePositie >= oud.LaatstePositie ? t : oud);
        }

        foreach (var s in signalen)
        {
            _signalen[s.Positie] = s;
        }

        return Task.CompletedTask;
    }

    public Task BevriesAsync(string clientId, DateOnly op, long positie)
    {
        _bevroren.TryAdd(clientId, op);
        if (_clienten.TryGetValue(clientId, out var client))
        {
            _clienten[clientId] = client.NaVernietiging(op, positie);
        }

        foreach (var t in _trajecten.Values.Where(t => t.ClientId == clientId))
        {
            _trajecten[t.TrajectId] = t.NaVernietiging(op, positie);
        }

        return Task.CompletedTask;
    }

    public Task LeegAsync()
    {
        foreach (var c in _clienten.Keys.Where(c => !_bevroren.ContainsKey(c)))
        {
            _clienten.TryRemove(c, out _);
        }

        foreach (var t in _trajecten.Values.Where(t => !_bevroren.ContainsKey(t.ClientId)))
        {
            _trajecten.TryRemove(t.TrajectId, out _);
        }

        foreach (var s in _signalen.Values.Where(s => !_bevroren.ContainsKey(s.ClientId)))
        {
            _signalen.TryRemove(s.Positie, out _);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SignaalStatistiek>> SignalenAsync(string domein, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<SignaalStatistiek>>(_signalen.Values.Where(s => s.Domein == domein)
            .Select(s => s with { Gemeente = _clienten.TryGetValue(s.ClientId, out var c) ? c.Gemeente : null }).OrderBy(s => s.Positie).ToArray());

    public Task<KengetallenBron> LeesAsync(IReadOnlySet<string>? gemeenten = null, CancellationToken ct = default) =>
        Task.FromResult(new KengetallenBron(
            _trajecten.Values.Where(t => gemeenten is null || gemeenten.Contains(t.Gemeente)).OrderBy(t => t.TrajectId, StringComparer.Ordinal).ToArray(),
            _clienten.Values.Where(c => gemeenten is null || gemeenten.Contains(c.Gemeente)).OrderBy(c => c.ClientId, StringComparer.Ordinal).ToArray(),
            _signalen.Values
                .Select(s => s with { Gemeente = _clienten.TryGetValue(s.ClientId, out var c) ? c.Gemeente : null })
                .Where(s => s.Gemeente is { } g && (gemeenten is null || gemeenten.Contains(g)))
                .OrderBy(s => s.Positie).ToArray()));
}
