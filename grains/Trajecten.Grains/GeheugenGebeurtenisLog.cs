using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains;

/// <summary>The in-memory event log: same semantics as the PostgreSQL one (positions handed out under one lock, in order).</summary>
public sealed class GeheugenGebeurtenisLog : IGebeurtenisLog
{
    private readonly Lock _slot = new();
    private readonly List<Gebeurtenis> _feiten = [];

    public Task<Gebeurtenis> VoegToeAsync(string trajectId, string clientId, string gemeente, TrajectSoort trajectSoort, Mijlpaal mijlpaal)
    {
        lock (_slot)
        {
            var bestaand = _feiten.Find(f => f.TrajectId == trajectId && f.Mijlpaal.Volgnummer == mijlpaal.Volgnummer);
            if (bestaand is not null)
            {
                return bestaand.Mijlpaal.MijlpaalId == mijlpaal.MijlpaalId
                    ? Task.FromResult(bestaand)
                    : throw new VolgnummerBezetException($"Traject {trajectId} heeft al een mijlpaal met volgnummer {mijlpaal.Volgnummer}.");
            }

            var feit = new Gebeurtenis(_feiten.Count + 1, trajectId, clientId, gemeente, trajectSoort, mijlpaal);
            _feiten.Add(feit);
            return Task.FromResult(feit);
        }
    }

    public Task<IReadOnlyList<Mijlpaal>> TrajectAsync(string trajectId, int naVolgnummer)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<Mijlpaal>>(_feiten
                .Where(f => f.TrajectId == trajectId && f.Mijlpaal.Volgnummer > naVolgnummer)
                .Select(f => f.Mijlpaal).OrderBy(m => m.Volgnummer).ToArray());
        }
    }

    public Task<long> LaatstePositieAsync(CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult((long)_feiten.Count);
        }
    }

    public Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<Gebeurtenis>>(_feiten
                .Skip((int)Math.Clamp(na, 0, _feiten.Count))
                .Where(f => (filter.Gemeente is null || f.Gemeente == filter.Gemeente) && (filter.Soort is null || f.Mijlpaal.Soort == filter.Soort))
                .Take(aantal).ToArray());
        }
    }
}
