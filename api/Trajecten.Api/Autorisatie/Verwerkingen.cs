using System.Collections.Concurrent;
using System.Diagnostics;

using Trajecten.Abstractions;

namespace Trajecten.Api.Autorisatie;

/// <summary>The in-memory access log of the in-memory mode (gone with the process, like everything there).</summary>
public sealed class GeheugenVerwerkingenLog : IVerwerkingenLog
{
    private readonly ConcurrentQueue<Verwerking> _regels = new();

    public Task SchrijfAsync(Verwerking verwerking, CancellationToken ct)
    {
        _regels.Enqueue(verwerking);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Verwerking>> ZoekAsync(string clientId, int maximum, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Verwerking>>(_regels.Where(v => v.ClientId == clientId).TakeLast(maximum).ToArray());
}

public static class Verwerkingen
{
    public const string Lezen = "lezen";
    public const string Schrijven = "schrijven";
    public const string Zoeken = "zoeken";
    public const string Toegestaan = "toegestaan";
    public const string Geweigerd = "geweigerd";
    public const string NietGevonden = "niet-gevonden";

    /// <summary>Purpose: a back office reads what its notification points to (the informatiearm pattern).</summary>
    public const string DoelNotificatie = "terugroepen-na-notificatie";

    /// <summary>Purpose: a back office links its own record of a person (by BSN) to the clientId; followed by its stated purpose.</summary>
    public const string DoelKoppeling = "koppeling-bsn";

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
