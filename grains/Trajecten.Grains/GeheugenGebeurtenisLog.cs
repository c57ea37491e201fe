using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains;

/// <summary>
/// The in-memory event log: same semantics as the PostgreSQL one (positions handed out under one lock, in order).
/// Facts go through the stored format on the way in, so this mode reads exactly what the PostgreSQL mode would.
/// </summary>
public sealed class GeheugenGebeurtenisLog(LogMelder melder) : IGebeurtenisLog
{
    private readonly Lock _slot = new();
    private readonly List<LogFeit> _feiten = [];
    private readonly Dictionary<(string Stroom, int Volgnummer), LogFeit> _perStroom = [];

    public Task<LogFeit> VoegToeAsync(NieuwFeit feit)
    {
        LogFeit opgeslagen;
        lock (_slot)
        {
            if (_perStroom.TryGetValue((feit.StroomId, feit.Volgnummer), out var bestaand))
            {
                return bestaand.FeitId == feit.FeitId
                    ? Task.FromResult(bestaand)
                    : Task.FromException<LogFeit>(new VolgnummerBezetException($"{feit.StroomId} heeft al een feit met volgnummer {feit.Volgnummer}."));
            }

            var type = LogFormaat.Type(feit.Gegevens);
            opgeslagen = new LogFeit(_feiten.Count + 1, feit.StroomId, feit.Volgnummer, feit.FeitId, feit.ClientId, feit.Gemeente,
                feit.TrajectSoort, type, LogFormaat.Lees(type, LogFormaat.Versie, LogFormaat.Schrijf(feit.Gegevens)), feit.GeregistreerdOp);
            _feiten.Add(opgeslagen);
            _perStroom[(feit.StroomId, feit.Volgnummer)] = opgeslagen;
        }

        melder.Meld([opgeslagen.Partitie]);
        return Task.FromResult(opgeslagen);
    }

    public Task<IReadOnlyList<LogFeit>> StroomAsync(string stroomId, int naVolgnummer)
    {
        lock (_slot)
        {
            var resultaat = new List<LogFeit>();
            for (var volgnummer = naVolgnummer + 1; _perStroom.TryGetValue((stroomId, volgnummer), out var feit); volgnummer++)
            {
                resultaat.Add(feit);
            }

            return Task.FromResult<IReadOnlyList<LogFeit>>(resultaat);
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
            return Task.FromResult<IReadOnlyList<LogFeit>>(_feiten
                .Skip((int)Math.Clamp(na, 0, _feiten.Count))
                .Where(filter.Past)
                .Take(aantal).ToArray());
        }
    }

    public Task<IReadOnlyList<LogFeit>> LeesPartitieAsync(int partitie, long na, int aantal, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<LogFeit>>(_feiten
                .Skip((int)Math.Clamp(na, 0, _feiten.Count))
                .Where(f => f.Partitie == partitie)
                .Take(aantal).ToArray());
        }
    }
}
