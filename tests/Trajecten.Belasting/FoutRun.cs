using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Trajecten.Proefopstelling;

namespace Trajecten.Belasting;

public sealed record FoutRunOpties(int Duur = 60, int Verbindingen = 32, int Trajecten = 1500, int Werkgevers = 10, int HerstelSeconden = 10);

/// <summary>
/// The fault run: 2 silos on a throwaway PostgreSQL, a load of milestone POSTs with client-chosen
/// Idempotency-Keys, kill -9 of one silo at 25 % of the load, its restart at 40 %, an immediate stop of
/// PostgreSQL at 65 % (3 s down). Every attempt is classified ok / fout / onbekend; a client retries the same
/// key until it gets an answer. Then the audit: every acknowledged milestone is in the log, the feed, the
/// klantbeeld and (for a placement) the employer, exactly once, volgnummers contiguous, within the deadline; and a
/// webhook receiver that verifies signatures and deduplicates by id has every milestone of the log, each traject's in order.
/// </summary>
public sealed class FoutRun(FoutRunOpties opties)
{
    private static readonly string Vandaag = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private readonly SiloProces?[] _silos = new SiloProces?[2];
    /// <summary>Every silo process of the run, the killed one included, for what they logged when the audit fails.</summary>
    private readonly List<SiloProces> _alleSilos = [];
    private readonly ConcurrentDictionary<string, Mijlpaal> _mijlpalen = new();
    private readonly long[] _pogingen = new long[3];
    private readonly ConcurrentDictionary<long, int> _okPerSeconde = new();
    private readonly List<string> _verloop = [];
    private readonly Stopwatch _klok = new();
    private bool _teWeinigBelasting;
    private readonly WebhookOntvanger _ontvanger = new();
    private long _abonnementVanaf;

    private sealed class Mijlpaal(string sleutel, string trajectId, string clientId, string? kvk)
    {
        public string Sleutel { get; } = sleutel;
        public string TrajectId { get; } = trajectId;
        public string ClientId { get; } = clientId;
        public string? Kvk { get; } = kvk;
        public string? MijlpaalId { get; set; }
        public bool Ok => MijlpaalId is not null;
        public bool AlleenFout { get; set; } = true;
    }

    private sealed record Traject(string TrajectId, string ClientId, string Kvk);

    public async Task<int> RunAsync()
    {
        Console.WriteLine($"Foutrun: {opties.Duur} s belasting, {opties.Verbindingen} verbindingen, {opties.Trajecten} trajecten, 2 silo's, PostgreSQL (fsync aan).");
        await using var pg = await PostgresServer.StartAsync();
        var database = await pg.MaakDatabaseAsync();
        var cluster = "foutrun-" + Guid.NewGuid().ToString("N")[..6];
        var instellingen = new Dictionary<string, string>(SiloProces.SnelleDetectie)
        {
            ["Authenticatie__VerzoekenPerMinuut"] = "100000000", // one load subject; the rate limit is for people
            ["Abonnementen__ToegestaneDoelen__0"] = "127.0.0.1/32", // the webhook receiver of the audit listens on loopback
        };
        try
        {
            _silos[0] = await SiloProces.StartAsync(database, cluster, instellingen);
            _silos[1] = await SiloProces.StartAsync(database, cluster, instellingen);
            _alleSilos.AddRange([_silos[0]!, _silos[1]!]);
            await AbonneerAsync();
            var trajecten = await OpzetAsync();

            // The load and the faults.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(opties.Duur));
            var wachtrij = new ConcurrentQueue<Traject>(trajecten);
            _klok.Start();
            var fouten = StoorAsync(pg, database, cluster, instellingen);
            await Task.WhenAll(Enumerable.Range(0, opties.Verbindingen).Select(w => WerkerAsync(w, wachtrij, stop.Token)));
            var belastingsduur = _klok.Elapsed;
            if (wachtrij.IsEmpty && belastingsduur < TimeSpan.FromSeconds(opties.Duur * 0.65 + 4))
            {
                // Every fault must hit a system under load; otherwise this run proves less than it claims.
                Verloop($"de trajecten waren op na {belastingsduur.TotalSeconds:F0} s, vóór de laatste storing: geef meer --trajecten");
                _teWeinigBelasting = true;
            }
            await fouten;
            foreach (var silo in _silos)
            {
                await silo!.WachtTotGereedAsync();
            }

            var hersteld = Stopwatch.StartNew();
            Verloop("hersteld: beide silo's gereed, PostgreSQL bereikbaar");
            return await AuditAsync(database, belastingsduur, hersteld);
        }
        finally
        {
            foreach (var silo in _silos)
            {
                if (silo is not null)
                {
                    await silo.DisposeAsync();
                }
            }

            _ontvanger.Dispose();
        }
    }

