using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

public static class Kopteksten
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const int MaxSleutelLengte = 200;

    /// <summary>The Idempotency-Key header: 1–200 visible ASCII characters.</summary>
    public static string? LeesIdempotencyKey(HttpRequest request, bool verplicht)
    {
        var waarden = request.Headers[IdempotencyKey];
        if (waarden.Count == 0)
        {
            return verplicht
                ? throw OngeldigeInvoerException.Van([new Probleem(IdempotencyKey, "required",
                    "De header Idempotency-Key is verplicht: een unieke sleutel per feit, die bij een herhaling hetzelfde blijft.")])
                : null;
        }

        var sleutel = waarden.Count == 1 ? waarden[0]?.Trim() : null;
        if (string.IsNullOrEmpty(sleutel) || sleutel.Length > MaxSleutelLengte || sleutel.Any(c => c is < '!' or > '~'))
        {
            throw OngeldigeInvoerException.Van([new Probleem(IdempotencyKey, "invalid",
                $"De header Idempotency-Key is één waarde van 1 tot {MaxSleutelLengte} zichtbare ASCII-tekens.")]);
        }

        return sleutel;
    }
}
