using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

/// <summary>A milestone as a fact in the event log: its global position and what it is about.</summary>
public sealed record Gebeurtenis(
    long Positie, string TrajectId, string ClientId, string Gemeente, TrajectSoort TrajectSoort, Mijlpaal Mijlpaal);

/// <summary>Filters of the feed; null means "all".</summary>
public sealed record GebeurtenisFilter(string? Gemeente = null, MijlpaalSoort? Soort = null);

/// <summary>
/// The durable event log of milestones: the source of truth. A traject writes here before its grain state, so a
/// crash between the two loses nothing (the grain catches up on activation). Positions become readable in order,
/// so "everything after position N" never skips a fact that commits late.
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

    /// <summary>The position of the last fact (0 when the log is empty).</summary>
    Task<long> LaatstePositieAsync(CancellationToken ct = default);

    /// <summary>At most <paramref name="aantal"/> facts after position <paramref name="na"/>, in position order.</summary>
    Task<IReadOnlyList<Gebeurtenis>> LeesAsync(long na, int aantal, GebeurtenisFilter filter, CancellationToken ct = default);
}

/// <summary>Another milestone already holds this volgnummer: the writer's view of the traject is stale.</summary>
public sealed class VolgnummerBezetException(string message) : Exception(message);
