namespace Trajecten.Grains.Abonnementen;

/// <summary>Section <c>Abonnementen</c>: webhook delivery.</summary>
public sealed class AbonnementOpties
{
    public const string Sectie = "Abonnementen";

    /// <summary>How often an active subscription looks for new facts.</summary>
    public TimeSpan Peilinterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first retry wait; it doubles per consecutive failure up to <see cref="MaxWachttijd"/>.</summary>
    public TimeSpan BasisWachttijd { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxWachttijd { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many consecutive failures the subscription is marked failing (API and metric).</summary>
    public int FalendNa { get; set; } = 5;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Sends notifications; one HttpClient for the silo.</summary>
public sealed class WebhookAfleveraar : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <summary>Null on success (2xx), otherwise why not.</summary>
    public async Task<string?> StuurAsync(string url, string? auth, string json, TimeSpan timeout)
    {
        using var verzoek = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (auth is not null)
        {
            verzoek.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        try
        {
            using var stop = new CancellationTokenSource(timeout);
            using var antwoord = await _http.SendAsync(verzoek, stop.Token);
            return antwoord.IsSuccessStatusCode ? null : $"HTTP {(int)antwoord.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex is TaskCanceledException ? "time-out" : "niet bereikbaar";
        }
    }

    public void Dispose() => _http.Dispose();
}
