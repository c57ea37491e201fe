using Trajecten.Abstractions.Publicatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

/// <summary>A milestone as a fact in the event log: its global position and what it is about (the back-office feed).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.gebeurtenis.v1")]
public sealed record Gebeurtenis(
    long Positie, string TrajectId, string ClientId, string Gemeente, TrajectSoort TrajectSoort, Mijlpaal Mijlpaal);

/// <summary>
/// A fact to append: which stream it belongs to and its number there (1, 2, 3… per stream, without gaps), its id
/// (what makes a repeated append recognisable), whose it is, and the fact itself (one of the types of <see cref="Log.LogFormaat"/>).
/// </summary>
public sealed record NieuwFeit(
    string StroomId, int Volgnummer, string FeitId, string ClientId, string? Gemeente, TrajectSoort? TrajectSoort,
    object Gegevens, DateTimeOffset GeregistreerdOp);

/// <summary>One fact of the log as a reader sees it.</summary>
public sealed record LogFeit(
    long Positie, string StroomId, int Volgnummer, string FeitId, string ClientId, string? Gemeente, TrajectSoort? TrajectSoort,
    string Type, object Gegevens, DateTimeOffset GeregistreerdOp)
{
    public int Partitie => Partities.Van(ClientId);

    /// <summary>The milestone as the feed shows it, when this fact is one.</summary>
    public Gebeurtenis? AlsMijlpaal => Gegevens is Mijlpaal m && Gemeente is not null && TrajectSoort is { } soort
        ? new Gebeurtenis(Positie, StroomId, ClientId, Gemeente, soort, m)
        : null;

    /// <summary>The fact as a member of its traject's stream, when it belongs to one.</summary>
    public TrajectFeit? AlsTrajectFeit => Gegevens switch
    {
        TrajectGeopend g => new TrajectFeit { Volgnummer = Volgnummer, Geopend = g },
        Mijlpaal m => new TrajectFeit { Volgnummer = Volgnummer, Mijlpaal = m },
        MijlpaalCorrectie c => new TrajectFeit { Volgnummer = Volgnummer, Correctie = c },
        Termijn t => new TrajectFeit { Volgnummer = Volgnummer, Verstreken = t },
        NazorgUitkomst n => new TrajectFeit { Volgnummer = Volgnummer, Nazorg = n },
        GemeenteWissel w => new TrajectFeit { Volgnummer = Volgnummer, Verhuizing = w },
        Herbeoordeling h => new TrajectFeit { Volgnummer = Volgnummer, Herbeoordeling = h },
        _ => null,
    };
}

/// <summary>
/// Filters of the feed, the SSE stream and a webhook subscription; null means "all". Only published facts pass
/// (<see cref="GebeurtenisTypen"/>); a move passes the gemeente it left as well as the one it went to; <see cref="Soorten"/>
/// selects facts about a milestone of those soorten (milestones, corrections, withdrawals).
/// </summary>
public sealed record GebeurtenisFilter(
    IReadOnlyCollection<string>? Gemeenten = null, IReadOnlyCollection<MijlpaalSoort>? Soorten = null, IReadOnlyCollection<GebeurtenisType>? Typen = null,
    IReadOnlyCollection<string>? ZonderClienten = null)
{
    public static readonly GebeurtenisFilter Alles = new();

    public bool Past(LogFeit feit) =>
        GebeurtenisTypen.Van(feit.Type) is { } type
        && (ZonderClienten is null || !ZonderClienten.Contains(feit.ClientId))
        && (Typen is null || Typen.Contains(type))
        && (Gemeenten is null || GebeurtenisTypen.Gemeenten(feit).Any(Gemeenten.Contains))
        && (Soorten is null || (GebeurtenisTypen.MijlpaalSoortVan(feit.Gegevens) is { } soort && Soorten.Contains(soort)));
}

/// <summary>The streams of the log: each numbers its facts 1, 2, 3… without gaps.</summary>
public static class Stromen
{
    /// <summary>A traject's facts: opened, milestones, corrections, deadlines that fell due, reassessments, nazorg, moves.</summary>
    public static string Traject(string trajectId) => trajectId;

    /// <summary>A client's profile: registered, changed, moved.</summary>
    public static string Client(string clientId) => clientId + "/client";

    /// <summary>The signals about one person (kept from before there was a separate client stream).</summary>
    public static string Signalen(string clientId) => clientId;
}

/// <summary>
/// The partitions of the read side: every fact belongs to the partition of its client, so one client's facts are
/// applied in order by one reader, and a fact that keeps failing holds up only its partition's reader for that client.
/// The partition is the first base32 character of the clientId (a keyed hash, so uniform) modulo <see cref="Aantal"/>;
/// the schema computes the same (V005), so the number is fixed: changing it means rebuilding every projection.
/// </summary>
public static class Partities
{
    public const int Aantal = 16;
    private const string Alfabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static int Van(string clientId)
    {
        var teken = clientId.Length > 3 ? clientId[3] : 'a';
        var index = Alfabet.IndexOf(teken, StringComparison.Ordinal);
        return (index < 0 ? 31 : index) % Aantal; // as V005 computes it: an unknown character counts as the last
    }
}

/// <summary>
/// The durable event log: the source of truth. A grain writes here before its state, so a crash between the two
/// loses nothing (the grain catches up on activation). Positions become readable in order, so "everything after
/// position N" never skips a fact that commits late. Each stream numbers its facts 1, 2, 3… without gaps.
/// </summary>
public interface IGebeurtenisLog
{
    /// <summary>
    /// Appends the fact; appending the same (stream, volgnummer, feitId) again returns the stored one. Another fact under
    /// an existing volgnummer is a stale writer: <see cref="VolgnummerBezetException"/>.
    /// </summary>
    Task<LogFeit> VoegToeAsync(NieuwFeit feit);

    /// <summary>The stream's facts numbered above <paramref name="naVolgnummer"/>, in order.</summary>
    Task<IReadOnlyList<LogFeit>> StroomAsync(string stroomId, int naVolgnummer);

    /// <summary>The position of the last fact (0 when the log is empty): a cursor that starts here sees only what comes next.</summary>
    Task<long> LaatstePositieAsync(CancellationToken ct = default);

    /// <summary>
    /// At most <paramref name="aantal"/> published facts that pass the filter after position <paramref name="na"/>, in position
    /// order (the feed, the SSE stream, webhooks).
    /// </summary>
    Task<IReadOnlyList<LogFeit>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default);

    /// <summary>At most <paramref name="aantal"/> facts of one partition after position <paramref name="na"/>, in position order (the projections).</summary>
    Task<IReadOnlyList<LogFeit>> LeesPartitieAsync(int partitie, long na, int aantal, CancellationToken ct = default);
}

/// <summary>Another fact already holds this volgnummer: the writer's view of its stream is stale.</summary>
public sealed class VolgnummerBezetException(string message) : Exception(message);

/// <summary>
/// Tells the readers of the log that facts were committed, and in which partitions: in PostgreSQL mode from
/// <c>LISTEN/NOTIFY</c> (every silo hears every commit), in memory from the log itself.
/// </summary>
public sealed class LogMelder
{
    public event Action<IReadOnlyCollection<int>>? Gemeld;

    public void Meld(IReadOnlyCollection<int> partities) => Gemeld?.Invoke(partities);
}
