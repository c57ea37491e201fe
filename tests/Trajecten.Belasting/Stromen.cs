using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using Trajecten.Proefopstelling;

namespace Trajecten.Belasting;

/// <summary>
/// Many event streams (SSE) on one PostgreSQL-backed silo: what they cost idle (silo CPU, database connections) and while
/// milestones are written at a fixed rate (write latency, delivery to every stream, delay from recording to receipt).
/// </summary>
public static class StromenMeting
{
    public static async Task<string> MeetAsync(SiloProces silo, string database, int aantal, double perSeconde, TimeSpan duur,
        Lastgever.Verzoek schrijf, HttpClient api)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = aantal + 16 })
        {
            BaseAddress = silo.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloProces.Token("stromen-meting", ["ketenpartner"], ["regio"]));
        using var stop = new CancellationTokenSource();
        var verbindingenVooraf = await VerbindingenAsync(database);
        var cpuNul = CpuTijd.Lees(silo.Pid, -1);
        var nul = Stopwatch.StartNew();
        await Task.Delay(duur); // the same quiet time without streams, to compare with
        var cpuZonder = CpuTijd.Verschil(cpuNul, CpuTijd.Lees(silo.Pid, -1), nul.Elapsed.TotalSeconds);
        var einde = await EindeAsync(database); // the streams follow what comes next, as a subscriber that is up to date does
        var ontvangen = new long[aantal];
        var vertragingen = new List<double>[aantal];
        var geopend = 0;
        var lezers = Enumerable.Range(0, aantal).Select(i => Task.Run(async () =>
        {
            vertragingen[i] = [];
            using var antwoord = await http.GetAsync($"/api/v1/gebeurtenissen/stream?na={einde}&type=nl.participatiewet.traject.mijlpaal-geregistreerd", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            antwoord.EnsureSuccessStatusCode();
            using var lezer = new StreamReader(await antwoord.Content.ReadAsStreamAsync(stop.Token));
            Interlocked.Increment(ref geopend);
            while (await lezer.ReadLineAsync(stop.Token) is { } regel)
            {
                if (regel.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var json = JsonDocument.Parse(regel.AsMemory(6));
                    var tijd = json.RootElement.GetProperty("time").GetDateTimeOffset();
                    vertragingen[i].Add((DateTimeOffset.UtcNow - tijd).TotalMilliseconds);
                    ontvangen[i]++;
                }
            }
        })).ToArray();

        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref geopend) < aantal)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || lezers.Any(l => l.IsFaulted))
            {
                throw new InvalidOperationException($"Slechts {geopend} van {aantal} stromen kwamen open: {lezers.FirstOrDefault(l => l.IsFaulted)?.Exception?.GetBaseException().Message}");
            }

            await Task.Delay(50);
        }

        // Idle: what open streams cost when nothing happens.
        var cpuVoor = CpuTijd.Lees(silo.Pid, -1);
        var rust = Stopwatch.StartNew();
        await Task.Delay(duur);
        var cpuRust = CpuTijd.Verschil(cpuVoor, CpuTijd.Lees(silo.Pid, -1), rust.Elapsed.TotalSeconds);
        var verbindingenRust = await VerbindingenAsync(database);

        // Writing at a fixed rate while every stream follows.
        cpuVoor = CpuTijd.Lees(silo.Pid, -1);
        var schrijven = await Lastgever.OpenAsync($"mijlpaal-{perSeconde:F0}/s", api, perSeconde, duur, schrijf);
        var verbindingenSchrijven = await VerbindingenAsync(database);
        var cpuSchrijven = CpuTijd.Verschil(cpuVoor, CpuTijd.Lees(silo.Pid, -1), schrijven.Seconden);

        // Every stream has had what was written once all arrived at the slowest (bounded wait).
        var verwacht = schrijven.Ok;
        var wacht = Stopwatch.StartNew();
        while (ontvangen.Min() < verwacht && wacht.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        stop.Cancel();
        await Task.WhenAll(lezers.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        var alle = vertragingen.SelectMany(v => v).Order().ToArray();
        double P(double q) => alle.Length == 0 ? double.NaN : alle[Math.Min(alle.Length - 1, (int)(q * alle.Length))];
        return string.Create(CultureInfo.InvariantCulture,
            $"{aantal} stromen: zonder stromen {duur.TotalSeconds:F0} s — {(cpuZonder.Length == 0 ? "geen meetbare CPU" : cpuZonder)}, {verbindingenVooraf} databaseverbindingen; rust {duur.TotalSeconds:F0} s — {(cpuRust.Length == 0 ? "geen meetbare CPU" : cpuRust)}, {verbindingenRust} databaseverbindingen; schrijven {schrijven.PerSeconde:F0}/s (ok {schrijven.Ok}, fout {schrijven.Fouten}, p99 {schrijven.P99Ms:F1} ms) — {cpuSchrijven}, {verbindingenSchrijven} databaseverbindingen; afgeleverd {ontvangen.Sum()} gebeurtenissen (min {ontvangen.Min()}, max {ontvangen.Max()} per stroom, {verwacht} geschreven), vastleggen → ontvangen p50 {P(0.5):F0} ms, p99 {P(0.99):F0} ms, max {(alle.Length == 0 ? double.NaN : alle[^1]):F0} ms");
    }

    private static async Task<long> EindeAsync(string database)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        await using var opdracht = new NpgsqlCommand("SELECT coalesce(max(positie), 0) FROM trajecten_gebeurtenissen", verbinding);
        return (long)(await opdracht.ExecuteScalarAsync())!;
    }

    private static async Task<long> VerbindingenAsync(string database)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        await using var opdracht = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", verbinding);
        return (long)(await opdracht.ExecuteScalarAsync())!;
    }
}
