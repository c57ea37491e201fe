namespace Trajecten.Abstractions;

/// <summary>
/// One access-log record (BIO: action, object, result, origin, actor, time), per data subject, linked to
/// traces by the W3C trace id. The subject is the pseudonymous clientId: never a BSN.
/// </summary>
public sealed record Verwerking(
    DateTimeOffset Tijdstip, string Actie, string ObjectSoort, string? ObjectId, string ClientId,
    string Resultaat, string Actor, string Rollen, string? Origine, string? TraceId, string? Doel = null);

/// <summary>
/// The access log: append-only, except that records whose retention ended are removed (in PostgreSQL only those older
/// than a year, whatever is asked); every write completes before the answer goes out.
/// </summary>
public interface IVerwerkingenLog
{
    Task SchrijfAsync(Verwerking verwerking, CancellationToken ct);
    Task<IReadOnlyList<Verwerking>> ZoekAsync(string clientId, int maximum, CancellationToken ct);

    /// <summary>How many records are from before <paramref name="grens"/>.</summary>
    Task<long> TelOuderDanAsync(DateTimeOffset grens, CancellationToken ct);

    /// <summary>Removes the records from before <paramref name="grens"/> (their retention ended); returns how many.</summary>
    Task<long> VerwijderOuderDanAsync(DateTimeOffset grens, CancellationToken ct);
}
