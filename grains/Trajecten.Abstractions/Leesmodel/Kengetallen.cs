using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Leesmodel;

/// <summary>An aftercare check's outcome: months after uitstroom, and whether the person was still at work or in education.</summary>
public sealed record NazorgMeting(int Controle, bool AanHetWerk);

/// <summary>A deadline that is still open: pending, or fallen due and not yet resolved (<see cref="Verstreken"/>).</summary>
public sealed record OpenTermijn(string Soort, DateTimeOffset Vervaltijd, bool Verstreken);

/// <summary>
/// One traject as management counts it: codes and dates only (no name, no BSN; the clientId is the pseudonymous key that
/// tells a re-entry from a new person). Everything follows from the traject's facts up to <see cref="LaatstePositie"/>.
/// </summary>
public sealed record TrajectStatistiek(
    string TrajectId,
    string ClientId,
    string Gemeente,
    string Soort,
    string Fase,
    string? Doelgroep,
    DateOnly AangemeldOp,
    DateOnly? IntakeOp,
    DateOnly? DiagnoseOp,
    DateOnly? PlaatsingOp,
    // When the traject left the intake phase (the end of the zoekperiode); null while in intake or before.
    DateOnly? ZoekperiodeTot,
    DateOnly? AfgeslotenOp,
    // uitstroom-werk, uitstroom-opleiding, uitstroom-overig or beeindigd; null while active.
    string? Uitkomst,
    // The milestones that count (corrections applied, withdrawn ones left out), as soort codes.
    IReadOnlyList<string> Mijlpalen,
    IReadOnlyList<NazorgMeting> Nazorg,
    IReadOnlyList<OpenTermijn> Termijnen,
    // The deadlines that fell due, as termijn codes (one per time).
    IReadOnlyList<string> Verstreken,
    int Correcties,
    int Intrekkingen,
    long LaatstePositie)
{
    public const string UitstroomWerk = "uitstroom-werk";
    public const string Beeindigd = "beeindigd";

    /// <summary>The outcome of a traject still running when its client's personal data was destroyed.</summary>
    public const string Vernietigd = "vernietigd";

    public bool Actief => Uitkomst is null;

    /// <summary>
    /// The row once the client's personal data was destroyed on <paramref name="op"/>: what happened stays counted, but a
    /// traject still running ends that day (outcome <see cref="Vernietigd"/>) and has no open deadlines.
    /// </summary>
    public TrajectStatistiek NaVernietiging(DateOnly op, long positie) => this with
    {
        AfgeslotenOp = Actief ? op : AfgeslotenOp,
        Uitkomst = Uitkomst ?? Vernietigd,
        Termijnen = [],
        LaatstePositie = Math.Max(LaatstePositie, positie),
    };

    public static TrajectStatistiek Van(TrajectOverzicht t, long laatstePositie)
    {
        DateOnly? Datum(MijlpaalSoort soort) => t.Mijlpalen.FirstOrDefault(m => m.Soort == soort)?.Datum;
        var fase = t.Fase;
        var laatste = t.Mijlpalen.Count > 0 ? t.Mijlpalen[^1] : null;
        var uitkomst = fase switch
        {
            TrajectFase.Uitstroom => "uitstroom-" + TrajectCodes.UitstroomReden.Code(laatste!.Details.UitstroomReden ?? UitstroomReden.Overig),
            TrajectFase.Beeindigd => Beeindigd,
            _ => null,
        };
        var intake = t.Mijlpalen.Select((m, i) => (m, i)).FirstOrDefault(p => p.m.Soort == MijlpaalSoort.Intake);
        DateOnly? zoekperiodeTot = intake.m is not null && intake.i + 1 < t.Mijlpalen.Count ? t.Mijlpalen[intake.i + 1].Datum : null;
        return new TrajectStatistiek(
            t.TrajectId, t.ClientId, t.Gemeente, TrajectCodes.Soort.Code(t.Soort), TrajectCodes.Fase.Code(fase),
            t.Doelgroep is { } d ? TrajectCodes.Doelgroep.Code(d) : null,
            DateOnly.FromDateTime(t.AangemeldOp.UtcDateTime), Datum(MijlpaalSoort.Intake), Datum(MijlpaalSoort.Diagnose),
            Datum(MijlpaalSoort.Plaatsing), zoekperiodeTot, uitkomst is null ? null : laatste!.Datum, uitkomst,
            t.Mijlpalen.Select(m => TrajectCodes.Mijlpaal.Code(m.Soort)).ToArray(),
            t.Nazorg.Where(n => n.Controle is not null).Select(n => new NazorgMeting(n.Controle!.Value, n.AanHetWerk)).ToArray(),
            t.Termijnen.Where(x => TermijnRegels.IsVanToepassing(x.Soort, fase))
                .Select(x => new OpenTermijn(TermijnRegels.Codes.Code(x.Soort), x.Vervaltijd, x.VerstrekenOp is not null)).ToArray(),
            t.Termijnen.Where(x => x.VerstrekenOp is not null).Select(x => TermijnRegels.Codes.Code(x.Soort)).ToArray(),
            t.Correcties.Count(c => c.Soort == CorrectieSoort.Correctie), t.Correcties.Count(c => c.Soort == CorrectieSoort.Intrekking),
            laatstePositie);
    }
}

