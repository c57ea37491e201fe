using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Trajecten.Proefopstelling;

/// <summary>A real silo process (the built Trajecten.Silo), so a kill is a real kill -9.</summary>
public sealed class SiloProces : IAsyncDisposable
{
    public const string Sleutel = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public const string TokenSleutel = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
    /// <summary>The master key of the personal data (id "1").</summary>
    public const string Hoofdsleutel = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";
    private readonly Process _proces;
    public ConcurrentQueue<string> Uitvoer { get; } = new();

    private SiloProces(Process proces, int httpPoort, int siloPoort, int gatewayPoort)
    {
        _proces = proces;
        (HttpPoort, SiloPoort, GatewayPoort) = (httpPoort, siloPoort, gatewayPoort);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPoort}"), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            Token("postgres-tests", Trajecten.Api.Autorisatie.Rollen.Alle.Where(r => r != "ketenpartner"), ["regio"]));
    }

    /// <summary>Quick failure detection for tests; production keeps Orleans' defaults.</summary>
    public static readonly IReadOnlyDictionary<string, string> SnelleDetectie = new Dictionary<string, string>
    {
        ["Silo__Membership__ProbeTimeout"] = "00:00:01",
        ["Silo__Membership__NumMissedProbesLimit"] = "2",
        ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
    };

    public HttpClient Http { get; }

    /// <summary>A development token these silos accept.</summary>
    public static string Token(string subject, IEnumerable<string> rollen, IEnumerable<string> gemeenten) =>
        Trajecten.Api.Autorisatie.TokenUitgifte.Maak(Convert.FromBase64String(TokenSleutel), "trajecten-api", subject, rollen, gemeenten,
            null, TimeSpan.FromHours(2), DateTimeOffset.UtcNow);
    public int HttpPoort { get; }
    public int SiloPoort { get; }
    public int GatewayPoort { get; }
    public bool Draait => !_proces.HasExited;
    public int Pid => _proces.Id;

    public static string SiloDll => TestHulp.SiloUitvoer.Dll;

    public static async Task<SiloProces> StartAsync(string connectionString, string clusterId, IDictionary<string, string>? extra = null,
        int? siloPoort = null, int? gatewayPoort = null)
    {
        var (http, silo, gateway) = (PostgresServer.VrijePoort(), siloPoort ?? PostgresServer.VrijePoort(), gatewayPoort ?? PostgresServer.VrijePoort());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SiloDll);
        // Each silo has one pool (Orleans' providers included): sized so that two silos and the bench's own connections stay
        // below the throwaway server's max_connections (200), as a deployment sizes N silos × pool below its server's limit.
        start.Environment["ConnectionStrings__Trajecten"] = connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            ? connectionString : connectionString + ";Maximum Pool Size=80";
        start.Environment["Pseudonimisering__Sleutel"] = Sleutel;
        start.Environment["Authenticatie__OntwikkelSleutel"] = TokenSleutel;
        start.Environment["Persoonsgegevens__Hoofdsleutels__1"] = Hoofdsleutel;
        start.Environment["Urls"] = $"http://127.0.0.1:{http}";
        start.Environment["Silo__ClusterId"] = clusterId;
        start.Environment["Silo__SiloPort"] = silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Silo__GatewayPort"] = gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (sleutel, waarde) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[sleutel] = waarde;
        }

        var proces = Process.Start(start)!;
        var silo1 = new SiloProces(proces, http, silo, gateway);
        proces.OutputDataReceived += (_, e) => { if (e.Data is not null) silo1.Uitvoer.Enqueue(e.Data); };
        proces.ErrorDataReceived += (_, e) => { if (e.Data is not null) silo1.Uitvoer.Enqueue(e.Data); };
        proces.BeginOutputReadLine();
        proces.BeginErrorReadLine();
        await silo1.WachtTotGereedAsync();
        return silo1;
    }

    public async Task WachtTotGereedAsync(int seconden = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconden);
        while (true)
        {
            if (_proces.HasExited)
            {
                throw new InvalidOperationException($"Silo stopte met code {_proces.ExitCode}: {string.Join('\n', Uitvoer.TakeLast(30))}");
            }

            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                if ((await Http.GetAsync("/health/ready", stop.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Silo niet gereed na {seconden} s: {string.Join('\n', Uitvoer.TakeLast(30))}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>kill -9: no shutdown, no flush, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        _proces.Kill(entireProcessTree: true);
        await _proces.WaitForExitAsync();
    }

    public async Task<(int Status, JsonNode? Json)> StuurAsync(HttpMethod methode, string pad, object? body = null, string? sleutel = null)
    {
        using var verzoek = new HttpRequestMessage(methode, pad) { Content = body is null ? null : JsonContent.Create(body) };
        if (sleutel is not null)
        {
            verzoek.Headers.Add("Idempotency-Key", sleutel);
        }

        using var antwoord = await Http.SendAsync(verzoek);
        var tekst = await antwoord.Content.ReadAsStringAsync();
        return ((int)antwoord.StatusCode, tekst.Length > 0 ? JsonNode.Parse(tekst) : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_proces.HasExited)
        {
            await KillAsync();
        }

        Http.Dispose();
        _proces.Dispose();
    }
}