    /// <summary>A back office subscribes before anything happens: from here on, every milestone must reach it.</summary>
    private async Task AbonneerAsync()
    {
        using var http = new HttpClient { BaseAddress = _silos[0]!.Http.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            SiloProces.Token("backoffice-foutrun", ["ketenpartner"], ["regio"]));
        using var antwoord = await http.PostAsJsonAsync("/api/v1/abonnementen", new
        {
            callbackUrl = _ontvanger.Url,
            kanalen = new[] { new { naam = "trajecten", filters = new { type = "nl.participatiewet.traject.mijlpaal-geregistreerd" } } }, // what this run acknowledges
        });
        var abonnement = JsonNode.Parse(await antwoord.Content.ReadAsStringAsync())!;
        if (!antwoord.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Abonneren mislukte: {(int)antwoord.StatusCode} {abonnement.ToJsonString()}");
        }

        _ontvanger.Geheim = abonnement["geheim"]!.ToString();
        _abonnementVanaf = (long)abonnement["positie"]!;
    }

    private void Verloop(string wat)
    {
        var regel = string.Create(CultureInfo.InvariantCulture, $"  t={_klok.Elapsed.TotalSeconds,6:F1} s  {wat}");
        lock (_verloop)
        {
            _verloop.Add(regel);
        }

        Console.WriteLine(regel);
    }

