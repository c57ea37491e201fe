using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// Applies the log to every projection for one partition of clients. Each projection has its own checkpoint, so a
/// rebuild of one does not touch the others; they run in a fixed order (the klantbeeld first, so the caseload, which
/// is read from it, sees every fact it sees). Clients are handled in parallel, each client's facts in log order. A fact
/// that fails is offered again on the next turn (the checkpoint stays in front of it: nothing is skipped); after
/// <see cref="ProjectieOpties.MaxPogingen"/> attempts it is parked with every later fact of the same client, so it holds
/// up only that client, and the retry command releases it. Not reentrant: turns never interleave.
/// </summary>
public sealed partial class ProjectiePartitieGrain(
    IEnumerable<IProjectie> projecties,
    IProjectieOpslag opslag,
    IGebeurtenisLog log,
    IOptions<ProjectieOpties> opties,
    ProjectieMetrics metrics,
    [FromKeyedServices(DomeinKlok.Sleutel)] TimeProvider clock,
    ILogger<ProjectiePartitieGrain> logger) : Grain, IProjectiePartitieGrain
{
    private const int GelijktijdigeClienten = 32;

    private readonly IReadOnlyList<IProjectie> _projecties = projecties.ToArray();
    private readonly Dictionary<(string Projectie, long Positie), int> _pogingen = [];
    private readonly Dictionary<string, (int Generatie, HashSet<string> Clienten)> _geblokkeerd = [];

    private int Partitie => (int)this.GetPrimaryKeyLong();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Vergeet(Partitie);
        return Task.CompletedTask;
    }

    public async Task<int> TikAsync()
    {
        var standen = await opslag.LeesAsync(Partitie, _projecties.Select(p => p.Naam).ToArray());
        var feiten = await log.LeesPartitieAsync(Partitie, standen.Min(s => s.Positie), opties.Value.Batch);
        var vastgelopen = false;
        var verder = new List<ProjectieStand>();
        for (var i = 0; i < _projecties.Count; i++)
        {
            var (naar, gelukt) = await PasToeAsync(_projecties[i], standen[i], feiten);
            vastgelopen |= !gelukt;
            if (naar > standen[i].Positie)
            {
                verder.Add(standen[i] with { Positie = naar });
            }

            var oudste = feiten.FirstOrDefault(f => f.Positie > naar);
            metrics.Achterstand(_projecties[i].Naam, Partitie,
                oudste is null || feiten.Count == 0 ? TimeSpan.Zero : clock.GetUtcNow() - oudste.GeregistreerdOp);
        }

        // One checkpoint write for the turn. A rebuild or retry that came in between refuses it: the next turn starts
        // from the new stand (and reloads which clients are parked).
        if (verder.Count > 0)
        {
            foreach (var projectie in await opslag.SchrijfAsync(verder))
            {
                _geblokkeerd.Remove(projectie);
                vastgelopen = true;
            }
        }

        // A full batch means more is waiting; a projection stuck on a failing fact waits for the next turn.
        return vastgelopen ? 0 : feiten.Count;
    }

    /// <summary>Applies the facts after the projection's checkpoint; returns the checkpoint to write and whether nothing is stuck.</summary>
    private async Task<(long Checkpoint, bool Gelukt)> PasToeAsync(IProjectie projectie, ProjectieStand stand, IReadOnlyList<LogFeit> feiten)
    {
        var nieuw = feiten.Where(f => f.Positie > stand.Positie).ToArray();
        if (nieuw.Length == 0)
        {
            return (stand.Positie, true);
        }

        var geblokkeerd = await GeblokkeerdAsync(projectie.Naam, stand.Generatie);
        var geparkeerd = new List<GeparkeerdFeit>();
        var mislukt = new List<long>();
        foreach (var deel in nieuw.GroupBy(f => f.ClientId).Chunk(GelijktijdigeClienten))
        {
            var uitkomsten = await Task.WhenAll(deel.Select(g => PasClientToeAsync(projectie, g.Key, g.ToArray(), geblokkeerd)));
            foreach (var (fout, parkeer) in uitkomsten)
            {
                if (fout is { } positie)
                {
                    mislukt.Add(positie);
                }

                geparkeerd.AddRange(parkeer);
            }
        }

        if (geparkeerd.Count > 0)
        {
            await opslag.ParkeerAsync(geparkeerd);
            metrics.Geparkeerd(projectie.Naam, Partitie, (await opslag.GeparkeerdAsync(projectie.Naam, Partitie)).Count);
        }

        var checkpoint = mislukt.Count > 0 ? mislukt.Min() - 1 : nieuw[^1].Positie;
        return (Math.Max(checkpoint, stand.Positie), mislukt.Count == 0);
    }

    /// <summary>One client's facts: applied, or (the position to retry from) or parked.</summary>
    private async Task<(long? Fout, IReadOnlyList<GeparkeerdFeit> Geparkeerd)> PasClientToeAsync(
        IProjectie projectie, string clientId, IReadOnlyList<LogFeit> feiten, HashSet<string> geblokkeerd)
    {
        if (geblokkeerd.Contains(clientId))
        {
            return (null, Parkeer(projectie.Naam, feiten, "Een eerder feit van deze cliënt is geparkeerd."));
        }

        try
        {
            await projectie.PasToeAsync(clientId, feiten, GrainFactory);
            var nu = clock.GetUtcNow();
            foreach (var feit in feiten)
            {
                metrics.Toegepast(projectie.Naam, nu - feit.GeregistreerdOp);
                _pogingen.Remove((projectie.Naam, feit.Positie));
            }

            return (null, []);
        }
        catch (Exception ex)
        {
            var positie = ex is FeitFout f ? f.Positie : feiten[0].Positie;
            var pogingen = _pogingen[(projectie.Naam, positie)] = _pogingen.GetValueOrDefault((projectie.Naam, positie)) + 1;
            metrics.Fout(projectie.Naam);
            if (pogingen < opties.Value.MaxPogingen)
            {
                LogMislukt(logger, ex, projectie.Naam, positie, pogingen);
                return (positie, []);
            }

            LogGeparkeerd(logger, ex, projectie.Naam, positie, pogingen);
            _pogingen.Remove((projectie.Naam, positie));
            geblokkeerd.Add(clientId);
            return (null, Parkeer(projectie.Naam, feiten.Where(f => f.Positie >= positie), $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private GeparkeerdFeit[] Parkeer(string projectie, IEnumerable<LogFeit> feiten, string fout)
    {
        var nu = clock.GetUtcNow();
        return feiten.Select(f => new GeparkeerdFeit(projectie, f.Positie, Partitie, f.ClientId, fout, nu)).ToArray();
    }

    /// <summary>The clients whose facts are parked for this projection (read again after a rebuild or retry).</summary>
    private async Task<HashSet<string>> GeblokkeerdAsync(string projectie, int generatie)
    {
        if (_geblokkeerd.TryGetValue(projectie, out var bekend) && bekend.Generatie == generatie)
        {
            return bekend.Clienten;
        }

        var geparkeerd = await opslag.GeparkeerdAsync(projectie, Partitie);
        var clienten = geparkeerd.Select(g => g.ClientId).ToHashSet(StringComparer.Ordinal);
        metrics.Geparkeerd(projectie, Partitie, geparkeerd.Count);
        _geblokkeerd[projectie] = (generatie, clienten);
        return clienten;
    }

    [LoggerMessage(LogLevel.Warning, "Projectie {Projectie}: feit op positie {Positie} niet toegepast (poging {Poging}); de volgende beurt probeert het opnieuw")]
    private static partial void LogMislukt(ILogger logger, Exception ex, string projectie, long positie, int poging);

    [LoggerMessage(LogLevel.Error, "Projectie {Projectie}: feit op positie {Positie} na {Poging} pogingen geparkeerd, met de latere feiten van dezelfde cliënt; het commando `projecties herstel` probeert het opnieuw")]
    private static partial void LogGeparkeerd(ILogger logger, Exception ex, string projectie, long positie, int poging);
}
