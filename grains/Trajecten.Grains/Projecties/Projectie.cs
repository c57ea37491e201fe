using System.ComponentModel.DataAnnotations;
using Trajecten.Abstractions.Messages;

namespace Trajecten.Grains.Projecties;

/// <summary>
/// A view kept from the event log: it has a name, is applied one client at a time in log order, and must be idempotent
/// (after a crash or a retry a fact comes again). The partition grains call it; its checkpoints and parked facts are
/// kept by <see cref="IProjectieOpslag"/>.
/// </summary>
public interface IProjectie
{
    string Naam { get; }

    /// <summary>
    /// Applies one client's new facts, in log order. Throwing says the first of them failed (or the one a
    /// <see cref="FeitFout"/> names); the facts are offered again, and parked after <see cref="ProjectieOpties.MaxPogingen"/>.
    /// </summary>
    Task PasToeAsync(string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains);

    /// <summary>Empties the projection's own read model before a rebuild from position 0 (a no-op for views held by grains).</summary>
    Task LeegAsync();
}

/// <summary>Which fact of a client's batch failed.</summary>
public sealed class FeitFout(long positie, Exception inner) : Exception($"Feit op positie {positie} kon niet worden toegepast: {inner.Message}", inner)
{
    public long Positie { get; } = positie;

    /// <summary>Applies one fact; a failure is reported as this fact's, so the partition parks the right one.</summary>
    public static async Task OmAsync(LogFeit feit, Func<Task> pasToe)
    {
        try
        {
            await pasToe();
        }
        catch (Exception ex) when (ex is not FeitFout)
        {
            throw new FeitFout(feit.Positie, ex);
        }
    }
}

/// <summary>
/// The klantbeeld a read model is kept from, or when the client's personal data was destroyed — by a fact in this batch, or
/// before facts read (again) later, as in a rebuild — the day it was: the projection then deals with the person's rows.
/// </summary>
public static class KlantbeeldBron
{
    public static async Task<(Abstractions.Messages.Klantbeeld? Klantbeeld, DateOnly? VernietigdOp)> LeesAsync(
        string clientId, IReadOnlyList<LogFeit> feiten, IGrainFactory grains)
    {
        if (feiten.Select(f => f.Gegevens).OfType<Domain.Client.ClientVernietigd>().FirstOrDefault() is { } vernietigd)
        {
            return (null, DateOnly.FromDateTime(vernietigd.Op.UtcDateTime));
        }

        try
        {
            return (await grains.GetGrain<Abstractions.IKlantbeeldGrain>(clientId).LeesAsync(), null);
        }
        catch (Abstractions.Privacy.PersoonsgegevensVernietigdException ex)
        {
            return (null, DateOnly.FromDateTime((ex.Op ?? feiten[^1].GeregistreerdOp).UtcDateTime));
        }
    }
}

/// <summary>Section <c>Projecties</c>.</summary>
public sealed class ProjectieOpties
{
    public const string Sectie = "Projecties";

    /// <summary>Facts read per partition per turn; a longer backlog is worked off turn after turn.</summary>
    [Range(1, 10_000)]
    public int Batch { get; set; } = 500;

    /// <summary>The safety net under LISTEN/NOTIFY: every partition is looked at this often even without a notification.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Peilinterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a fact is tried for one projection before it is parked (with the rest of its client's facts).</summary>
    [Range(1, 1000)]
    public int MaxPogingen { get; set; } = 5;
}

/// <summary>Where a projection stands in one partition: the last position applied, and the generation (bumped by a rebuild or a retry).</summary>
public sealed record ProjectieStand(string Projectie, int Partitie, long Positie, int Generatie);

/// <summary>A fact parked for one projection: it failed too often, or an earlier fact of the same client is parked.</summary>
public sealed record GeparkeerdFeit(string Projectie, long Positie, int Partitie, string ClientId, string Fout, DateTimeOffset GeparkeerdOp);

/// <summary>
/// The checkpoints of the projections (per projection and partition) and the parked facts. In PostgreSQL the tables
/// <c>trajecten_projectie_stand</c> and <c>trajecten_projectie_geparkeerd</c>; in memory the same semantics.
/// </summary>
public interface IProjectieOpslag
{
    /// <summary>The stand of each projection in this partition (position 0, generation 0 for one never written).</summary>
    Task<IReadOnlyList<ProjectieStand>> LeesAsync(int partitie, IReadOnlyList<string> projecties);

    /// <summary>
    /// Moves these checkpoints (in one write), each only if its generation is still the one read; returns the projections
    /// whose write was refused because a rebuild or retry came in between.
    /// </summary>
    Task<IReadOnlySet<string>> SchrijfAsync(IReadOnlyList<ProjectieStand> standen);

    /// <summary>Parks these facts (kept, never skipped silently).</summary>
    Task ParkeerAsync(IReadOnlyList<GeparkeerdFeit> feiten);

    Task<IReadOnlyList<GeparkeerdFeit>> GeparkeerdAsync(string? projectie = null, int? partitie = null);

    /// <summary>
    /// Starts a rebuild of <paramref name="projectie"/>: its read model emptied (by <paramref name="leeg"/>), every checkpoint
    /// back to 0, its parked facts forgotten, the generation bumped so a reader busy with the old view stops writing it.
    /// </summary>
    Task HerbouwAsync(string projectie, Func<Task> leeg);

    /// <summary>
    /// Retries the parked facts of <paramref name="projectie"/>: each partition's checkpoint goes back to just before its first
    /// parked fact (re-applying is idempotent), the parked facts are released, the generation bumped. Returns how many were parked.
    /// </summary>
    Task<int> HerstelAsync(string projectie);

    /// <summary>Every stand, for status and metrics.</summary>
    Task<IReadOnlyList<ProjectieStand>> AllesAsync();
}