    private async Task<List<Traject>> OpzetAsync()
    {
        var opzet = Stopwatch.StartNew();
        var kvks = Enumerable.Range(0, opties.Werkgevers).Select(i => (70_000_000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var kvk in kvks)
        {
            await VerplichtAsync(_silos[0]!, HttpMethod.Put, $"/api/v1/werkgevers/{kvk}", new { naam = "Werkgever " + kvk, gemeente = "Alkmaar" });
        }

        var klanten = await Zaaien.KlantenAsync(i => _silos[i % 2]!, opties.Trajecten, opties.Trajecten, 30_000_000, 16,
            k => VerplichtAsync(_silos[(k.Index + 1) % 2]!, HttpMethod.Get, $"/api/v1/clienten/{k.ClientId}/klantbeeld")); // an active klantbeeld
        var trajecten = klanten.Select(k => new Traject(k.TrajectId!, k.ClientId, kvks[k.Index % kvks.Length])).ToList();
        Console.WriteLine($"Opzet: {opties.Werkgevers} werkgevers, {trajecten.Count} cliënten met traject en klantbeeld in {opzet.Elapsed.TotalSeconds:F1} s.");
        return [.. trajecten.OrderBy(t => t.TrajectId, StringComparer.Ordinal)];
    }

    private static Task<JsonNode> VerplichtAsync(SiloProces silo, HttpMethod methode, string pad, object? body = null) =>
        Zaaien.VerplichtAsync(silo, methode, pad, body);

    /// <summary>One client: walks trajecten through their six milestones, retrying a milestone with the same key until answered.</summary>
    private async Task WerkerAsync(int werker, ConcurrentQueue<Traject> wachtrij, CancellationToken stop)
    {
        var beurt = werker;
        while (!stop.IsCancellationRequested && wachtrij.TryDequeue(out var traject))
        {
            object[] stappen =
            [
                new { soort = "intake", datum = Vandaag },
                new { soort = "diagnose", datum = Vandaag, loonwaarde = 40 },
                new { soort = "plan", datum = Vandaag, instrumenten = new[] { "jobcoaching" } },
                new { soort = "leerwerkbedrijf", datum = Vandaag, locatie = "Leerwerkbedrijf Noord" },
                new { soort = "plaatsing", datum = Vandaag, kvkNummer = traject.Kvk },
                new { soort = "uitstroom", datum = Vandaag, reden = "werk", kvkNummer = traject.Kvk },
            ];
            for (var stap = 0; stap < stappen.Length && !stop.IsCancellationRequested; stap++)
            {
                var sleutel = $"{traject.TrajectId}-{stap + 1}"; // the client's own id for this milestone
                var mijlpaal = _mijlpalen.GetOrAdd(sleutel, _ => new Mijlpaal(sleutel, traject.TrajectId, traject.ClientId, stap >= 4 ? traject.Kvk : null));
                while (!mijlpaal.Ok && !stop.IsCancellationRequested)
                {
                    var uitkomst = await PostAsync(_silos[beurt++ % 2], traject.TrajectId, sleutel, stappen[stap], mijlpaal);
                    if (uitkomst != Uitkomst.Ok)
                    {
                        await Task.Delay(100, CancellationToken.None); // back off before the retry, on the other silo
                    }
                }
            }
        }
    }

    private async Task<Uitkomst> PostAsync(SiloProces? silo, string trajectId, string sleutel, object body, Mijlpaal mijlpaal)
    {
        Uitkomst uitkomst;
        if (silo is null)
        {
            uitkomst = Uitkomst.Fout; // the load balancer has no silo there: refused
        }
        else
        {
            try
            {
                using var verzoek = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen") { Content = JsonContent.Create(body) };
                verzoek.Headers.Add("Idempotency-Key", sleutel);
                using var tijdslimiet = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                using var antwoord = await silo.Http.SendAsync(verzoek, tijdslimiet.Token);
                uitkomst = Classificatie.Van(antwoord.StatusCode);
                if (uitkomst == Uitkomst.Ok)
                {
                    var json = JsonNode.Parse(await antwoord.Content.ReadAsStringAsync())!;
                    mijlpaal.MijlpaalId = json["mijlpaalId"]!.ToString();
                    _okPerSeconde.AddOrUpdate((long)_klok.Elapsed.TotalSeconds, 1, (_, n) => n + 1);
                }
                else if (uitkomst == Uitkomst.Fout && (int)antwoord.StatusCode != 429)
                {
                    throw new InvalidOperationException($"Mijlpaal {sleutel} geweigerd: {(int)antwoord.StatusCode} {await antwoord.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                uitkomst = Classificatie.Van(ex);
            }
        }

        if (uitkomst != Uitkomst.Fout)
        {
            mijlpaal.AlleenFout = false;
        }

        Interlocked.Increment(ref _pogingen[(int)uitkomst]);
        return uitkomst;
    }

    private async Task StoorAsync(PostgresServer pg, string database, string cluster, Dictionary<string, string> instellingen)
    {
        var duur = TimeSpan.FromSeconds(opties.Duur);
        Task Tot(double deel) => Task.Delay(TimeSpan.FromTicks(Math.Max(0, (duur * deel - _klok.Elapsed).Ticks)));
        await Tot(0.25);
        var slachtoffer = _silos[1]!;
        _silos[1] = null;
        await slachtoffer.KillAsync();
        Verloop("kill -9 van silo 2");
        await Tot(0.40);
        var herstart = await SiloProces.StartAsync(database, cluster, instellingen, slachtoffer.SiloPoort, slachtoffer.GatewayPoort);
        _alleSilos.Add(herstart);
        await slachtoffer.DisposeAsync();
        _silos[1] = herstart;
        Verloop("silo 2 herstart en gereed");
        await Tot(0.65);
        await pg.StopAsync(onmiddellijk: true);
        Verloop("PostgreSQL immediate stop");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await pg.StartOpnieuwAsync();
        Verloop("PostgreSQL weer gestart");
    }

    private async Task<int> AuditAsync(string database, TimeSpan belastingsduur, Stopwatch hersteld)
    {
        var bevestigd = _mijlpalen.Values.Where(m => m.Ok).ToArray();
        var onbekendGeweest = _mijlpalen.Values.Where(m => !m.AlleenFout).ToArray();
        var fout = _mijlpalen.Values.Where(m => !m.Ok && m.AlleenFout).ToArray();
        var nietBeantwoord = _mijlpalen.Values.Where(m => !m.Ok && !m.AlleenFout).ToArray();

        // 1. The log, read directly.
        var log = new List<(long Positie, string TrajectId, int Volgnummer, string MijlpaalId, string Sleutel)>();
        await using (var verbinding = new NpgsqlConnection(database))
        {
            await verbinding.OpenAsync();
            await using var opdracht = new NpgsqlCommand(
                "SELECT positie, stroom_id, (gegevens->>'volgnummer')::int, feit_id, gegevens->>'idempotencyKey' FROM trajecten_gebeurtenissen WHERE feit = 'mijlpaal' ORDER BY positie", verbinding);
            await using var rijen = await opdracht.ExecuteReaderAsync();
            while (await rijen.ReadAsync())
            {
                log.Add((rijen.GetInt64(0), rijen.GetString(1), rijen.GetInt32(2), rijen.GetString(3), rijen.GetString(4)));
            }
        }

        // Every stream (a traject's facts: opened, milestones, …) numbers its facts 1, 2, 3… without a gap.
        int stroomMetGat;
        await using (var verbinding = new NpgsqlConnection(database))
        {
            await verbinding.OpenAsync();
            await using var opdracht = new NpgsqlCommand(
                "SELECT count(*) FROM (SELECT stroom_id FROM trajecten_gebeurtenissen GROUP BY stroom_id HAVING max(volgnummer) <> count(*) OR min(volgnummer) <> 1) g", verbinding);
            stroomMetGat = (int)(long)(await opdracht.ExecuteScalarAsync())!;
        }

        var logPerSleutel = log.ToLookup(r => r.Sleutel);
        var ontbreektInLog = bevestigd.Count(m => !logPerSleutel[m.Sleutel].Any(r => r.MijlpaalId == m.MijlpaalId));
        var dubbelInLog = logPerSleutel.Count(g => g.Count() > 1);
        var nietAaneengesloten = log.GroupBy(r => r.TrajectId).Count(g => !g.Select(r => r.Volgnummer).Order().SequenceEqual(Enumerable.Range(1, g.Count())));
        var foutMaarAanwezig = fout.Count(m => logPerSleutel[m.Sleutel].Any());
        var onbeantwoordAanwezig = nietBeantwoord.Count(m => logPerSleutel[m.Sleutel].Any());

        // 2–4. Feed, klantbeeld and employers, polled until complete or the deadline.
        var uitLog = log.Select(r => r.MijlpaalId).ToHashSet();
        (int Feed, int FeedDubbel, bool FeedOplopend, int Klantbeeld, int Werkgever) ontbreekt;
        var deadline = TimeSpan.FromSeconds(opties.HerstelSeconden);
        TimeSpan? compleet = null;
        while (true)
        {
            ontbreekt = (0, 0, true, 0, 0);
            var feed = await LeesFeedAsync();
            ontbreekt.Feed = uitLog.Count(id => !feed.Ids.Contains(id));
            ontbreekt.FeedDubbel = feed.Aantal - feed.Ids.Count;
            ontbreekt.FeedOplopend = feed.Oplopend;
            ontbreekt.Klantbeeld = await OntbreektInKlantbeeldAsync(bevestigd);
            ontbreekt.Werkgever = await OntbreektBijWerkgeverAsync(bevestigd);
            if (ontbreekt is { Feed: 0, FeedDubbel: 0, FeedOplopend: true, Klantbeeld: 0, Werkgever: 0 })
            {
                compleet = hersteld.Elapsed;
                break;
            }

            if (hersteld.Elapsed > deadline * 6)
            {
                break;
            }
        }

        // 5. The webhook receiver: every milestone after the subscription, once (deduplicated by id), each traject's in order.
        var voorWebhook = log.Where(r => r.Positie > _abonnementVanaf).Select(r => r.MijlpaalId).ToHashSet();
        var webhookOntbreekt = voorWebhook.Count;
        TimeSpan? webhookCompleet = null;
        while (hersteld.Elapsed < TimeSpan.FromSeconds(150))
        {
            var ontvangen = _ontvanger.Ids.ToHashSet();
            webhookOntbreekt = voorWebhook.Count(id => !ontvangen.Contains(id));
            if (webhookOntbreekt == 0)
            {
                webhookCompleet = hersteld.Elapsed;
                break;
            }

            await Task.Delay(200);
        }

        var webhookOnbekend = _ontvanger.Ids.Count(id => !voorWebhook.Contains(id));
        var webhookHerhaald = _ontvanger.Afleveringen - _ontvanger.Ongeldig - _ontvanger.Ids.Count;
        var webhookBuitenVolgorde = _ontvanger.BuitenVolgorde();

        var perSeconde = _okPerSeconde.OrderBy(p => p.Key).Select(p => p.Value).ToArray();
        var storingsvrij = _okPerSeconde.Where(p => p.Key >= 2 && p.Key < opties.Duur * 0.25 - 1).Select(p => p.Value).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine("Verloop:");
        _verloop.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Pogingen (elk HTTP-verzoek):");
        Console.WriteLine($"  ok {_pogingen[0]}, fout {_pogingen[1]}, onbekend {_pogingen[2]}");
        Console.WriteLine("Mijlpalen (per Idempotency-Key van de client):");
        Console.WriteLine($"  bevestigd {bevestigd.Length}; nooit beantwoord bij stop {nietBeantwoord.Length} (waarvan in het log {onbeantwoordAanwezig}); alleen geweigerd {fout.Length} (waarvan in het log {foutMaarAanwezig})");
        Console.WriteLine($"Doorvoer: {bevestigd.Length / belastingsduur.TotalSeconds:F0} bevestigde mijlpalen/s gemiddeld over {belastingsduur.TotalSeconds:F0} s incl. storingen;"
                          + (storingsvrij.Length > 0 ? $" {storingsvrij[storingsvrij.Length / 2]}/s mediaan per seconde vóór de eerste storing (min {storingsvrij[0]}, max {storingsvrij[^1]})." : ""));
        Console.WriteLine("Audit:");
        Console.WriteLine($"  log:        {log.Count} mijlpalen; bevestigd maar ontbrekend {ontbreektInLog}; dubbel {dubbelInLog}; trajecten met gat in volgnummer {nietAaneengesloten}; stromen met gat {stroomMetGat}");
        Console.WriteLine($"  feed:       ontbrekend {ontbreekt.Feed}; dubbel {ontbreekt.FeedDubbel}; posities oplopend {(ontbreekt.FeedOplopend ? "ja" : "nee")}");
        Console.WriteLine($"  klantbeeld: bevestigd maar ontbrekend {ontbreekt.Klantbeeld}");
        Console.WriteLine($"  werkgever:  bevestigde plaatsingen/uitstroom ontbrekend {ontbreekt.Werkgever}");
        Console.WriteLine($"  webhook:    {voorWebhook.Count} mijlpalen sinds het abonnement; ontbrekend {webhookOntbreekt}; niet in het log {webhookOnbekend}; "
                          + $"ongeldige handtekening {_ontvanger.Ongeldig}; herhaald afgeleverd (door id ontdubbeld) {webhookHerhaald}; trajecten buiten volgorde {webhookBuitenVolgorde}"
                          + (webhookCompleet is { } w ? $"; compleet {w.TotalSeconds:F1} s na herstel" : "; NIET compleet binnen 150 s na herstel"));
        Console.WriteLine(compleet is { } c
            ? $"  alles afgeleverd {c.TotalSeconds:F1} s na herstel (grens {opties.HerstelSeconden} s)"
            : $"  NIET alles afgeleverd binnen {deadline.TotalSeconds * 6:F0} s na herstel");

        var geslaagd = ontbreektInLog == 0 && dubbelInLog == 0 && nietAaneengesloten == 0 && stroomMetGat == 0 && foutMaarAanwezig == 0
                       && compleet is { } k && k <= deadline && bevestigd.Length > 0 && !_teWeinigBelasting
                       && webhookOntbreekt == 0 && webhookOnbekend == 0 && _ontvanger.Ongeldig == 0 && webhookBuitenVolgorde == 0;
        Console.WriteLine(geslaagd ? "FOUTRUN GESLAAGD" : "FOUTRUN MISLUKT");
        if (!geslaagd)
        {
            // What the read side said about facts it could not apply: the first place to look.
            foreach (var (silo, nr) in _alleSilos.Select((s, i) => (s, i + 1)))
            {
                foreach (var regel in silo.Uitvoer.Where(r => r.Contains("Projectie", StringComparison.Ordinal) || r.Contains("geparkeerd", StringComparison.Ordinal)).Take(20))
                {
                    Console.WriteLine($"  silo-proces {nr}: {regel}");
                }
            }
        }

        return geslaagd ? 0 : 1;
    }

    private async Task<(HashSet<string> Ids, int Aantal, bool Oplopend)> LeesFeedAsync()
    {
        var ids = new HashSet<string>();
        long na = 0, vorige = 0;
        var (aantal, oplopend) = (0, true);
        while (true)
        {
            var pagina = await VerplichtAsync(_silos[0]!, HttpMethod.Get, $"/api/v1/gebeurtenissen?na={na}&aantal=1000&type=nl.participatiewet.traject.mijlpaal-geregistreerd");
            var gebeurtenissen = pagina["gebeurtenissen"]!.AsArray();
            foreach (var g in gebeurtenissen)
            {
                var positie = long.Parse(g!["sequence"]!.ToString(), CultureInfo.InvariantCulture);
                oplopend &= positie > vorige;
                vorige = positie;
                ids.Add(g["id"]!.ToString());
                aantal++;
            }

            if (gebeurtenissen.Count == 0)
            {
                return (ids, aantal, oplopend);
            }

            na = (long)pagina["volgende"]!;
        }
    }

    private async Task<int> OntbreektInKlantbeeldAsync(Mijlpaal[] bevestigd)
    {
        var ontbrekend = 0;
        var perClient = bevestigd.GroupBy(m => m.ClientId).ToArray();
        var teller = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async w =>
        {
            int i;
            while ((i = Interlocked.Increment(ref teller)) < perClient.Length)
            {
                var beeld = await VerplichtAsync(_silos[i % 2]!, HttpMethod.Get, $"/api/v1/clienten/{perClient[i].Key}/klantbeeld");
                var ids = beeld["trajecten"]!.AsArray().SelectMany(t => t!["mijlpalen"]!.AsArray()).Select(m => m!["mijlpaalId"]!.ToString()).ToHashSet();
                Interlocked.Add(ref ontbrekend, perClient[i].Count(m => !ids.Contains(m.MijlpaalId!)));
            }
        }));
        return ontbrekend;
    }

    private async Task<int> OntbreektBijWerkgeverAsync(Mijlpaal[] bevestigd)
    {
        var ontbrekend = 0;
        foreach (var groep in bevestigd.Where(m => m.Kvk is not null).GroupBy(m => m.Kvk!))
        {
            var werkgever = await VerplichtAsync(_silos[0]!, HttpMethod.Get, $"/api/v1/werkgevers/{groep.Key}");
            var ids = werkgever["plaatsingen"]!.AsArray().Select(p => p!["mijlpaalId"]!.ToString()).ToHashSet();
            ontbrekend += groep.Count(m => !ids.Contains(m.MijlpaalId!));
        }

        return ontbrekend;
    }
}
