using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;

namespace Trajecten.Grains.Relay;

/// <summary>
/// Runs in every silo and asks the relay grain to work every <see cref="RelayOpties.Interval"/>. With several
/// silos the relay is asked more often, never twice at once (a grain handles one call at a time), and it keeps
/// running when the silo that hosted it dies.
/// </summary>
public sealed partial class RelayTikker(IGrainFactory grains, IOptions<RelayOpties> opties, ILogger<RelayTikker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(opties.Value.Interval);
        var relay = grains.GetGrain<IGebeurtenisRelayGrain>(IGebeurtenisRelayGrain.Sleutel);
        var fouten = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A backlog (after an outage) is worked off batch after batch, not one batch per interval.
                while (await relay.TikAsync() >= opties.Value.Batch && !stoppingToken.IsCancellationRequested)
                {
                }

                fouten = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster or the database is away; the next tick tries again. Log the first of a series only.
                if (fouten++ == 0)
                {
                    LogTikMislukt(logger, ex);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Relay-tik mislukt; de volgende tik probeert het opnieuw")]
    private static partial void LogTikMislukt(ILogger logger, Exception ex);
}