/// <summary>One client as management counts it: gemeente, klantmanager (a medewerker id) and aandachtspunten as codes.</summary>
public sealed record ClientStatistiek(
    string ClientId, string Gemeente, string? Klantmanager, IReadOnlyList<string> Aandachtspunten, long LaatstePositie, DateOnly? VernietigdOp = null)
{
    /// <summary>The row once the client's personal data was destroyed: counted where it lived, in nobody's caseload, with no attention points.</summary>
    public ClientStatistiek NaVernietiging(DateOnly op, long positie) =>
        this with { Klantmanager = null, Aandachtspunten = [], LaatstePositie = Math.Max(LaatstePositie, positie), VernietigdOp = VernietigdOp ?? op };
}

/// <summary>
/// One signal received: about whom (the pseudonymous client key), domain, soort and date (never its content).
/// <see cref="Gemeente"/> is filled in when read: the person's gemeente now, like a traject's, so a signal that arrived before
/// the person became a client counts once they are, and a move takes it along. Signals about people who are no client count nowhere.
/// </summary>
public sealed record SignaalStatistiek(long Positie, string ClientId, string Domein, string Soort, DateOnly Datum, string? Gemeente = null);

/// <summary>Everything management figures are computed from.</summary>
public sealed record KengetallenBron(
    IReadOnlyList<TrajectStatistiek> Trajecten, IReadOnlyList<ClientStatistiek> Clienten, IReadOnlyList<SignaalStatistiek> Signalen);

/// <summary>
/// The management read model, written by the projection <c>kengetallen</c>. In PostgreSQL the tables
/// <c>trajecten_kengetallen_trajecten</c>, <c>_clienten</c> and <c>_signalen</c> (documented for SQL users); in memory the same.
/// </summary>
public interface IKengetallen
{
    /// <summary>Writes a client's rows unless the stored ones already reflect a later position (idempotent, never goes back).</summary>
    Task SchrijfAsync(ClientStatistiek? client, IReadOnlyList<TrajectStatistiek> trajecten, IReadOnlyList<SignaalStatistiek> signalen);

    /// <summary>
    /// The client's personal data was destroyed on <paramref name="op"/> (the fact at <paramref name="positie"/>, or the first
    /// read after it): its rows stay, changed by <see cref="TrajectStatistiek.NaVernietiging"/> and
    /// <see cref="ClientStatistiek.NaVernietiging"/>, so the figures keep counting what happened; nothing writes them again,
    /// and <see cref="LeegAsync"/> keeps them, as nothing can recompute them. Idempotent.
    /// </summary>
    Task BevriesAsync(string clientId, DateOnly op, long positie);

    /// <summary>Empties the read model for a rebuild, except the rows of clients frozen by <see cref="BevriesAsync"/>.</summary>
    Task LeegAsync();

    /// <summary>Every signal row of one domain, also of people who are no client (<see cref="SignaalStatistiek.Gemeente"/> null), in log order.</summary>
    Task<IReadOnlyList<SignaalStatistiek>> SignalenAsync(string domein, CancellationToken ct = default);

    /// <summary>The rows, of these gemeenten only (null: the region).</summary>
    Task<KengetallenBron> LeesAsync(IReadOnlySet<string>? gemeenten = null, CancellationToken ct = default);
}
