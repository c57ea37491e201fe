using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trajecten.Abstractions;
using Trajecten.Grains;

namespace Trajecten.Belasting;

/// <summary>
/// Memory per activated grain and the time to activate many: an in-process silo (in-memory storage, so the
/// figure is the runtime's and the grain's, not a driver's), TrajectGrain activations with empty state, the
/// managed heap after a full compacting GC before and after each step.
/// </summary>
public static class Geheugen
{
    public static async Task<int> RunAsync(int[] stappen)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(PostgresServerPoort(), PostgresServerPoort())
            .AddTrajectenGrains()
            .AddTrajectenInMemoryStorage()
            .UseInMemoryReminderService()
            .Configure<Orleans.Configuration.GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2)));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // Warm up the runtime (type maps, storage grains) so the baseline holds what every grain shares.
        await ActiveerAsync(grains, 0, 2_000);
        var basis = Heap();
        var geactiveerd = 2_000;
        var totaal = Stopwatch.StartNew();
        Console.WriteLine($"Geheugen: TrajectGrain met lege state, in-process silo, {Environment.ProcessorCount} cores. Heap na volledige GC bij start: {basis / 1048576.0:F0} MiB.");
        foreach (var doel in stappen)
        {
            var klok = Stopwatch.StartNew();
            var vanaf = geactiveerd;
            await ActiveerAsync(grains, geactiveerd, doel + 2_000);
            var duur = klok.Elapsed;
            geactiveerd = doel + 2_000;
            var heap = Heap();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {doel,9:N0} activeringen: heap {heap / 1048576.0,7:F0} MiB, {(heap - basis) / (double)doel,6:F0} B per geactiveerde grain; deze stap {duur.TotalSeconds,6:F1} s ({(geactiveerd - vanaf) / duur.TotalSeconds,7:F0}/s), totaal {totaal.Elapsed.TotalSeconds:F1} s"));
        }

        await host.StopAsync();
        return 0;
    }

    private static async Task ActiveerAsync(IGrainFactory grains, int van, int tot)
    {
        var volgende = van - 1;
        await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref volgende)) < tot)
            {
                await grains.GetGrain<ITrajectGrain>("tr-geheugen-" + i.ToString(CultureInfo.InvariantCulture)).LeesAsync();
            }
        }));
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int PostgresServerPoort() => Trajecten.Proefopstelling.PostgresServer.VrijePoort();
}
