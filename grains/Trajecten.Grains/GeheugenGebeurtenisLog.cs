using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Traject;

namespace Trajecten.Grains;

/// <summary>The in-memory event log: same semantics as the PostgreSQL one (positions handed out under one lock, in order).</summary>
public sealed class GeheugenGebeurtenisLog : IGebeurtenisLog
{
    private readonly Lock _slot = new();
    private readonly List<LogFeit> _feiten = [];
    private readonly Dictionary<(string Stroom, int Volgnummer), LogFeit> _perStroom = [];

    public Task<Gebeurtenis> VoegToeAsync(string trajectId, string clientId, string gemeente, TrajectSoort trajectSoort, Mijlpaal mijlpaal) =>
        Task.FromResult(VoegToe(trajectId, mijlpaal.Volgnummer, mijlpaal.MijlpaalId,
            positie => new LogFeit(positie, new Gebeurtenis(positie, trajectId, clientId, gemeente, trajectSoort, mijlpaal), null)).Mijlpaal!);

    public Task<SignaalFeit> VoegSignaalToeAsync(string clientId, int volgnummer, OntvangenSignaal signaal) =>
        Task.FromResult(VoegToe(clientId, volgnummer, signaal.Melding.SignaalId,
            positie => new LogFeit(positie, null, new SignaalFeit(positie, clientId, volgnummer, signaal))).Signaal!);

    public Task<IReadOnlyList<Mijlpaal>> TrajectAsync(string trajectId, int naVolgnummer) =>
        Task.FromResult<IReadOnlyList<Mijlpaal>>(Stroom(trajectId, naVolgnummer).Select(f => f.Mijlpaal!.Mijlpaal).ToArray());

    public Task<IReadOnlyList<OntvangenSignaal>> SignalenAsync(string clientId, int naVolgnummer) =>
        Task.FromResult<IReadOnlyList<OntvangenSignaal>>(Stroom(clientId, naVolgnummer).Select(f => f.Signaal!.Signaal).ToArray());

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
                .Select(f => f.Mijlpaal)
                .OfType<Gebeurtenis>()
                .Where(f => (filter.Gemeente is null || f.Gemeente == filter.Gemeente) && (filter.Soort is null || f.Mijlpaal.Soort == filter.Soort))
                .Take(aantal).ToArray());
        }
    }

    public Task<IReadOnlyList<LogFeit>> LeesAllesAsync(long na, int aantal, CancellationToken ct = default)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<LogFeit>>(_feiten.Skip((int)Math.Clamp(na, 0, _feiten.Count)).Take(aantal).ToArray());
        }
    }

    private LogFeit VoegToe(string stroom, int volgnummer, string feitId, Func<long, LogFeit> maak)
    {
        lock (_slot)
        {
            if (_perStroom.TryGetValue((stroom, volgnummer), out var bestaand))
            {
                var bestaandId = bestaand.Mijlpaal?.Mijlpaal.MijlpaalId ?? bestaand.Signaal!.Signaal.Melding.SignaalId;
                return bestaandId == feitId
                    ? bestaand
                    : throw new VolgnummerBezetException($"{stroom} heeft al een feit met volgnummer {volgnummer}.");
            }

            var feit = maak(_feiten.Count + 1);
            _feiten.Add(feit);
            _perStroom[(stroom, volgnummer)] = feit;
            return feit;
        }
    }

    private IEnumerable<LogFeit> Stroom(string stroom, int naVolgnummer)
    {
        lock (_slot)
        {
            var resultaat = new List<LogFeit>();
            for (var volgnummer = naVolgnummer + 1; _perStroom.TryGetValue((stroom, volgnummer), out var feit); volgnummer++)
            {
                resultaat.Add(feit);
            }

            return resultaat;
        }
    }
}
