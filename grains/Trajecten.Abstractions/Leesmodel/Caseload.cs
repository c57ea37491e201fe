using System.Globalization;
using System.Text;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Leesmodel;

/// <summary>An open traject as the caseload shows it (codes, as the API spells them).</summary>
public sealed record CaseloadTraject(
    string TrajectId, string Soort, string Fase, string? Doelgroep, DateTimeOffset? VolgendeTermijn, string? VolgendeTermijnSoort);

/// <summary>
/// One client in the caseload read model: what a klantmanager works from. Everything in it follows from the facts up to
/// <see cref="LaatstePositie"/>, so a rebuild from position 0 ends with the same row.
/// </summary>
public sealed record CaseloadRij(
    string ClientId,
    string Gemeente,
    string? Klantmanager,
    string? KlantmanagerNaam,
    string? Naam,
    DateOnly? Geboortedatum,
    IReadOnlyList<CaseloadTraject> Trajecten,
    IReadOnlyList<Aandachtspunt> Aandachtspunten,
    DateTimeOffset? VolgendeTermijn,
    string? VolgendeTermijnSoort,
    DateTimeOffset LaatsteActiviteit,
    long LaatstePositie)
{
    /// <summary>The name folded for search and ordering: lower case, accents removed ("Özil" → "ozil").</summary>
    public string NaamSleutel => Zoeksleutel(Naam);

    /// <summary>How urgent the client is: the earliest of its aandachtspunten and its next deadline (null: nothing pending).</summary>
    public DateTimeOffset? Urgentie
    {
        get
        {
            var punt = Aandachtspunten.Count == 0 ? (DateTimeOffset?)null
                : new DateTimeOffset(Aandachtspunten.Min(a => a.Sinds).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return punt is null ? VolgendeTermijn : VolgendeTermijn is null ? punt : punt < VolgendeTermijn ? punt : VolgendeTermijn;
        }
    }

    /// <summary>
    /// The row for a client from its klantbeeld. Aandachtspunten are those at the moment of the last fact (deadlines
    /// that fell due are facts themselves), not at the moment the projection ran: deterministic, so a rebuild matches.
    /// </summary>
    public static CaseloadRij Van(Abstractions.Messages.Klantbeeld k, DateTimeOffset laatsteActiviteit, long laatstePositie)
    {
        var open = k.Trajecten.Where(t => !TrajectRegels.IsAfgesloten(t.Fase)).Select(t =>
        {
            var volgende = t.Termijnen.Where(x => x.VerstrekenOp is null && TermijnRegels.IsVanToepassing(x.Soort, t.Fase)).MinBy(x => x.Vervaltijd);
            return new CaseloadTraject(t.TrajectId, TrajectCodes.Soort.Code(t.Soort), TrajectCodes.Fase.Code(t.Fase),
                t.Doelgroep is { } d ? TrajectCodes.Doelgroep.Code(d) : null,
                volgende?.Vervaltijd, volgende is null ? null : TermijnRegels.Codes.Code(volgende.Soort));
        }).ToArray();

        // Aftercare is pending after uitstroom too, so the next deadline looks at every traject.
        var termijn = k.Trajecten
            .SelectMany(t => t.Termijnen.Where(x => x.VerstrekenOp is null && TermijnRegels.IsVanToepassing(x.Soort, t.Fase)))
            .MinBy(x => x.Vervaltijd);
        return new CaseloadRij(k.ClientId, k.Gemeente, k.Klantmanager, k.KlantmanagerNaam, k.Naam, k.Geboortedatum, open, PuntenOp(k, laatsteActiviteit),
            termijn?.Vervaltijd, termijn is null ? null : TermijnRegels.Codes.Code(termijn.Soort), laatsteActiviteit, laatstePositie);
    }

    /// <summary>The client's aandachtspunten at the moment of its last fact (not at the moment a projection runs: a rebuild matches).</summary>
    public static IReadOnlyList<Aandachtspunt> PuntenOp(Abstractions.Messages.Klantbeeld k, DateTimeOffset laatsteActiviteit) =>
        Domain.Klantbeeld.Aandachtspunten.Bepaal(
            k.Trajecten.Select(t => new TrajectStand(t.TrajectId, DateOnly.FromDateTime(t.AangemeldOp.UtcDateTime), t.Mijlpalen, t.Termijnen)).ToArray(),
            k.Signalen, laatsteActiviteit);

    /// <summary>The sort key as text that orders (ordinally) like the value: the folded name, or the urgency as fixed-width UTC time.</summary>
    public string Sleutel(CaseloadVolgorde volgorde) => volgorde == CaseloadVolgorde.Naam
        ? NaamSleutel
        : (Urgentie ?? DateTimeOffset.MaxValue).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// Lower case without accents, words separated by one space: "José  ÖZTÜRK" → "jose ozturk". A table of the Latin letters
    /// names in the region are written with, because the process runs with invariant globalization (no Unicode decomposition).
    /// </summary>
    public static string Zoeksleutel(string? tekst)
    {
        if (string.IsNullOrWhiteSpace(tekst))
        {
            return "";
        }

        var sb = new StringBuilder(tekst.Length);
        foreach (var c in tekst.ToLowerInvariant())
        {
            sb.Append(Zonder.TryGetValue(c, out var basis) ? basis : char.IsWhiteSpace(c) ? " " : c.ToString());
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static readonly Dictionary<char, string> Zonder = new[]
    {
        ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđð", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("œ", "oe"),
        ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"), ("þ", "th"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
    }.SelectMany(p => p.Item1.Select(c => (c, p.Item2))).ToDictionary(p => p.c, p => p.Item2);
}

public enum CaseloadVolgorde
{
    /// <summary>By name (folded), then clientId.</summary>
    Naam,
    /// <summary>Most urgent first (see <see cref="CaseloadRij.Urgentie"/>), then clientId.</summary>
    Urgentie,
}

/// <summary>Where a page starts: after (or, backwards, before) the row with this sort key and clientId.</summary>
public sealed record CaseloadPositie(string Sleutel, string ClientId, bool Terug);

/// <summary>A query on the caseload; every filter is optional, the gemeente scope is not.</summary>
public sealed record CaseloadVraag
{
    /// <summary>The gemeenten the reader may see; null for the whole region.</summary>
    public IReadOnlySet<string>? Scope { get; init; }
    public IReadOnlyList<string> Gemeenten { get; init; } = [];
    public string? Klantmanager { get; init; }
    public string? Fase { get; init; }
    public string? Doelgroep { get; init; }
    public string? Aandachtspunt { get; init; }
    /// <summary>Clients with a pending deadline before this moment.</summary>
    public DateTimeOffset? TermijnVoor { get; init; }
    /// <summary>Folded name prefix (of any word of the name).</summary>
    public string? NaamPrefix { get; init; }
    public DateOnly? Geboortedatum { get; init; }
    /// <summary>Only clients that have an aandachtspunt or a deadline before <see cref="TermijnVoor"/> (the werkvoorraad).</summary>
    public bool AlleenUrgent { get; init; }
    public CaseloadVolgorde Volgorde { get; init; }
    public CaseloadPositie? Vanaf { get; init; }
    public required int Limiet { get; init; }
}

/// <summary>A page: the rows, and whether there is more before and after it.</summary>
public sealed record CaseloadPagina(IReadOnlyList<CaseloadRij> Rijen, bool MeerNa, bool MeerVoor);

/// <summary>
/// The caseload read model: written by the projection <c>caseload</c>, read by the API. In PostgreSQL the tables
/// <c>trajecten_caseload_clienten</c> and <c>trajecten_caseload_trajecten</c> (documented for SQL users); in memory the same.
/// </summary>
public interface ICaseload
{
    /// <summary>Writes the row unless the stored one already reflects a later position (idempotent, never goes back).</summary>
    Task SchrijfAsync(CaseloadRij rij);

    Task LeegAsync();

    /// <summary>Deletes the client's row and its trajecten (the client's personal data was destroyed).</summary>
    Task VerwijderAsync(string clientId);

    Task<CaseloadPagina> ZoekAsync(CaseloadVraag vraag, CancellationToken ct = default);

    /// <summary>Every row, by clientId (for the comparison of a rebuild with the incremental view).</summary>
    Task<IReadOnlyList<CaseloadRij>> AllesAsync(CancellationToken ct = default);
}

