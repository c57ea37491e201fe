using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Trajecten.Domain.Webhooks;

/// <summary>
/// Signed webhooks in the Standard Webhooks scheme: every delivery carries <c>webhook-id</c> (the same on every retry),
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c> (<c>v1,</c> + base64 of HMAC-SHA256 over
/// <c>{id}.{timestamp}.{body}</c> with the subscription's secret). A receiver recomputes the signature to know the
/// delivery came from Trajecten unchanged, refuses a timestamp outside its tolerance, and remembers ids it has handled to
/// refuse a replay. The secret (<c>whsec_</c> + base64 of 32 random bytes) is shown once, when the subscription is made.
/// </summary>
public static class WebhookHandtekening
{
    public const string Voorvoegsel = "whsec_";
    public const string IdKop = "webhook-id";
    public const string TijdstipKop = "webhook-timestamp";
    public const string HandtekeningKop = "webhook-signature";

    /// <summary>How far a receiver should accept a timestamp from its own clock (the scheme's recommendation).</summary>
    public static readonly TimeSpan Tolerantie = TimeSpan.FromMinutes(5);

    public static string NieuwGeheim() => Voorvoegsel + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Onderteken(string geheim, string id, long tijdstip, string body) =>
        "v1," + Convert.ToBase64String(Mac(geheim, id, tijdstip, body));

    /// <summary>
    /// True when one of the space-separated signatures in <paramref name="handtekeningen"/> matches and the timestamp lies
    /// within <paramref name="tolerantie"/> of <paramref name="nu"/>. Replays within the tolerance are the receiver's to
    /// refuse by remembering <paramref name="id"/>.
    /// </summary>
    public static bool Verifieer(string geheim, string id, string tijdstip, string body, string handtekeningen, DateTimeOffset nu, TimeSpan tolerantie)
    {
        if (!long.TryParse(tijdstip, NumberStyles.None, CultureInfo.InvariantCulture, out var seconden)
            || Math.Abs(nu.ToUnixTimeSeconds() - seconden) > tolerantie.TotalSeconds)
        {
            return false;
        }

        var verwacht = Mac(geheim, id, seconden, body);
        foreach (var deel in handtekeningen.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var komma = deel.IndexOf(',', StringComparison.Ordinal);
            if (komma < 0 || deel[..komma] != "v1")
            {
                continue;
            }

            var gegeven = new byte[verwacht.Length];
            if (Convert.TryFromBase64String(deel[(komma + 1)..], gegeven, out var lengte) && lengte == verwacht.Length
                && CryptographicOperations.FixedTimeEquals(gegeven, verwacht))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Mac(string geheim, string id, long tijdstip, string body)
    {
        var sleutel = Convert.FromBase64String(geheim.StartsWith(Voorvoegsel, StringComparison.Ordinal) ? geheim[Voorvoegsel.Length..] : geheim);
        return HMACSHA256.HashData(sleutel, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{tijdstip}.{body}")));
    }
}
