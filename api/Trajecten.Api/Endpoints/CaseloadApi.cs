using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Contracten;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// The caseload: <c>GET /api/v1/clienten</c> (search and filter within the caller's gemeenten) and <c>GET /api/v1/werkvoorraad</c>
/// (the caller's own clients that need attention, most urgent first). Read from the caseload read model; paged with a
/// cursor and RFC 8288 Link headers (NLGov API Design Rules, pagination module). Every client shown is in the access log.
/// </summary>
public static class CaseloadApi
{
    public const int StandaardLimiet = 20;
    public const int MaxLimiet = 100;
    public const int StandaardDagen = 14;

    public sealed record CaseloadTrajectAntwoord(string TrajectId, string Soort, string Fase, string? Doelgroep, DateTimeOffset? VolgendeTermijn, string? VolgendeTermijnSoort);

    public sealed record CaseloadClientAntwoord(
        string ClientId, string Gemeente, string? Naam, DateOnly? Geboortedatum, string? Klantmanager, string? KlantmanagerNaam,
        IReadOnlyList<CaseloadTrajectAntwoord> Trajecten, IReadOnlyList<AandachtspuntAntwoord> Aandachtspunten,
        DateTimeOffset? VolgendeTermijn, string? VolgendeTermijnSoort, DateTimeOffset LaatsteActiviteit)
    {
        public static CaseloadClientAntwoord Van(CaseloadRij r) => new(
            r.ClientId, r.Gemeente, r.Naam, r.Geboortedatum, r.Klantmanager, r.KlantmanagerNaam,
            r.Trajecten.Select(t => new CaseloadTrajectAntwoord(t.TrajectId, t.Soort, t.Fase, t.Doelgroep, t.VolgendeTermijn, t.VolgendeTermijnSoort)).ToArray(),
            r.Aandachtspunten.Select(AandachtspuntAntwoord.Van).ToArray(), r.VolgendeTermijn, r.VolgendeTermijnSoort, r.LaatsteActiviteit);
    }

    public sealed record Link(string Href);

    public sealed record Links(Link Self, Link? Next, Link? Prev);

    public sealed record CaseloadPaginaAntwoord(
        IReadOnlyList<CaseloadClientAntwoord> Clienten, [property: System.Text.Json.Serialization.JsonPropertyName("_links")] Links Links);

    private static readonly string[] ClientenParameters = ["gemeente", "klantmanager", "fase", "doelgroep", "aandachtspunt", "termijnVoor", "zoek", "cursor", "limit"];
    private static readonly string[] WerkvoorraadParameters = ["dagen", "cursor", "limit"];
    private static readonly string[] AandachtspuntCodes =
    [
        Aandachtspunten.SchuldhulpTijdensTraject, Aandachtspunten.JeugdhulpTijdensTraject, Aandachtspunten.ZoekperiodeVerlopen,
        Aandachtspunten.HerbeoordelingNodig, Aandachtspunten.NazorgControle,
    ];

