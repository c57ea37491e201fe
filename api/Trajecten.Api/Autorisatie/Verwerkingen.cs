using System.Diagnostics;

using Trajecten.Abstractions;

namespace Trajecten.Api.Autorisatie;

/// <summary>The in-memory access log of the in-memory mode (gone with the process, like everything there).</summary>
public sealed class GeheugenVerwerkingenLog : IVerwerkingenLog
{
    private readonly object _slot = new();
    private List<Verwerking> _regels = [];

    public Task SchrijfAsync(Verwerking verwerking, CancellationToken ct)
    {
        lock (_slot)
        {
            _regels.Add(verwerking);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Verwerking>> ZoekAsync(string clientId, int maximum, CancellationToken ct)
    {
        lock (_slot)
        {
            return Task.FromResult<IReadOnlyList<Verwerking>>(_regels.Where(v => v.ClientId == clientId).TakeLast(maximum).ToArray());
        }
    }

    public Task<long> TelOuderDanAsync(DateTimeOffset grens, CancellationToken ct)
    {
        lock (_slot)
        {
            return Task.FromResult((long)_regels.Count(v => v.Tijdstip < grens));
        }
    }

    public Task<long> VerwijderOuderDanAsync(DateTimeOffset grens, CancellationToken ct)
    {
        lock (_slot)
        {
            var blijft = _regels.Where(v => v.Tijdstip >= grens).ToList();
            var weg = _regels.Count - blijft.Count;
            _regels = blijft;
            return Task.FromResult((long)weg);
        }
    }
}

public static class Verwerkingen
{
    public const string Lezen = "lezen";
    public const string Schrijven = "schrijven";
    public const string Zoeken = "zoeken";
    public const string Toegestaan = "toegestaan";
    public const string Geweigerd = "geweigerd";
    public const string NietGevonden = "niet-gevonden";
    /// <summary>A write the domain refused (409: it does not fit the traject, a bound, a version): nothing was recorded.</summary>
    public const string Afgewezen = "afgewezen";
    /// <summary>A write with input the domain rules reject (400/422): nothing was recorded.</summary>
    public const string Ongeldig = "ongeldig";
    /// <summary>A write that could not be carried out now (5xx): whether it happened is not known to the caller.</summary>
    public const string Mislukt = "mislukt";

    /// <summary>Purpose: a back office reads what its notification points to (the informatiearm pattern).</summary>
    public const string DoelNotificatie = "terugroepen-na-notificatie";

    /// <summary>Purpose: a back office links its own record of a person (by BSN) to the clientId; followed by its stated purpose.</summary>
    public const string DoelKoppeling = "koppeling-bsn";

    /// <summary>The purpose of a search by the privacy officer: a person's request for inzage (AVG art. 15).</summary>
    public const string DoelInzage = "inzageverzoek";

    /// <summary>The result a write's record carries, read from its answer.</summary>
    public static string UitkomstVan(int status) => status switch
    {
        >= 200 and < 300 => Toegestaan,
        StatusCodes.Status403Forbidden => Geweigerd,
        StatusCodes.Status404NotFound or StatusCodes.Status410Gone => NietGevonden,
        StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed => Afgewezen,
        >= 400 and < 500 => Ongeldig,
        _ => Mislukt,
    };

    /// <summary>
    /// Writes the record of a write once its outcome is known — toegestaan only when the domain accepted it — and returns
    /// the answer; the record is written before the answer goes out, as every record is.
    /// </summary>
    public static async Task<T> LogSchrijvenAsync<T>(this HttpContext context, string objectSoort, string? objectId, string clientId, T antwoord)
        where T : IResult
    {
        var status = ((antwoord as INestedHttpResult)?.Result ?? antwoord) as IStatusCodeHttpResult;
        await context.LogAsync(Schrijven, objectSoort, objectId, clientId, UitkomstVan(status?.StatusCode ?? StatusCodes.Status200OK));
        return antwoord;
    }

    /// <summary>
    /// The record of an access decision: a read, a search or a refusal is written now; a permitted write is not, because
    /// its endpoint writes it with the outcome once the domain has answered (<see cref="LogSchrijvenAsync"/>).
    /// </summary>
    public static Task LogToegangAsync(this HttpContext context, string actie, string objectSoort, string objectId, string clientId, string resultaat,
        string? doel = null) =>
        actie == Schrijven && resultaat == Toegestaan ? Task.CompletedTask : context.LogAsync(actie, objectSoort, objectId, clientId, resultaat, doel);

    /// <summary>Writes one record for this request and data subject; <paramref name="doel"/> when it is not the caller's own task.</summary>
    public static Task LogAsync(this HttpContext context, string actie, string objectSoort, string? objectId, string clientId, string resultaat,
        string? doel = null)
    {
        var gebruiker = Gebruiker.Van(context.User);
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        return context.RequestServices.GetRequiredService<IVerwerkingenLog>().SchrijfAsync(new Verwerking(
            clock.GetUtcNow(), actie, objectSoort, objectId, clientId, resultaat, gebruiker.Subject,
            string.Join(",", gebruiker.Rollen.Order(StringComparer.Ordinal)),
            context.Connection.RemoteIpAddress?.ToString(),
            Activity.Current?.TraceId.ToString(), doel), CancellationToken.None);
    }
}
