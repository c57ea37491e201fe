using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Trajecten.Proefopstelling;
using Trajecten.TestHulp;

namespace Trajecten.Belasting;

public sealed record MetingOpties(
    int Seconden = 5, int Herhalingen = 5, int Verbindingen = 64, int Klanten = 10_000, int Trajecten = 5_000, string? Uitvoer = null,
    bool Dashboard = false, int Stromen = 1000);

/// <summary>
/// The benchmark: a throwaway PostgreSQL (fsync and synchronous_commit on), one baseline process and one
/// Trajecten silo on it. Scenarios run interleaved (A B C … A B C …): one warm-up round, then
/// <see cref="MetingOpties.Herhalingen"/> measured rounds; medians with min/max and ratios of medians to the
/// baselines of the same run. Then the milestone ingest in open loop at half its measured maximum, for p99.
/// </summary>
public sealed class Meting(MetingOpties opties)
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private readonly List<Resultaat> _resultaten = [];
    private readonly Dictionary<string, string> _sqlProfielen = [];
    private Dictionary<string, string> _vertraging = [];
    private string _stromen = "";

    public async Task<int> RunAsync()
    {
        Console.WriteLine(FormattableString.Invariant(
            $"Meting: {Environment.ProcessorCount} cores, {opties.Herhalingen} herhalingen × {opties.Seconden} s per scenario, {opties.Verbindingen} verbindingen, {opties.Klanten} cliënten, Orleans Dashboard {(opties.Dashboard ? "aan" : "uit")}."));
        await using var pg = await PostgresServer.StartAsync("-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all");
        var database = await pg.MaakDatabaseAsync();
        await using (var verbinding = new NpgsqlConnection(database))
        {
            await verbinding.OpenAsync();
            await new NpgsqlCommand("CREATE EXTENSION pg_stat_statements", verbinding).ExecuteNonQueryAsync();
        }

        var instellingen = await PostgresInstellingenAsync(database);

        using var basislijn = StartBasislijn(database, out var basisUrl);
        try
        {
            return await MeetAsync(database, instellingen, basislijn, basisUrl);
        }
        finally
        {
            basislijn.Kill();
            await basislijn.WaitForExitAsync();
        }
    }

    private async Task<int> MeetAsync(string database, Dictionary<string, string> instellingen, Process basislijn, Uri basisUrl)
    {
        await using var silo = await SiloProces.StartAsync(database + Environment.GetEnvironmentVariable("MEET_EXTRA_CS"), "meting", new Dictionary<string, string>
        {
            ["Authenticatie__VerzoekenPerMinuut"] = "1000000000",
            ["Silo__Dashboard"] = opties.Dashboard ? "true" : "false",
            ["Api__StromenPerGebruiker"] = opties.Stromen.ToString(CultureInfo.InvariantCulture),
        });
        await WachtOpAsync(basisUrl);

        var klanten = await ZaaiAsync(silo);
        var token = SiloProces.Token("meting", Trajecten.Api.Autorisatie.Rollen.Alle.Where(r => r != "ketenpartner"), ["regio"]);
        using var basis = Lastgever.Client(basisUrl, opties.Verbindingen, null);
        using var api = Lastgever.Client(silo.Http.BaseAddress!, opties.Verbindingen, token);

        // Each klantmanager reads their own werkvoorraad with their own token (the werkvoorraad is the token's sub).
        var klantmanagerTokens = Enumerable.Range(0, Zaaien.Klantmanagers)
            .Select(i => SiloProces.Token($"km-{i}", [Trajecten.Api.Autorisatie.Rollen.Klantmanager], ["regio"])).ToArray();
        var lijstKeus = new Random(13);
        var mijlpalen = new MijlpaalBron(klanten.Where(k => k.TrajectId is not null).Select(k => k.TrajectId!).ToArray());
        var scheef = new Random(7);
        var uniform = new Random(11);
        var nieuweBsns = new BsnReeks(60_000_000); // apart from the seeded clients' range
        var scenarios = new (string Naam, HttpClient Http, Lastgever.Verzoek Verzoek)[]
        {
            ("basislijn-plaintext", basis, async (http, _, ct) => (await http.GetAsync("/plaintext", ct)).IsSuccessStatusCode),
            ("basislijn-insert", basis, async (http, n, ct) =>
            {
                using var verzoek = new HttpRequestMessage(HttpMethod.Post, "/insert") { Content = JsonContent.Create(new { soort = "intake", datum = Vandaag }) };
                verzoek.Headers.Add("Idempotency-Key", "b-" + n.ToString(CultureInfo.InvariantCulture));
                using var antwoord = await http.SendAsync(verzoek, ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("mijlpaal-ingest", api, (http, _, ct) => mijlpalen.StuurAsync(http, ct)),
            ("signaal-ingest", api, async (http, n, ct) =>
            {
                var klant = klanten[(int)(n % klanten.Length)];
                using var verzoek = new HttpRequestMessage(HttpMethod.Post, "/api/v1/signalen")
                {
                    Content = JsonContent.Create(new
                    {
                        bsn = klant.Bsn, domein = "schuldhulp", soort = "vroegsignalering", datum = Vandaag,
                        bron = new { organisatie = "Kredietbank Noord-Holland" }, contactpersoon = new { naam = "E. de Vries" },
                    }),
                };
                verzoek.Headers.Add("Idempotency-Key", "s-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Environment.TickCount64.ToString(CultureInfo.InvariantCulture));
                using var antwoord = await http.SendAsync(verzoek, ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("registratie-ingest", api, async (http, n, ct) =>
            {
                // A new client with name, birth date and contact: the fact that carries the most personal data, sealed under
                // a data key that is created (one INSERT) for this client, and the client's grain state sealed whole.
                var i = (int)(n % 1_000_000);
                using var verzoek = new HttpRequestMessage(HttpMethod.Post, "/api/v1/clienten")
                {
                    Content = JsonContent.Create(new
                    {
                        bsn = nieuweBsns.Volgende().Waarde, gemeente = Zaaien.Gemeenten[i % Zaaien.Gemeenten.Length], naam = Zaaien.Naam(i),
                        geboortedatum = "1980-05-17", contact = new { telefoon = "072-5112233", email = $"client{i}@voorbeeld.nl" },
                    }),
                };
                using var antwoord = await http.SendAsync(verzoek, ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("klantbeeld-uniform", api, async (http, _, ct) =>
            {
                int i;
                lock (uniform)
                {
                    i = uniform.Next(klanten.Length);
                }

                using var antwoord = await http.GetAsync($"/api/v1/clienten/{klanten[i].ClientId}/klantbeeld", ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("klantbeeld-scheef", api, async (http, _, ct) =>
            {
                int i;
                lock (scheef)
                {
                    // 90 % of the reads go to 1 % of the clients: a caseload that is being worked on today.
                    i = scheef.NextDouble() < 0.9 ? scheef.Next(Math.Max(1, klanten.Length / 100)) : scheef.Next(klanten.Length);
                }

                using var antwoord = await http.GetAsync($"/api/v1/clienten/{klanten[i].ClientId}/klantbeeld", ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("clienten-lijst", api, async (http, _, ct) =>
            {
                // A filtered page as a klantmanager asks for it: own clients in a gemeente, by name prefix, 20 per page.
                int km, naam;
                lock (lijstKeus)
                {
                    (km, naam) = (lijstKeus.Next(Zaaien.Klantmanagers), lijstKeus.Next(Zaaien.Klantmanagers * 20));
                }

                // The first three letters of a word of a real name: what someone types to find a client.
                var woorden = Zaaien.Naam(naam).Split(' ');
                var woord = woorden[naam % 2];
                var zoek = Uri.EscapeDataString(woord[..Math.Min(3, woord.Length)]);
                var gemeente = Uri.EscapeDataString(Zaaien.Gemeenten[km % Zaaien.Gemeenten.Length]);
                using var antwoord = await http.GetAsync($"/api/v1/clienten?gemeente={gemeente}&klantmanager=km-{km}&zoek={zoek}&limit=20", ct);
                return antwoord.IsSuccessStatusCode;
            }),
            ("werkvoorraad", api, async (http, _, ct) =>
            {
                int km;
                lock (lijstKeus)
                {
                    km = lijstKeus.Next(Zaaien.Klantmanagers);
                }

                using var verzoek = new HttpRequestMessage(HttpMethod.Get, "/api/v1/werkvoorraad?dagen=366");
                verzoek.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", klantmanagerTokens[km]);
                using var antwoord = await http.SendAsync(verzoek, ct);
                return antwoord.IsSuccessStatusCode;
            }),
        };

        var duur = TimeSpan.FromSeconds(opties.Seconden);
        for (var ronde = 0; ronde <= opties.Herhalingen; ronde++)
        {
            Console.WriteLine(ronde == 0 ? "Opwarmronde" : $"Ronde {ronde}");
            foreach (var (naam, http, verzoek) in scenarios)
            {
                var laatste = ronde == opties.Herhalingen;
                if (laatste)
                {
                    await SqlProfiel.ResetAsync(database);
                }

                var cpuVoor = CpuTijd.Lees(silo.Pid, basislijn.Id);
                var gcVoor = await GcPauzeAsync(silo);
                var resultaat = await Lastgever.GeslotenAsync(naam, http, opties.Verbindingen, duur, verzoek);
                var cpu = CpuTijd.Verschil(cpuVoor, CpuTijd.Lees(silo.Pid, basislijn.Id), resultaat.Seconden)
                          + FormattableString.Invariant($"; silo GC-pauze {(await GcPauzeAsync(silo) - gcVoor) / resultaat.Seconden * 100:F1}%");
                resultaat = resultaat with { Cpu = cpu };
                Console.WriteLine("  " + resultaat);
                if (laatste && naam != "basislijn-plaintext")
                {
                    _sqlProfielen[naam] = await SqlProfiel.LeesAsync(database, resultaat.Ok);
                    Console.Write(_sqlProfielen[naam]);
                }
                if (ronde > 0)
                {
                    _resultaten.Add(resultaat);
                }
            }
        }

        var maximum = Mediaan("mijlpaal-ingest", r => r.PerSeconde);
        var openCpuVoor = CpuTijd.Lees(silo.Pid, basislijn.Id);
        var openGcVoor = await GcPauzeAsync(silo);
        var vertragingVoor = await VertragingAsync(silo);
        var open = await Lastgever.OpenAsync("mijlpaal-ingest-50%", api, Math.Max(1, maximum / 2), duur * 2, (http, _, ct) => mijlpalen.StuurAsync(http, ct));
        open = open with
        {
            Cpu = CpuTijd.Verschil(openCpuVoor, CpuTijd.Lees(silo.Pid, basislijn.Id), open.Seconden)
                  + FormattableString.Invariant($"; silo GC-pauze {(await GcPauzeAsync(silo) - openGcVoor) / open.Seconden * 100:F1}%"),
        };
        Console.WriteLine("  " + open);
        _resultaten.Add(open);
        _vertraging = Vertraging(vertragingVoor, await VertragingAsync(silo));
        Console.WriteLine("  projectievertraging tijdens mijlpaal-ingest-50%: " + string.Join("; ", _vertraging.Select(v => $"{v.Key} {v.Value}")));
        if (mijlpalen.Op)
        {
            Console.WriteLine("Let op: de trajecten raakten op; verhoog --trajecten voor een zuivere meting van mijlpaal-ingest.");
        }

        // Event streams: one subscriber system with many open streams, idle and while milestones are written at 20/s.
        _stromen = await StromenMeting.MeetAsync(silo, database, opties.Stromen, 20, TimeSpan.FromSeconds(Math.Max(3, opties.Seconden * 2)),
            (http, _, ct) => mijlpalen.StuurAsync(http, ct), api);
        Console.WriteLine("  " + _stromen);

        var groepscommit = await GroepscommitAsync(silo);
        var siloGeheugen = CpuTijd.Geheugen(silo.Pid);
        Rapporteer(instellingen, groepscommit, siloGeheugen);

        // The numbers are reported, never judged; but a scenario that failed (nothing answered, or more than
        // 1 % errors) measured nothing worth reporting.
        var mislukt = _resultaten.Where(r => r.Ok == 0 || r.Fouten * 100 > r.Ok).ToArray();
        foreach (var r in mislukt)
        {
            Console.Error.WriteLine($"Scenario {r.Scenario} ({r.Modus}): {r.Ok} ok, {r.Fouten} fout"
                + (r.BronOp ? "; gestopt omdat de trajecten op waren: verhoog --trajecten." : "."));
        }

        return mislukt.Length == 0 ? 0 : 1;
    }

    private double Mediaan(string scenario, Func<Resultaat, double> waarde)
    {
        var waarden = _resultaten.Where(r => r.Scenario == scenario && r.Modus == "closed").Select(waarde).Order().ToArray();
        return waarden.Length == 0 ? 0 : waarden.Length % 2 == 1 ? waarden[waarden.Length / 2] : (waarden[waarden.Length / 2 - 1] + waarden[waarden.Length / 2]) / 2;
    }

    private void Rapporteer(Dictionary<string, string> instellingen, string groepscommit, string siloGeheugen)
    {
        var namen = _resultaten.Where(r => r.Modus == "closed").Select(r => r.Scenario).Distinct().ToArray();
        var tabel = new StringBuilder();
        tabel.AppendLine("| scenario | verzoeken/s mediaan (min–max) | p50 ms | p99 ms | p99.9 ms | CPU (laatste ronde; 100 % = 1 core) |");
        tabel.AppendLine("|---|---|---|---|---|---|");
        foreach (var naam in namen)
        {
            var r = _resultaten.Where(x => x.Scenario == naam && x.Modus == "closed").ToArray();
            tabel.AppendLine(FormattableString.Invariant(
                $"| {naam} | {Mediaan(naam, x => x.PerSeconde):F0} ({r.Min(x => x.PerSeconde):F0}–{r.Max(x => x.PerSeconde):F0}) | {Mediaan(naam, x => x.P50Ms):F2} | {Mediaan(naam, x => x.P99Ms):F2} | {Mediaan(naam, x => x.P999Ms):F2} | {r[^1].Cpu} |"));
        }

        var open = _resultaten.Single(r => r.Modus == "open");
        tabel.AppendLine(FormattableString.Invariant(
            $"| {open.Scenario} (open loop, {open.DoelPerSeconde:F0}/s gepland) | {open.PerSeconde:F0} | {open.P50Ms:F2} | {open.P99Ms:F2} | {open.P999Ms:F2} | {open.Cpu} |"));

        var insert = Mediaan("basislijn-insert", r => r.PerSeconde);
        var plaintext = Mediaan("basislijn-plaintext", r => r.PerSeconde);
        var verhoudingen = new Dictionary<string, double>
        {
            ["mijlpaal-ingest / basislijn-insert"] = Mediaan("mijlpaal-ingest", r => r.PerSeconde) / insert,
            ["signaal-ingest / basislijn-insert"] = Mediaan("signaal-ingest", r => r.PerSeconde) / insert,
            ["registratie-ingest / basislijn-insert"] = Mediaan("registratie-ingest", r => r.PerSeconde) / insert,
            ["klantbeeld-uniform / basislijn-plaintext"] = Mediaan("klantbeeld-uniform", r => r.PerSeconde) / plaintext,
            ["klantbeeld-scheef / basislijn-plaintext"] = Mediaan("klantbeeld-scheef", r => r.PerSeconde) / plaintext,
            ["clienten-lijst / basislijn-plaintext"] = Mediaan("clienten-lijst", r => r.PerSeconde) / plaintext,
            ["werkvoorraad / basislijn-plaintext"] = Mediaan("werkvoorraad", r => r.PerSeconde) / plaintext,
        };
        Console.WriteLine();
        Console.Write(tabel);
        Console.WriteLine();
        foreach (var (naam, verhouding) in verhoudingen)
        {
            Console.WriteLine(FormattableString.Invariant($"  {naam}: {verhouding:F2}×"));
        }

        Console.WriteLine("  groepscommit (silo): " + groepscommit);
        Console.WriteLine("  projectievertraging (vastleggen → toegepast) bij mijlpaal-ingest-50%: " + string.Join("; ", _vertraging.Select(v => $"{v.Key} {v.Value}")));
        Console.WriteLine("  stromen: " + _stromen);
        // What a pod's memory request and limit are sized from (deploy/kubernetes): the silo's resident set, now and at its peak.
        Console.WriteLine("  silo-geheugen: " + siloGeheugen);
        if (opties.Uitvoer is { } pad)
        {
            var json = new JsonObject
            {
                ["gitSha"] = GitSha(),
                ["tijdstip"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["nproc"] = Environment.ProcessorCount,
                ["dotnet"] = Environment.Version.ToString(),
                ["opties"] = JsonSerializer.SerializeToNode(opties),
                ["postgres"] = JsonSerializer.SerializeToNode(instellingen),
                ["resultaten"] = JsonSerializer.SerializeToNode(_resultaten),
                ["verhoudingen"] = JsonSerializer.SerializeToNode(verhoudingen),
                ["groepscommit"] = groepscommit,
                ["siloGeheugen"] = siloGeheugen,
                ["projectievertraging"] = JsonSerializer.SerializeToNode(_vertraging),
                ["stromen"] = _stromen,
                ["sqlProfielen"] = JsonSerializer.SerializeToNode(_sqlProfielen),
            };
            File.WriteAllText(pad, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine("Resultaten: " + Path.GetFullPath(pad));
        }
    }

    /// <summary>The silo's histogram of projection delays: per projection, bucket upper bound → cumulative count.</summary>
    private static async Task<Dictionary<string, SortedDictionary<double, double>>> VertragingAsync(SiloProces silo)
    {
        var resultaat = new Dictionary<string, SortedDictionary<double, double>>();
        foreach (var regel in (await silo.Http.GetStringAsync("/metrics")).Split('\n')
                     .Where(l => l.StartsWith("trajecten_projectie_vertraging_seconds_bucket{", StringComparison.Ordinal)))
        {
            var labels = regel[(regel.IndexOf('{') + 1)..regel.IndexOf('}')].Split(',').Select(l => l.Split('=')).ToDictionary(l => l[0], l => l[1].Trim('"'));
            var grens = labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(labels["le"], CultureInfo.InvariantCulture);
            var projectie = resultaat.TryGetValue(labels["projectie"], out var p) ? p : resultaat[labels["projectie"]] = new SortedDictionary<double, double>();
            projectie[grens] = double.Parse(regel.Split(' ')[^1], CultureInfo.InvariantCulture);
        }

        return resultaat;
    }

    /// <summary>p50 and p99 of the delays between two readings, as the bucket they fall in (≤ its upper bound).</summary>
    private static Dictionary<string, string> Vertraging(Dictionary<string, SortedDictionary<double, double>> voor, Dictionary<string, SortedDictionary<double, double>> na)
    {
        var resultaat = new Dictionary<string, string>();
        foreach (var (projectie, buckets) in na)
        {
            var delta = buckets.ToDictionary(b => b.Key, b => b.Value - (voor.TryGetValue(projectie, out var v) && v.TryGetValue(b.Key, out var x) ? x : 0));
            var totaal = delta.GetValueOrDefault(double.PositiveInfinity);
            if (totaal <= 0)
            {
                continue;
            }

            string Kwantiel(double q) => delta.OrderBy(b => b.Key).First(b => b.Value >= q * totaal).Key is var g && double.IsPositiveInfinity(g)
                ? "> 60 s" : FormattableString.Invariant($"≤ {g * 1000:F0} ms");
            resultaat[projectie] = FormattableString.Invariant($"p50 {Kwantiel(0.5)}, p99 {Kwantiel(0.99)} ({totaal:F0} feiten)");
        }

        return resultaat;
    }

    /// <summary>Seconds the silo's process has been paused in GC, from its own runtime metrics.</summary>
    private static async Task<double> GcPauzeAsync(SiloProces silo)
    {
        var regel = (await silo.Http.GetStringAsync("/metrics")).Split('\n')
            .FirstOrDefault(l => l.StartsWith("dotnet_gc_pause_time_seconds_total{", StringComparison.Ordinal));
        return regel is null ? 0 : double.Parse(regel.Split(' ')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task<string> GroepscommitAsync(SiloProces silo)
    {
        var metrics = await silo.Http.GetStringAsync("/metrics");
        string Waarde(string naam, string soort) => metrics.Split('\n')
            .FirstOrDefault(l => l.StartsWith(naam, StringComparison.Ordinal) && l.Contains($"soort=\"{soort}\"", StringComparison.Ordinal))?.Split(' ')[^1] ?? "0";
        return string.Join("; ", new[] { "gebeurtenissen", "verwerkingen" }.Select(soort =>
        {
            var som = double.Parse(Waarde("trajecten_opslag_groepscommit_grootte_sum", soort), CultureInfo.InvariantCulture);
            var aantal = double.Parse(Waarde("trajecten_opslag_groepscommit_grootte_count", soort), CultureInfo.InvariantCulture);
            return FormattableString.Invariant($"{soort}: {aantal:F0} transacties, gemiddeld {(aantal == 0 ? 0 : som / aantal):F1} per transactie");
        }));
    }

    private static string GitSha()
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
            using var git = Process.Start(start)!;
            var sha = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? sha : "onbekend";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "onbekend";
        }
    }

    private static async Task<Dictionary<string, string>> PostgresInstellingenAsync(string database)
    {
        await using var verbinding = new NpgsqlConnection(database);
        await verbinding.OpenAsync();
        var instellingen = new Dictionary<string, string>();
        foreach (var naam in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method", "shared_buffers", "max_connections", "commit_delay" })
        {
            await using var opdracht = new NpgsqlCommand($"SHOW {naam}", verbinding);
            instellingen[naam] = (string)(await opdracht.ExecuteScalarAsync())!;
        }

        return instellingen;
    }

    private static Process StartBasislijn(string database, out Uri url)
    {
        var poort = PostgresServer.VrijePoort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(Meting).Assembly.Location, "basislijn", "--poort", poort.ToString(CultureInfo.InvariantCulture), "--database", database })
        {
            start.ArgumentList.Add(argument);
        }

        url = new Uri($"http://127.0.0.1:{poort}");
        var proces = Process.Start(start)!;
        proces.OutputDataReceived += (_, _) => { };
        proces.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("basislijn: " + e.Data); };
        proces.BeginOutputReadLine();
        proces.BeginErrorReadLine();
        return proces;
    }

    private static async Task WachtOpAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/plaintext")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("De basislijn kwam niet op binnen 60 s.", ex);
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Registers the clients (the first <see cref="MetingOpties.Trajecten"/> with a traject), 32 at a time.</summary>
    private async Task<Klant[]> ZaaiAsync(SiloProces silo)
    {
        var klok = Stopwatch.StartNew();
        var klanten = await Zaaien.KlantenAsync(_ => silo, opties.Klanten, opties.Trajecten, 40_000_000, 32);
        Console.WriteLine(FormattableString.Invariant($"Gezaaid: {opties.Klanten} cliënten, {Math.Min(opties.Klanten, opties.Trajecten)} met traject, in {klok.Elapsed.TotalSeconds:F0} s."));
        return klanten;
    }

    /// <summary>
    /// Hands out milestones: each traject walks intake → diagnose → plan → leerwerkbedrijf → uitstroom. A small
    /// working set of trajecten is in motion at a time (a traject is taken out while its request is in flight,
    /// so it never gets two at once, and put back for its next step), so the mix of steps is the same in every
    /// round; a traject that reached uitstroom is replaced by a fresh one.
    /// </summary>
    private sealed class MijlpaalBron
    {
        private static readonly object[] Stappen =
        [
            new { soort = "intake", datum = Vandaag },
            new { soort = "diagnose", datum = Vandaag, loonwaarde = 55 },
            new { soort = "plan", datum = Vandaag, instrumenten = new[] { "werkstage", "jobcoaching" } },
            new { soort = "leerwerkbedrijf", datum = Vandaag, locatie = "Leerwerkbedrijf Noord" },
            new { soort = "uitstroom", datum = Vandaag, reden = "opleiding" },
        ];

        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Traject, int Stap)> _inBeweging = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _reserve;

        public MijlpaalBron(string[] trajecten, int werkset = 512)
        {
            _reserve = new(trajecten.Skip(werkset));
            foreach (var traject in trajecten.Take(werkset))
            {
                _inBeweging.Enqueue((traject, 0)); // the warm-up round evens out the mix of steps
            }
        }

        public bool Op { get; private set; }

        private int _onderweg;

        public async Task<bool> StuurAsync(HttpClient http, CancellationToken ct)
        {
            (string Traject, int Stap) volgende;
            while (!_inBeweging.TryDequeue(out volgende))
            {
                // Empty for now while others are on their way back; empty for good when nothing is in flight and no reserve is left.
                if (Volatile.Read(ref _onderweg) == 0 && _reserve.IsEmpty)
                {
                    Op = true;
                    throw new BronOpException();
                }

                await Task.Delay(1, ct);
            }

            Interlocked.Increment(ref _onderweg);

            var (traject, stap) = volgende;
            var gelukt = false;
            try
            {
                using var verzoek = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/trajecten/{traject}/mijlpalen") { Content = JsonContent.Create(Stappen[stap]) };
                verzoek.Headers.Add("Idempotency-Key", $"{traject}-{stap}");
                using var antwoord = await http.SendAsync(verzoek, ct);
                gelukt = antwoord.StatusCode == System.Net.HttpStatusCode.Created;
                return gelukt;
            }
            finally
            {
                // A failed step is tried again (same key); a finished traject makes room for a fresh one.
                var verder = gelukt ? stap + 1 : stap;
                if (verder < Stappen.Length)
                {
                    _inBeweging.Enqueue((traject, verder));
                }
                else if (_reserve.TryDequeue(out var nieuw))
                {
                    _inBeweging.Enqueue((nieuw, 0));
                }

                Interlocked.Decrement(ref _onderweg); // after the enqueue: a waiting sender sees the step or that one is on its way
            }
        }
    }
}
