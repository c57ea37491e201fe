using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;
using Trajecten.Grains.Privacy;

namespace Trajecten.Grains;

/// <summary>
/// The in-memory event log: same semantics as the PostgreSQL one (positions handed out under one lock, in order).
/// Facts go through the stored format on the way in, so this mode reads exactly what the PostgreSQL mode would: personal
/// members sealed with their data key and opened on every read, so a destroyed key makes them unreadable here too.
/// </summary>
public sealed class GeheugenGebeurtenisLog(LogMelder melder, Persoonsgegevens kluis) : IGebeurtenisLog
{
    private readonly Lock _slot = new();
    private readonly List<Rij> _feiten = [];
    private readonly Dictionary<(string Stroom, int Volgnummer), Rij> _perStroom = [];

    /// <summary>A stored fact: read as it is, or — with personal members — opened again at each read.</summary>
    private sealed record Rij(LogFeit Feit, OpgeslagenFeit? Verzegeld);

    public async Task<LogFeit> VoegToeAsync(NieuwFeit feit)
    {
        var opgeslagen = await LogVersleuteling.SchrijfAsync(kluis, feit);
        Rij rij;
        lock (_slot)
        {
            if (_perStroom.TryGetValue((feit.StroomId, feit.Volgnummer), out var bestaand))
            {
                return bestaand.Feit.FeitId == feit.FeitId
                    ? Lees(bestaand)
                    : throw new VolgnummerBezetException($"{feit.StroomId} heeft al een feit met volgnummer {feit.Volgnummer}.");
            }

            var gegevens = LogVersleuteling.Lees(kluis, opgeslagen.Type, LogFormaat.Versie, opgeslagen.Json, opgeslagen.Persoonlijk, feit.FeitId);
            rij = new Rij(new LogFeit(_feiten.Count + 1, feit.StroomId, feit.Volgnummer, feit.FeitId, feit.ClientId, feit.Gemeente,
                feit.TrajectSoort, opgeslagen.Type, gegevens, feit.GeregistreerdOp), opgeslagen.Persoonlijk is null ? null : opgeslagen);
            _feiten.Add(rij);
            _perStroom[(feit.StroomId, feit.Volgnummer)] = rij;
        }

        melder.Meld([rij.Feit.Partitie]);
        return rij.Feit;
    }

    private LogFeit Lees(Rij rij) => rij.Verzegeld is not { } v ? rij.Feit
        : rij.Feit with { Gegevens = LogVersleuteling.Lees(kluis, v.Type, LogFormaat.Versie, v.Json, v.Persoonlijk, rij.Feit.FeitId) };

    private IReadOnlyList<LogFeit> Lees(IEnumerable<Rij> rijen) => rijen.Select(Lees).ToArray();

    public Task<IReadOnlyList<LogFeit>> StroomAsync(string stroomId, int naVolgnummer)
    {
        lock (_slot)
        {
            var resultaat = new List<Rij>();
            for (var volgnummer = naVolgnummer + 1; _perStroom.TryGetValue((stroomId, volgnummer), out var feit); volgnummer++)
            {
                resultaat.Add(feit);
            }

            return Task.FromResult(Lees(resultaat));
        }
    }

    public Task<long> LaatstePositieAsync(CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult((long)_feiten.Count);
        }
    }

    public Task<IReadOnlyList<LogFeit>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult(Lees(_feiten
                .Skip((int)Math.Clamp(na, 0, _feiten.Count))
                .Where(r => filter.Past(r.Feit))
                .Take(aantal)));
        }
    }

    public Task<IReadOnlyList<LogFeit>> LeesPartitieAsync(int partitie, long na, int aantal, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult(Lees(_feiten
                .Skip((int)Math.Clamp(na, 0, _feiten.Count))
                .Where(r => r.Feit.Partitie == partitie)
                .Take(aantal)));
        }
    }
}