    public static IEndpointRouteBuilder MapCaseloadApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/clienten", ZoekAsync).RequireAuthorization(Beleid.Personen);
        app.MapGet(ApiVersie.Basis + "/werkvoorraad", WerkvoorraadAsync).RequireAuthorization(Beleid.Personen);
        return app;
    }

    private static async Task<Results<Ok<CaseloadPaginaAntwoord>, ProblemHttpResult>> ZoekAsync(
        HttpContext context, ICaseload caseload, Regio regio)
    {
        var query = context.Request.Query;
        var problemen = Queryparameters.Onbekend(query, ClientenParameters);
        var gebruiker = Gebruiker.Van(context.User);
        string? gemeente = null;
        if (Queryparameters.Een(query, "gemeente", problemen) is { } g)
        {
            gemeente = regio.Zoek(g);
            if (gemeente is null)
            {
                problemen.Add(Probleem.Ongeldig("gemeente", "gemeente is één van de gemeenten in de regio: " + string.Join(", ", regio.Gemeenten) + "."));
            }
        }

        var klantmanager = Queryparameters.Een(query, "klantmanager", problemen);
        if (klantmanager is not null && !Medewerker.IsGeldig(klantmanager))
        {
            problemen.Add(Probleem.Ongeldig("klantmanager", Medewerker.Fout));
        }

        var fase = Code(query, "fase", TrajectCodes.Fase, problemen);
        var doelgroep = Code(query, "doelgroep", TrajectCodes.Doelgroep, problemen);
        var aandachtspunt = Queryparameters.Een(query, "aandachtspunt", problemen);
        if (aandachtspunt is not null && !AandachtspuntCodes.Contains(aandachtspunt))
        {
            problemen.Add(Probleem.Ongeldig("aandachtspunt", "aandachtspunt is één van: " + string.Join(", ", AandachtspuntCodes) + "."));
        }

        DateOnly? termijnVoor = null;
        if (Queryparameters.Een(query, "termijnVoor", problemen) is { } tv)
        {
            termijnVoor = DateOnly.TryParseExact(tv, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            if (termijnVoor is null)
            {
                problemen.Add(Probleem.Ongeldig("termijnVoor", "termijnVoor is een datum als JJJJ-MM-DD."));
            }
        }

        var (naamPrefix, geboortedatum) = Zoekterm(Queryparameters.Een(query, "zoek", problemen), problemen);
        var limiet = Limiet(query, problemen);
        var vraag = new CaseloadVraag
        {
            Scope = gebruiker.Regionaal ? null : gebruiker.Gemeenten.Select(x => regio.Zoek(x) ?? x).ToHashSet(StringComparer.Ordinal),
            Gemeenten = gemeente is null ? [] : [gemeente],
            Klantmanager = klantmanager,
            Fase = fase is { } f ? TrajectCodes.Fase.Code(f) : null,
            Doelgroep = doelgroep is { } dg ? TrajectCodes.Doelgroep.Code(dg) : null,
            Aandachtspunt = aandachtspunt,
            TermijnVoor = termijnVoor is { } v ? new DateTimeOffset(v.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            NaamPrefix = naamPrefix,
            Geboortedatum = geboortedatum,
            Volgorde = CaseloadVolgorde.Naam,
            Limiet = limiet,
        };
        if (gemeente is not null && !gebruiker.MagGemeente(gemeente))
        {
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang", $"Je mag geen cliënten van gemeente {gemeente} zien.");
        }

        return await PaginaAsync(context, caseload, vraag, query, problemen);
    }

    private static async Task<Results<Ok<CaseloadPaginaAntwoord>, ProblemHttpResult>> WerkvoorraadAsync(
        HttpContext context, ICaseload caseload, Regio regio, TimeProvider clock)
    {
        var query = context.Request.Query;
        var problemen = Queryparameters.Onbekend(query, WerkvoorraadParameters);
        var dagen = StandaardDagen;
        if (Queryparameters.Een(query, "dagen", problemen) is { } tekst)
        {
            if (!int.TryParse(tekst, NumberStyles.None, CultureInfo.InvariantCulture, out dagen) || dagen is < 0 or > 366)
            {
                problemen.Add(Probleem.Ongeldig("dagen", "dagen is een geheel getal van 0 tot en met 366."));
            }
        }

        var gebruiker = Gebruiker.Van(context.User);
        var vandaag = clock.GetUtcNow().UtcDateTime.Date;
        var vraag = new CaseloadVraag
        {
            Scope = gebruiker.Regionaal ? null : gebruiker.Gemeenten.Select(x => regio.Zoek(x) ?? x).ToHashSet(StringComparer.Ordinal),
            Klantmanager = gebruiker.Subject,
            AlleenUrgent = true,
            TermijnVoor = new DateTimeOffset(vandaag.AddDays(dagen + 1), TimeSpan.Zero),
            Volgorde = CaseloadVolgorde.Urgentie,
            Limiet = Limiet(query, problemen),
        };
        return await PaginaAsync(context, caseload, vraag, query, problemen);
    }

    private static async Task<Results<Ok<CaseloadPaginaAntwoord>, ProblemHttpResult>> PaginaAsync(
        HttpContext context, ICaseload caseload, CaseloadVraag vraag, IQueryCollection query, List<Probleem> problemen)
    {
        var vingerafdruk = Vingerafdruk(query);
        if (Queryparameters.Een(query, "cursor", problemen) is { } cursor)
        {
            var vanaf = Cursor.Lees(cursor, vingerafdruk, vraag.Volgorde);
            if (vanaf is null)
            {
                problemen.Add(Probleem.Ongeldig("cursor",
                    "cursor is niet geldig voor deze vraag: gebruik de links next/prev uit een eerder antwoord met dezelfde filters."));
            }

            vraag = vraag with { Vanaf = vanaf };
        }

        if (problemen.Count > 0)
        {
            return Problemen.Ongeldig(problemen);
        }

        var pagina = await caseload.ZoekAsync(vraag, context.RequestAborted);
        if (vraag.Vanaf is not null && pagina.Rijen.Count == 0)
        {
            return Problemen.Ongeldig([Probleem.Ongeldig("cursor", "De cursor wijst voorbij het einde van de lijst; begin opnieuw zonder cursor.")]);
        }

        // One access-log record per client shown, written together: they join one group commit instead of queueing one by one.
        await Task.WhenAll(pagina.Rijen.Select(rij => context.LogAsync(Verwerkingen.Zoeken, "caseload", rij.ClientId, rij.ClientId, Verwerkingen.Toegestaan)));

        var self = Url(context, query, null);
        var next = pagina.MeerNa && pagina.Rijen.Count > 0
            ? Url(context, query, Cursor.Maak(pagina.Rijen[^1], vraag.Volgorde, terug: false, vingerafdruk)) : null;
        var prev = pagina.MeerVoor && pagina.Rijen.Count > 0
            ? Url(context, query, Cursor.Maak(pagina.Rijen[0], vraag.Volgorde, terug: true, vingerafdruk)) : null;
        var link = new List<string>();
        if (next is not null) link.Add($"<{next}>; rel=\"next\"");
        if (prev is not null) link.Add($"<{prev}>; rel=\"prev\"");
        if (link.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", link);
        }

        return TypedResults.Ok(new CaseloadPaginaAntwoord(
            pagina.Rijen.Select(CaseloadClientAntwoord.Van).ToArray(),
            new Links(new Link(self), next is null ? null : new Link(next), prev is null ? null : new Link(prev))));
    }

    /// <summary>
    /// The search term: a date (JJJJ-MM-DD or DD-MM-JJJJ) matches the geboortedatum, anything else the start of a word of the
    /// name, case- and accent-insensitive. A number that could be a BSN is refused: a BSN never goes in a URL.
    /// </summary>
    private static (string? NaamPrefix, DateOnly? Geboortedatum) Zoekterm(string? zoek, List<Probleem> problemen)
    {
        if (zoek is null)
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(zoek, ["yyyy-MM-dd", "dd-MM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var datum))
        {
            return (null, datum);
        }

        if (zoek.Length >= 8 && zoek.All(char.IsAsciiDigit))
        {
            problemen.Add(Probleem.Ongeldig("zoek", "Zoek niet op BSN in een URL: zoek een cliënt op BSN met POST /api/v1/clienten/_zoek (het BSN in de body)."));
            return (null, null);
        }

        var sleutel = CaseloadRij.Zoeksleutel(zoek);
        if (sleutel.Length is < 2 or > 100 || zoek.Any(char.IsControl))
        {
            problemen.Add(Probleem.Ongeldig("zoek", "zoek is het begin van een naam (2 tot 100 tekens) of een geboortedatum (JJJJ-MM-DD)."));
            return (null, null);
        }

        return (sleutel, null);
    }

    private static T? Code<T>(IQueryCollection query, string naam, CodeLijst<T> codes, List<Probleem> problemen) where T : struct, Enum
    {
        var tekst = Queryparameters.Een(query, naam, problemen);
        if (tekst is null)
        {
            return null;
        }

        if (codes.TryParse(tekst, out var waarde))
        {
            return waarde;
        }

        problemen.Add(Probleem.Ongeldig(naam, $"{naam} is {codes.Toegestaan}."));
        return null;
    }

    private static int Limiet(IQueryCollection query, List<Probleem> problemen)
    {
        if (Queryparameters.Een(query, "limit", problemen) is not { } tekst)
        {
            return StandaardLimiet;
        }

        if (int.TryParse(tekst, NumberStyles.None, CultureInfo.InvariantCulture, out var limiet) && limiet is >= 1 and <= MaxLimiet)
        {
            return limiet;
        }

        problemen.Add(Probleem.Ongeldig("limit", $"limit is een geheel getal van 1 tot en met {MaxLimiet}."));
        return StandaardLimiet;
    }

    /// <summary>The request's own query with the cursor replaced: the links keep every filter and the limit.</summary>
    private static string Url(HttpContext context, IQueryCollection query, string? cursor)
    {
        var delen = query.Where(q => q.Key != "cursor").OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        if (cursor is not null)
        {
            delen.Add("cursor=" + cursor);
        }

        return context.Request.Path + (delen.Count > 0 ? "?" + string.Join('&', delen) : "");
    }

    /// <summary>What a cursor is bound to: the filters (not the cursor or the limit), so it is refused with other filters.</summary>
    private static string Vingerafdruk(IQueryCollection query)
    {
        var tekst = string.Join('&', query.Where(q => q.Key is not ("cursor" or "limit")).OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key + "=" + q.Value));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(tekst)))[..12];
    }

    /// <summary>
    /// An opaque cursor: base64url of the position (sort key and clientId of the row next to it), the direction and the
    /// filters it belongs to. It carries no personal data beyond what the page showed, and nothing a BSN could be read from.
    /// </summary>
    private static class Cursor
    {
        private const string Versie = "1";

        public static string Maak(CaseloadRij rij, CaseloadVolgorde volgorde, bool terug, string vingerafdruk) =>
            Base64Url(string.Join('\n', Versie, terug ? "p" : "n", volgorde == CaseloadVolgorde.Naam ? "naam" : "urgentie", vingerafdruk,
                rij.ClientId, rij.Sleutel(volgorde)));

        public static CaseloadPositie? Lees(string cursor, string vingerafdruk, CaseloadVolgorde volgorde)
        {
            try
            {
                var delen = Encoding.UTF8.GetString(Convert.FromBase64String(Vanuit(cursor))).Split('\n');
                if (delen.Length != 6 || delen[0] != Versie || delen[1] is not ("n" or "p") || delen[3] != vingerafdruk
                    || delen[2] != (volgorde == CaseloadVolgorde.Naam ? "naam" : "urgentie")
                    || !Domain.Identificatie.Ids.IsGeldig(delen[4], Domain.Identificatie.Ids.ClientPrefix))
                {
                    return null;
                }

                if (volgorde == CaseloadVolgorde.Urgentie && !DateTime.TryParseExact(delen[5], "yyyy-MM-ddTHH:mm:ss.fffffffZ",
                        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
                {
                    return null;
                }

                return new CaseloadPositie(delen[5], delen[4], delen[1] == "p");
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private static string Base64Url(string tekst) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(tekst)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static string Vanuit(string base64Url)
        {
            var s = base64Url.Replace('-', '+').Replace('_', '/');
            return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        }
    }
}
