using System.Collections.Concurrent;
using Trajecten.Abstractions.Privacy;

namespace Trajecten.Grains.Privacy;

/// <summary>
/// One data key as stored: wrapped by the master key <see cref="Hoofdsleutel"/>; after destruction <see cref="Ingepakt"/>
/// is null and <see cref="VernietigdOp"/> says when. <see cref="SleutelId"/> is the client's id (the client's file) or
/// <c>clientId/signaalId</c> (one signal).
/// </summary>
public sealed record OpgeslagenSleutel(string SleutelId, string ClientId, string? Hoofdsleutel, byte[]? Ingepakt, DateTimeOffset? VernietigdOp);

/// <summary>
/// Where the data keys are kept: PostgreSQL (<c>trajecten_sleutels</c>, its own table, apart from the data it opens) or
/// memory. A key is added once (the first writer wins, every later one gets the stored key) and destroyed once; it is
/// never replaced, except re-wrapped under another master key.
/// </summary>
public interface ISleutelopslag
{
    Task<IReadOnlyList<OpgeslagenSleutel>> LeesAsync(IReadOnlyCollection<string> sleutelIds, CancellationToken ct = default);

    /// <summary>The same, blocking: for grain state, which Orleans deserialises synchronously.</summary>
    IReadOnlyList<OpgeslagenSleutel> Lees(IReadOnlyCollection<string> sleutelIds);

    /// <summary>Adds the key unless one with its id exists; returns the stored one either way.</summary>
    Task<OpgeslagenSleutel> VoegToeAsync(OpgeslagenSleutel nieuw);

    /// <summary>
    /// Destroys the keys of the record (all of the client's, or one) and keeps the record, in one transaction; tells every
    /// silo to forget them. Returns the record with the number of keys destroyed.
    /// </summary>
    Task<Vernietiging> VernietigAsync(Vernietiging vernietiging);

    Task<IReadOnlyList<Vernietiging>> VernietigingenAsync(string? clientId, int aantal, CancellationToken ct = default);

    /// <summary>How many live keys each master key wraps.</summary>
    Task<IReadOnlyDictionary<string, long>> HoofdsleutelsInGebruikAsync(CancellationToken ct = default);

    /// <summary>The check value stored for each master key that has been used (see <see cref="Domain.Privacy.Versleuteling.Controlewaarde"/>).</summary>
    Task<IReadOnlyDictionary<string, byte[]>> ControlewaardenAsync(CancellationToken ct = default);

    Task BewaarControlewaardeAsync(string hoofdsleutelId, byte[] controle, CancellationToken ct = default);

    /// <summary>At most <paramref name="aantal"/> live keys not wrapped by <paramref name="hoofdsleutelId"/>.</summary>
    Task<IReadOnlyList<OpgeslagenSleutel>> NietOnderAsync(string hoofdsleutelId, int aantal, CancellationToken ct = default);

    /// <summary>Stores keys re-wrapped (a key destroyed in the meantime stays destroyed).</summary>
    Task HerverpakAsync(IReadOnlyList<OpgeslagenSleutel> sleutels, CancellationToken ct = default);
}

/// <summary>The keys in memory (the in-memory mode): same semantics, gone with the process.</summary>
public sealed class GeheugenSleutelopslag : ISleutelopslag
{
    private readonly ConcurrentDictionary<string, OpgeslagenSleutel> _sleutels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _controles = new(StringComparer.Ordinal);
    private readonly List<Vernietiging> _vernietigingen = [];
    private readonly Lock _slot = new();

    public Task<IReadOnlyList<OpgeslagenSleutel>> LeesAsync(IReadOnlyCollection<string> sleutelIds, CancellationToken ct = default) =>
        Task.FromResult(Lees(sleutelIds));

    public IReadOnlyList<OpgeslagenSleutel> Lees(IReadOnlyCollection<string> sleutelIds) =>
        sleutelIds.Select(id => _sleutels.GetValueOrDefault(id)).OfType<OpgeslagenSleutel>().ToArray();

    public Task<OpgeslagenSleutel> VoegToeAsync(OpgeslagenSleutel nieuw) => Task.FromResult(_sleutels.GetOrAdd(nieuw.SleutelId, nieuw));

    public Task<Vernietiging> VernietigAsync(Vernietiging vernietiging)
    {
        lock (_slot)
        {
            var aantal = 0;
            foreach (var (id, sleutel) in _sleutels)
            {
                if (sleutel.ClientId == vernietiging.ClientId && (vernietiging.SleutelId is null || id == vernietiging.SleutelId) && sleutel.Ingepakt is not null)
                {
                    _sleutels[id] = sleutel with { Hoofdsleutel = null, Ingepakt = null, VernietigdOp = vernietiging.Op };
                    aantal++;
                }
            }

            var vastgelegd = vernietiging with { Sleutels = aantal };
            _vernietigingen.Add(vastgelegd);
            return Task.FromResult(vastgelegd);
        }
    }

    public Task<IReadOnlyList<Vernietiging>> VernietigingenAsync(string? clientId, int aantal, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<Vernietiging>>(_vernietigingen.Where(v => clientId is null || v.ClientId == clientId)
                .Reverse().Take(aantal).ToArray());
        }
    }

    public Task<IReadOnlyDictionary<string, long>> HoofdsleutelsInGebruikAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(_sleutels.Values.Where(s => s.Hoofdsleutel is not null)
            .GroupBy(s => s.Hoofdsleutel!).ToDictionary(g => g.Key, g => (long)g.Count()));

    public Task<IReadOnlyDictionary<string, byte[]>> ControlewaardenAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, byte[]>>(_controles.ToDictionary());

    public Task BewaarControlewaardeAsync(string hoofdsleutelId, byte[] controle, CancellationToken ct = default)
    {
        _controles.TryAdd(hoofdsleutelId, controle);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OpgeslagenSleutel>> NietOnderAsync(string hoofdsleutelId, int aantal, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OpgeslagenSleutel>>(_sleutels.Values
            .Where(s => s.Ingepakt is not null && s.Hoofdsleutel != hoofdsleutelId).Take(aantal).ToArray());

    public Task HerverpakAsync(IReadOnlyList<OpgeslagenSleutel> sleutels, CancellationToken ct = default)
    {
        lock (_slot)
        {
            foreach (var sleutel in sleutels)
            {
                if (_sleutels.TryGetValue(sleutel.SleutelId, out var huidig) && huidig.Ingepakt is not null)
                {
                    _sleutels[sleutel.SleutelId] = sleutel;
                }
            }
        }

        return Task.CompletedTask;
    }
}
