using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// Runs in every silo and wakes the partition grains: at once for the partitions a commit names (<see cref="LogMelder"/>,
/// fed by LISTEN/NOTIFY in PostgreSQL mode), and every <see cref="ProjectieOpties.Peilinterval"/> for all of them as a
/// safety net (a lost notification, a silo that was down). Per partition at most one turn is under way from this silo;
/// a notification during a turn makes it go round once more, so a burst of commits costs a few turns, not one each.
/// A backlog is worked off batch after batch. When the silo hosting a partition dies, the next wake-up activates it
/// elsewhere, from its persisted checkpoint.
/// </summary>
public sealed partial class ProjectieTikker(
    IGrainFactory grains, LogMelder melder, IOptions<ProjectieOpties> opties, ILogger<ProjectieTikker> logger) : BackgroundService
{
    private readonly int[] _bezig = new int[Partities.Aantal];
    private readonly int[] _opnieuw = new int[Partities.Aantal];
    private CancellationToken _stop;
    private int _fouten;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stop = stoppingToken;
        melder.Gemeld += Wek;
        try
        {
            using var timer = new PeriodicTimer(opties.Value.Peilinterval);
            do
            {
                Wek(Enumerable.Range(0, Partities.Aantal).ToArray());
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            melder.Gemeld -= Wek;
        }
    }

    private void Wek(IReadOnlyCollection<int> partities)
    {
        foreach (var partitie in partities)
        {
            Volatile.Write(ref _opnieuw[partitie], 1);
            if (!_stop.IsCancellationRequested && Interlocked.CompareExchange(ref _bezig[partitie], 1, 0) == 0)
            {
                _ = DraaiAsync(partitie);
            }
        }
    }

    private async Task DraaiAsync(int partitie)
    {
        var grain = grains.GetGrain<IProjectiePartitieGrain>(partitie);
        var gelukt = false;
        try
        {
            while (Interlocked.Exchange(ref _opnieuw[partitie], 0) == 1 && !_stop.IsCancellationRequested)
            {
                while (await grain.TikAsync() >= opties.Value.Batch && !_stop.IsCancellationRequested)
                {
                }
            }

            _fouten = 0;
            gelukt = true;
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            // The cluster or the database is away; the next wake-up tries again. Log the first of a series only.
            if (Interlocked.Increment(ref _fouten) == 1)
            {
                LogMislukt(logger, ex, partitie);
            }
        }
        catch (Exception)
        {
            // stopping
        }
        finally
        {
            Volatile.Write(ref _bezig[partitie], 0);
        }

        // A notification that came in after the last look but before the turn ended must not wait for the safety net.
        if (gelukt && Volatile.Read(ref _opnieuw[partitie]) == 1 && !_stop.IsCancellationRequested
            && Interlocked.CompareExchange(ref _bezig[partitie], 1, 0) == 0)
        {
            _ = DraaiAsync(partitie);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Projecties van partitie {Partitie} niet bijgewerkt; de volgende beurt probeert het opnieuw")]
    private static partial void LogMislukt(ILogger logger, Exception ex, int partitie);
}
