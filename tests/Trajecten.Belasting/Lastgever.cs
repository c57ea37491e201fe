using System.Diagnostics;
using HdrHistogram;

namespace Trajecten.Belasting;

/// <summary>What one load run measured.</summary>
public sealed record Resultaat(
    string Scenario, string Modus, int Verbindingen, double DoelPerSeconde, double Seconden, long Ok, long Fouten,
    double PerSeconde, double P50Ms, double P99Ms, double P999Ms, double MaxMs, string Cpu = "", bool BronOp = false)
{
    public override string ToString() => FormattableString.Invariant(
        $"{Scenario,-22} {Modus,-6} {PerSeconde,7:F0}/s ok {Ok,6} fout {Fouten,4}  p50 {P50Ms,6:F1}  p99 {P99Ms,6:F1}  p99.9 {P999Ms,6:F1} ms  {Cpu}")
        + (BronOp ? FormattableString.Invariant($"  GESTOPT na {Seconden:F1} s: de bron raakte op") : "");
}

/// <summary>
/// Thrown by a request whose source has nothing left to send (every traject has taken every step): the scenario stops
/// there and says so, rather than counting failures at full speed on a core the silo needs.
/// </summary>
public sealed class BronOpException() : Exception("De bron van verzoeken is op.");

/// <summary>
/// Sends requests and times them into an HdrHistogram. Closed loop: a fixed number of connections, each
/// sending its next request when the previous answered (maximum throughput). Open loop: requests are
/// scheduled at a fixed rate and each latency counts from its scheduled send time, so a stall shows as the
/// waiting it causes and is not hidden by the driver slowing down (no coordinated omission).
/// </summary>
public static class Lastgever
{
    /// <summary>Sends one request; true when the answer was the expected one.</summary>
    public delegate Task<bool> Verzoek(HttpClient http, long volgnummer, CancellationToken ct);

    private static readonly long MaxTicks = TimeSpan.FromSeconds(60).Ticks;

    public static HttpClient Client(Uri basis, int verbindingen, string? token) 
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = verbindingen,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
        }) { BaseAddress = basis, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static async Task<Resultaat> GeslotenAsync(string scenario, HttpClient http, int verbindingen, TimeSpan duur, Verzoek verzoek)
    {
        var histogrammen = Enumerable.Range(0, verbindingen).Select(_ => Nieuw()).ToArray();
        long ok = 0, fouten = 0, volgnummer = 0;
        var bronOp = false;
        using var stop = new CancellationTokenSource(duur);
        var klok = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, verbindingen).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                bool gelukt;
                try
                {
                    gelukt = await Probeer(http, Interlocked.Increment(ref volgnummer), verzoek);
                }
                catch (BronOpException)
                {
                    bronOp = true;
                    await stop.CancelAsync();
                    break;
                }

                histogrammen[w].RecordValue(Math.Min(MaxTicks, Stopwatch.GetElapsedTime(start).Ticks));
                Interlocked.Increment(ref gelukt ? ref ok : ref fouten);
            }
        })));
        var seconden = klok.Elapsed.TotalSeconds;
        return Samenvatting(scenario, "closed", verbindingen, 0, seconden, ok, fouten, histogrammen) with { BronOp = bronOp };
    }

    public static async Task<Resultaat> OpenAsync(string scenario, HttpClient http, double perSeconde, TimeSpan duur, Verzoek verzoek, int maxOnderweg = 2000)
    {
        var histogram = Nieuw();
        long ok = 0, fouten = 0;
        var onderweg = new List<Task>();
        var aantal = (long)(perSeconde * duur.TotalSeconds);
        var interval = Stopwatch.Frequency / perSeconde;
        var begin = Stopwatch.GetTimestamp();
        using var slot = new SemaphoreSlim(maxOnderweg);
        var bronOp = false;
        for (long i = 0; i < aantal && !bronOp; i++)
        {
            // Wait for the planned moment without burning a core (the driver shares the machine): a request
            // leaves at most a timer tick late, and that lateness counts in its latency.
            var gepland = begin + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < gepland)
            {
                await Task.Delay(1);
            }

            await slot.WaitAsync();
            onderweg.Add(MeetAsync(i, gepland));
        }

        async Task MeetAsync(long nummer, long gepland)
        {
            try
            {
                bool gelukt;
                try
                {
                    gelukt = await Probeer(http, nummer, verzoek);
                }
                catch (BronOpException)
                {
                    bronOp = true; // the loop above sends nothing more
                    return;
                }

                var ticks = (Stopwatch.GetTimestamp() - gepland) * TimeSpan.TicksPerSecond / Stopwatch.Frequency;
                lock (histogram)
                {
                    histogram.RecordValue(Math.Min(MaxTicks, ticks));
                }

                Interlocked.Increment(ref gelukt ? ref ok : ref fouten);
            }
            finally
            {
                slot.Release();
            }
        }

        await Task.WhenAll(onderweg);
        var seconden = (Stopwatch.GetTimestamp() - begin) / (double)Stopwatch.Frequency;
        return Samenvatting(scenario, "open", maxOnderweg, perSeconde, seconden, ok, fouten, [histogram]) with { BronOp = bronOp };
    }

    private static async Task<bool> Probeer(HttpClient http, long volgnummer, Verzoek verzoek)
    {
        try
        {
            return await verzoek(http, volgnummer, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static LongHistogram Nieuw() => new(MaxTicks, 3);

    private static Resultaat Samenvatting(string scenario, string modus, int verbindingen, double doel, double seconden, long ok, long fouten, LongHistogram[] delen)
    {
        var totaal = Nieuw();
        foreach (var deel in delen)
        {
            totaal.Add(deel);
        }

        double Ms(double percentiel) => totaal.TotalCount == 0 ? 0 : totaal.GetValueAtPercentile(percentiel) / (double)TimeSpan.TicksPerMillisecond;
        return new Resultaat(scenario, modus, verbindingen, doel, seconden, ok, fouten, ok / seconden,
            Ms(50), Ms(99), Ms(99.9), totaal.TotalCount == 0 ? 0 : totaal.GetMaxValue() / (double)TimeSpan.TicksPerMillisecond);
    }
}
