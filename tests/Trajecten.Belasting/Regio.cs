using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Trajecten.Proefopstelling;
using Trajecten.TestHulp;

namespace Trajecten.Belasting;

/// <summary>
/// Where the API is, the development token key of the silo (base64; null: the in-memory mode's fixed key),
/// the scale, the real seconds per simulated working day, the number of days, the concurrency and the seed.
/// </summary>
public sealed record RegioOpties(
    Uri Url, string? Sleutel, double Schaal = 1, double DagSeconden = 10, int Dagen = 30, int Werkers = 16, int Zaad = 2011);

/// <summary>
/// A region in motion, from DESIGN.md (regio Alkmaar, seed 003): per gemeente its inhabitants and its
/// Participatiewet caseload (WWB + Wajong + SW), times a scale factor (1 = the region, 60 ≈ a country).
/// Every simulated working day, in <see cref="RegioOpties.DagSeconden"/> real seconds:
/// <list type="bullet">
/// <item>new clients come in: a caseload turns over in about a year (250 working days);</item>
/// <item>each open traject takes its next step with probability 1/15 per day, along realistic branches
/// (most reach a diagnose, fewer a leerwerkbedrijf, a quarter a job; the rest end with a reason);</item>
/// <item>Schuldhulp vroegsignalering at 4 signals per 1,000 inhabitants per month, Wmo at 2 and Jeugd at 1,
/// about clients (60 %) and about residents who are not (yet) clients;</item>
/// <item>employers (one per 40 clients of the caseload) post vacatures and take placements;</item>
/// <item>of those who leave for work, the klantmanager records the aftercare checks at 6, 12 and 18 months (most still at
/// work), and about one in seven comes back with a new traject within 20–200 days (herinstroom).</item>
/// </list>
/// Simulated days are calendar days ending today: every fact is dated on its simulated day (the aanmelding with
/// <c>aanmelddatum</c>, milestones, signals and checks with <c>datum</c>), so durations, months and cohorts are real. At most
/// 366 days back, as far as the API accepts an aanmelddatum.
/// Everything goes through the public HTTP API with Idempotency-Keys, each action by the professional who
/// would do it, with their own token: a klantmanager per gemeente (scoped to it), a werkgeversadviseur, and a
/// consulent per signal domain. With <c>--dag-seconden 0</c> days follow each other without pause: the
/// simulator is then a load source with a realistic mix (raise <c>Authenticatie:VerzoekenPerMinuut</c>).
/// </summary>
public sealed class RegioSimulator(RegioOpties opties)
{
    /// <summary>Regio Alkmaar (DESIGN.md, seed 003): inhabitants and the Participatiewet caseload (WWB + Wajong + SW).</summary>
    internal static readonly (string Gemeente, int Inwoners, int Caseload)[] Gemeenten =
    [
        ("Alkmaar", 93_861, 2_567), ("Heerhugowaard", 51_178, 780), ("Castricum", 34_652, 244), ("Bergen", 30_985, 298),
        ("Langedijk", 26_955, 273), ("Heiloo", 22_451, 223), ("Graft-de Rijp", 6_489, 37), ("Schermer", 5_360, 57),
    ];

    public const int MaxDagen = 366;
    private static readonly DateOnly Vandaag = DateOnly.FromDateTime(DateTime.UtcNow);
    private DateOnly _dag = Vandaag;
    private string Datum => _dag.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private readonly List<(DateOnly Op, Func<HttpClient, Task> Actie)> _gepland = [];
    private readonly Random _toeval = new(opties.Zaad);
    private readonly BsnReeks _bsns = new(50_000_000 + opties.Zaad * 1000);
    private readonly List<Open> _open = [];
    private readonly List<string> _clientBsns = [];
    private readonly Dictionary<string, List<string>> _werkgevers = [];
    private readonly ConcurrentDictionary<string, int> _tellers = new();
    private readonly Dictionary<string, string> _tokens = [];

