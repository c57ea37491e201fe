using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Domain.Webhooks;

namespace Trajecten.Grains.Abonnementen;

/// <summary>
/// How the silo connects to webhook receivers: the address is resolved and checked at every connection (a name that pointed
/// outside at subscription may point inside now), redirects are not followed and no proxy is used. The primary handler of
/// the <see cref="WebhookAfleveraar"/> client that <c>IHttpClientFactory</c> manages.
/// </summary>
public sealed partial class WebhookVerbinding
{
    private readonly IReadOnlyList<IPNetwork> _toegestaan;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolver;
    private readonly ILogger<WebhookVerbinding> _logger;

    public WebhookVerbinding(IOptions<AbonnementOpties> opties, ILogger<WebhookVerbinding> logger,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolver = null)
    {
        _toegestaan = Doeladres.LeesToegestaan(opties.Value.ToegestaneDoelen, out var fout)
            ?? throw new OptionsValidationException(AbonnementOpties.Sectie, typeof(AbonnementOpties), ["Abonnementen:ToegestaneDoelen: " + fout]);
        _resolver = resolver ?? Dns.GetHostAddressesAsync;
        _logger = logger;
    }

    public SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = VerbindAsync,
    };

    private async ValueTask<Stream> VerbindAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var adressen = IPAddress.TryParse(host.Trim('[', ']'), out var letterlijk) ? [letterlijk] : await _resolver(host, ct);
        var toegestaan = adressen.Where(a => Doeladres.MagVerbinden(a, _toegestaan)).ToArray();
        if (toegestaan.Length == 0)
        {
            LogGeweigerd(_logger, host, context.DnsEndPoint.Port);
            throw new HttpRequestException("Het webhookdoel wijst naar een intern adres dat niet is toegestaan.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(toegestaan, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Webhook niet afgeleverd: {Host}:{Poort} wijst alleen naar interne adressen die Abonnementen:ToegestaneDoelen niet noemt")]
    private static partial void LogGeweigerd(ILogger logger, string host, int poort);
}

/// <summary>
/// Sends notifications through the client <c>IHttpClientFactory</c> manages (connections checked by
/// <see cref="WebhookVerbinding"/>); every transport failure is reported to the subscriber in the same words, so that
/// delivery cannot be used to map what the silo can reach.
/// </summary>
public sealed class WebhookAfleveraar(HttpClient http)
{
    /// <summary>What a subscriber sees for any failure before an HTTP answer: refused, unreachable, not allowed, time-out, TLS.</summary>
    public const string GeenAntwoord = "geen HTTP-antwoord (niet bereikbaar, geweigerd of time-out)";

    /// <summary>
    /// Posts one notification, signed when there is a secret (<see cref="WebhookHandtekening"/>). <see cref="Aflevering.Fout"/>
    /// is null on success (2xx), otherwise why not: the HTTP status, or <see cref="GeenAntwoord"/>.
    /// </summary>
    public async Task<Aflevering> StuurAsync(string url, string? auth, string json, TimeSpan timeout, string? id = null, string? geheim = null)
    {
        using var verzoek = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (auth is not null)
        {
            verzoek.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        if (id is not null && geheim is not null)
        {
            var tijdstip = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            verzoek.Headers.TryAddWithoutValidation(WebhookHandtekening.IdKop, id);
            verzoek.Headers.TryAddWithoutValidation(WebhookHandtekening.TijdstipKop, tijdstip.ToString(System.Globalization.CultureInfo.InvariantCulture));
            verzoek.Headers.TryAddWithoutValidation(WebhookHandtekening.HandtekeningKop, WebhookHandtekening.Onderteken(geheim, id, tijdstip, json));
        }

        try
        {
            using var stop = new CancellationTokenSource(timeout);
            using var antwoord = await http.SendAsync(verzoek, stop.Token);
            var status = (int)antwoord.StatusCode;
            return new Aflevering(status, antwoord.IsSuccessStatusCode ? null
                : status is >= 300 and < 400 ? $"HTTP {status} (doorverwijzingen worden niet gevolgd)"
                : $"HTTP {status}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or SocketException)
        {
            return new Aflevering(null, GeenAntwoord);
        }
    }

}

/// <summary>How one delivery went: the HTTP status when there was an answer, and the failure (null on 2xx).</summary>
public sealed record Aflevering(int? Status, string? Fout);
