using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

/// <summary>A milestone as a fact in the event log: its global position and what it is about.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.gebeurtenis.v1")]
public sealed record Gebeurtenis(
    long Positie, string TrajectId, string ClientId, string Gemeente, TrajectSoort TrajectSoort, Mijlpaal Mijlpaal);

/// <summary>A received signal as a fact in the event log, content included (the log never feeds it to back-office systems).</summary>
public sealed record SignaalFeit(long Positie, string ClientId, int Volgnummer, OntvangenSignaal Signaal);

/// <summary>One fact of the log as the relay reads it: a milestone or a signal.</summary>
public sealed record LogFeit(long Positie, Gebeurtenis? Mijlpaal, SignaalFeit? Signaal);

/// <summary>Filters of the feed; null means "all".</summary>
public sealed record GebeurtenisFilter(string? Gemeente = null, MijlpaalSoort? Soort = null);

/// <summary>
/// The durable event log of milestones and signals: the source of truth. A grain writes here before its state,
/// so a crash between the two loses nothing (the grain catches up on activation). Positions become readable
/// in order, so "everything after position N" never skips a fact that commits late.
/// Each stream of facts (a traject's milestones, a client's signals) numbers them 1, 2, 3… without gaps.
/// </summary>
public interface IGebeurtenisLog
{
    /// <summary>
    /// Appends the milestone; appending the same (traject, volgnummer, mijlpaalId) again returns the stored one.
    /// Another milestone under an existing volgnummer is a stale writer: <see cref="VolgnummerBezetException"/>.
    /// </summary>
    Task<Gebeurtenis> VoegToeAsync(string trajectId, string clientId, string gemeente, TrajectSoort trajectSoort, Mijlpaal mijlpaal);

    /// <summary>This traject's milestones with a volgnummer above <paramref name="naVolgnummer"/>, in order.</summary>
    Task<IReadOnlyList<Mijlpaal>> TrajectAsync(string trajectId, int naVolgnummer);

    /// <summary>
    /// Appends a signal as number <paramref name="volgnummer"/> of the client's signals; idempotent like
    /// <see cref="VoegToeAsync"/> (same number and signaalId: the stored one; another signal: <see cref="VolgnummerBezetException"/>).
    /// </summary>
    Task<SignaalFeit> VoegSignaalToeAsync(string clientId, int volgnummer, OntvangenSignaal signaal);

    /// <summary>The client's signals numbered above <paramref name="naVolgnummer"/>, in order.</summary>
    Task<IReadOnlyList<OntvangenSignaal>> SignalenAsync(string clientId, int naVolgnummer);

    /// <summary>The position of the last fact (0 when the log is empty): a cursor that starts here sees only what comes next.</summary>
    Task<long> LaatstePositieAsync(CancellationToken ct = default);

    /// <summary>At most <paramref name="aantal"/> milestones after position <paramref name="na"/>, in position order (the feed).</summary>
    Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default);

    /// <summary>At most <paramref name="aantal"/> facts of any kind after position <paramref name="na"/>, in position order (the relay).</summary>
    Task<IReadOnlyList<LogFeit>> LeesAllesAsync(long na, int aantal, CancellationToken ct = default);
}

/// <summary>Another fact already holds this volgnummer: the writer's view of its stream is stale.</summary>
public sealed class VolgnummerBezetException(string message) : Exception(message);