    private void MaakTokens()
    {
        var sleutel = opties.Sleutel is { } s ? Convert.FromBase64String(s)
            : Trajecten.Silo.Authenticatie.OntwikkelSleutel(new Trajecten.Api.Autorisatie.AuthenticatieOpties(), inMemory: true, out _)!;
        string Token(string sub, string rol, string gemeente) => Trajecten.Api.Autorisatie.TokenUitgifte.Maak(
            sleutel, "trajecten-api", sub, [rol], [gemeente], null, TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
        foreach (var (gemeente, _, _) in Gemeenten)
        {
            _tokens["km-" + gemeente] = Token("klantmanager-" + gemeente.ToLowerInvariant().Replace(' ', '-'), "klantmanager", gemeente);
        }

        _tokens["werkgevers"] = Token("werkgeversservicepunt", "werkgeversadviseur", "regio");
        _tokens["schuldhulp"] = Token("schuldhulp-regio", "schuldhulpverlener", "regio");
        _tokens["wmo"] = Token("wmo-loket-regio", "wmo-consulent", "regio");
        _tokens["jeugd"] = Token("jeugdteam-regio", "jeugd-consulent", "regio");
    }
    private long _verzoeken, _fouten;

    private sealed class Open(string trajectId, string gemeente, string clientId)
    {
        public string TrajectId { get; } = trajectId;
        public string Gemeente { get; } = gemeente;
        public string ClientId { get; } = clientId;
        public string Fase { get; set; } = "aangemeld";
        public int Stap { get; set; }
    }

    public async Task<int> RunAsync()
    {
        using var http = Lastgever.Client(opties.Url, opties.Werkers, null);
        MaakTokens();
        Console.WriteLine(FormattableString.Invariant(
            $"Regio Alkmaar × {opties.Schaal}: {Gemeenten.Sum(g => g.Inwoners) * opties.Schaal:N0} inwoners, caseload {Gemeenten.Sum(g => g.Caseload) * opties.Schaal:N0}; {opties.Dagen} werkdagen van {opties.DagSeconden} s."));
        await WerkgeversAsync(http);
        var totaal = Stopwatch.StartNew();
        var dagen = Math.Min(opties.Dagen, MaxDagen);
        for (var dag = 1; dag <= dagen; dag++)
        {
            _dag = Vandaag.AddDays(dag - dagen);
            var klok = Stopwatch.StartNew();
            var acties = PlanDag();
            await Parallel.ForEachAsync(acties, new ParallelOptions { MaxDegreeOfParallelism = opties.Werkers }, async (actie, _) => await actie(http));
            Console.WriteLine(FormattableString.Invariant(
                $"dag {dag,3} ({Datum}): {acties.Count,5} handelingen in {klok.Elapsed.TotalSeconds,5:F1} s; open trajecten {_open.Count,6:N0}; totaal: {string.Join(", ", _tellers.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}"))}; fouten {_fouten}"));
            var rest = TimeSpan.FromSeconds(opties.DagSeconden) - klok.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest); // the simulated clock: one working day per DagSeconden
            }
        }

        Console.WriteLine(FormattableString.Invariant($"Klaar: {_verzoeken:N0} verzoeken in {totaal.Elapsed.TotalSeconds:F0} s ({_verzoeken / totaal.Elapsed.TotalSeconds:F0}/s), {_fouten} fout."));
        return _fouten == 0 ? 0 : 1;
    }

    private int Aantal(double verwachting)
    {
        // Poisson-ish: the whole part, plus one with the fractional part as probability.
        var heel = (int)verwachting;
        return heel + (_toeval.NextDouble() < verwachting - heel ? 1 : 0);
    }

    private List<Func<HttpClient, Task>> PlanDag()
    {
        var acties = new List<Func<HttpClient, Task>>();
        acties.AddRange(_gepland.Where(g => g.Op <= _dag).Select(g => g.Actie));
        _gepland.RemoveAll(g => g.Op <= _dag);
        foreach (var (gemeente, inwoners, caseload) in Gemeenten)
        {
            for (var i = Aantal(caseload * opties.Schaal / 250); i > 0; i--)
            {
                var bsn = _bsns.Volgende().Waarde;
                _clientBsns.Add(bsn);
                var (datum, soort) = (Datum, TrajectSoort());
                acties.Add(http => NieuweClientAsync(http, gemeente, bsn, datum, soort));
            }

            foreach (var (domein, soort, perDuizendPerMaand) in new[] { ("schuldhulp", "vroegsignalering", 4.0), ("wmo", "melding", 2.0), ("jeugd", "jeugdhulp", 1.0) })
            {
                for (var i = Aantal(inwoners * opties.Schaal * perDuizendPerMaand / 1000 / 21); i > 0; i--)
                {
                    var bsn = _clientBsns.Count > 0 && _toeval.NextDouble() < 0.6 ? _clientBsns[_toeval.Next(_clientBsns.Count)] : _bsns.Volgende().Waarde;
                    var datum = Datum;
                    acties.Add(http => SignaalAsync(http, bsn, domein, soort, datum));
                }
            }
        }

        foreach (var traject in _open.Where(_ => _toeval.NextDouble() < 1.0 / 15).ToArray())
        {
            var (soort, body) = VolgendeStap(traject);
            traject.Stap++;
            traject.Fase = soort;
            if (soort is "uitstroom" or "beeindigd")
            {
                _open.Remove(traject);
            }

            var sleutel = $"{traject.TrajectId}-{traject.Stap}";
            acties.Add(http => MijlpaalAsync(http, traject.Gemeente, traject.TrajectId, sleutel, soort, body));
            if (soort == "uitstroom" && body.GetType().GetProperty("reden")?.GetValue(body) is "werk")
            {
                PlanNazorg(traject);
            }
        }

        return acties;
    }

    /// <summary>The branches of a traject (seed 003's stages), with rough regional proportions.</summary>
    private (string Soort, object Body) VolgendeStap(Open t)
    {
        var kans = _toeval.NextDouble();
        var datum = Datum;
        var werkgever = _werkgevers[t.Gemeente][_toeval.Next(_werkgevers[t.Gemeente].Count)];
        return t.Fase switch
        {
            "aangemeld" => ("intake", new { soort = "intake", datum }),
            "intake" when kans < 0.92 => ("diagnose", _toeval.NextDouble() switch
            {
                < 0.15 => new { soort = "diagnose", datum, zorg = true } as object,
                < 0.25 => new { soort = "diagnose", datum, loonwaarde = _toeval.Next(5, 20) },
                < 0.70 => new { soort = "diagnose", datum, loonwaarde = _toeval.Next(20, 81) },
                _ => new { soort = "diagnose", datum, loonwaarde = _toeval.Next(81, 101) },
            }),
            "diagnose" when kans < 0.85 => ("plan", new { soort = "plan", datum, instrumenten = new[] { "werkstage", "jobcoaching" } }),
            "plan" when kans < 0.60 => ("leerwerkbedrijf", new { soort = "leerwerkbedrijf", datum, locatie = $"Leerwerkbedrijf {t.Gemeente}" }),
            "plan" or "leerwerkbedrijf" when kans < 0.80 => ("plaatsing", new { soort = "plaatsing", datum, kvkNummer = werkgever }),
            "leerwerkbedrijf" when kans < 0.88 => ("uitstroom", new { soort = "uitstroom", datum, reden = "opleiding" }),
            "plaatsing" when kans < 0.85 => ("uitstroom", new { soort = "uitstroom", datum, reden = "werk", kvkNummer = werkgever }),
            _ => ("beeindigd", new { soort = "beeindigd", datum, reden = kans < 0.5 ? "verhuisd" : "geen-medewerking" }),
        };
    }

    private async Task WerkgeversAsync(HttpClient http)
    {
        var kvk = 60_000_000 + opties.Zaad * 10_000;
        foreach (var (gemeente, _, caseload) in Gemeenten)
        {
            var lijst = _werkgevers[gemeente] = [];
            for (var i = 0; i < Math.Max(1, (int)(caseload * opties.Schaal / 40)); i++)
            {
                var nummer = (kvk++).ToString(CultureInfo.InvariantCulture);
                lijst.Add(nummer);
                await StuurAsync(http, "werkgevers", HttpMethod.Put, $"/api/v1/werkgevers/{nummer}", new { naam = $"Werkgever {gemeente} {i + 1}", gemeente }, null, "werkgever");
                await StuurAsync(http, "werkgevers", HttpMethod.Post, $"/api/v1/werkgevers/{nummer}/vacatures", new { titel = "Medewerker productie", aantal = 2, leerwerkplek = true }, null, "vacature");
            }
        }
    }

    private int _clientTeller;

    private string TrajectSoort() => _toeval.NextDouble() < 0.7 ? "re-integratie" : "participatie";

    private async Task NieuweClientAsync(HttpClient http, string gemeente, string bsn, string datum, string soort)
    {
        var client = await StuurAsync(http, "km-" + gemeente, HttpMethod.Post, "/api/v1/clienten", new
        {
            // The klantmanager is the medewerker who registers (the token's sub); the name makes the caseload searchable.
            bsn, gemeente, naam = Zaaien.Naam(Interlocked.Increment(ref _clientTeller)), klantmanagerNaam = "Klantmanager " + gemeente,
        }, null, "client");
        if (client?["clientId"]?.ToString() is not { } clientId)
        {
            return;
        }

        await OpenTrajectAsync(http, gemeente, clientId, datum, soort, "open-" + clientId, "traject");
    }

    private async Task OpenTrajectAsync(HttpClient http, string gemeente, string clientId, string datum, string soort, string sleutel, string teller)
    {
        var traject = await StuurAsync(http, "km-" + gemeente, HttpMethod.Post, $"/api/v1/clienten/{clientId}/trajecten", new { soort, aanmelddatum = datum }, sleutel, teller);
        if (traject?["trajectId"]?.ToString() is { } trajectId)
        {
            lock (_open)
            {
                _open.Add(new Open(trajectId, gemeente, clientId));
            }
        }
    }

    /// <summary>After uitstroom to work: the aftercare checks, and for some a return with a new traject (herinstroom).</summary>
    private void PlanNazorg(Open t)
    {
        var uitstroom = _dag;
        DateOnly? terug = _toeval.NextDouble() < 0.15 ? uitstroom.AddDays(_toeval.Next(20, 201)) : null;
        if (terug is { } op)
        {
            var soort = TrajectSoort();
            _gepland.Add((op, http => OpenTrajectAsync(http, t.Gemeente, t.ClientId, Tekst(op), soort, "terug-" + t.TrajectId, "herinstroom")));
        }

        foreach (var (maanden, kans) in new[] { (6, 0.85), (12, 0.8), (18, 0.75) })
        {
            var controle = uitstroom.AddMonths(maanden);
            var aanHetWerk = (terug is null || terug > controle) && _toeval.NextDouble() < kans;
            _gepland.Add((controle, http => StuurAsync(http, "km-" + t.Gemeente, HttpMethod.Post, $"/api/v1/trajecten/{t.TrajectId}/nazorg",
                new { datum = Tekst(controle), aanHetWerk }, $"nazorg-{t.TrajectId}-{maanden}", "nazorg")));
        }
    }

    private static string Tekst(DateOnly datum) => datum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task SignaalAsync(HttpClient http, string bsn, string domein, string soort, string datum) =>
        StuurAsync(http, domein, HttpMethod.Post, "/api/v1/signalen", new
        {
            bsn, domein, soort, datum, bron = new { organisatie = $"{domein}-team regio Alkmaar" }, contactpersoon = new { naam = "Consulent " + domein },
        }, Guid.NewGuid().ToString("N"), "signaal-" + domein);

    private Task MijlpaalAsync(HttpClient http, string gemeente, string trajectId, string sleutel, string soort, object body) =>
        StuurAsync(http, "km-" + gemeente, HttpMethod.Post, $"/api/v1/trajecten/{trajectId}/mijlpalen", body, sleutel, soort);

    private async Task<JsonNode?> StuurAsync(HttpClient http, string actor, HttpMethod methode, string pad, object body, string? sleutel, string teller)
    {
        using var verzoek = new HttpRequestMessage(methode, pad) { Content = JsonContent.Create(body) };
        verzoek.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens[actor]);
        if (sleutel is not null)
        {
            verzoek.Headers.Add("Idempotency-Key", sleutel);
        }

        Interlocked.Increment(ref _verzoeken);
        try
        {
            using var antwoord = await http.SendAsync(verzoek);
            var tekst = await antwoord.Content.ReadAsStringAsync();
            if (!antwoord.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref _fouten) <= 5)
                {
                    Console.Error.WriteLine($"{methode} {pad}: {(int)antwoord.StatusCode} {tekst[..Math.Min(300, tekst.Length)]}");
                }

                return null;
            }

            _tellers.AddOrUpdate(teller, 1, (_, n) => n + 1);
            return tekst.Length > 0 ? JsonNode.Parse(tekst) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _fouten);
            return null;
        }
    }
}
