using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions.Leesmodel;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/kengetallen</c>: the management figures per gemeente per month, as JSON or (<c>Accept: text/csv</c>) CSV, for
/// the reports to the gemeenteraad and a Divosa-style benchmark. Computed from the management read model by
/// <see cref="KengetallenPerMaand"/>; cells of 1–4 people are suppressed. Aggregates only: no person is shown.
/// </summary>
public static class KengetallenApi
{
    public const int MaxMaanden = 120;
    private static readonly string[] Parameters = ["gemeente", "van", "tot"];

    public sealed record KengetallenAntwoord(
        IReadOnlyList<string> Gemeenten, string Van, string Tot, int MinimumCel, IReadOnlyList<MaandAntwoord> Maanden);

    /// <summary>One gemeente in one month; a suppressed count is null and named in <see cref="Onderdrukt"/>.</summary>
    public sealed record MaandAntwoord(
        string Gemeente, string Maand, int? Aanmeldingen, int? Intakes, int? Plaatsingen, int? UitstroomWerk, int? UitstroomOpleiding,
        int? UitstroomOverig, int? Beeindigd, int? ActiefEindeMaand, DoorlooptijdCijfers MediaanDagen,
        IReadOnlyList<NazorgAntwoord> Nazorg, IReadOnlyList<HerinstroomAntwoord> Herinstroom, IReadOnlyDictionary<string, int?> Signalen,
        IReadOnlyList<string> Onderdrukt);

    public sealed record NazorgAntwoord(int Controle, int? Gecontroleerd, int? AanHetWerk, double? Aandeel);

    public sealed record HerinstroomAntwoord(int BinnenMaanden, bool Volledig, int? Heringestroomd, double? Aandeel);

    public static IEndpointRouteBuilder MapKengetallenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/kengetallen", LeesAsync).RequireAuthorization(Beleid.Kengetallen);
        return app;
    }

    private static async Task<IResult> LeesAsync(
        HttpContext context, IKengetallen kengetallen, Regio regio, TimeProvider clock, IOptions<TermijnOpties> termijnen, CancellationToken ct)
    {
        var query = context.Request.Query;
        var problemen = Queryparameters.Onbekend(query, Parameters);
        var gebruiker = Gebruiker.Van(context.User);
        var vandaag = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        string? gemeente = null;
        if (Queryparameters.Een(query, "gemeente", problemen) is { } g)
        {
            gemeente = regio.Zoek(g);
            if (gemeente is null)
            {
                problemen.Add(Probleem.Ongeldig("gemeente", "gemeente is één van de gemeenten in de regio: " + string.Join(", ", regio.Gemeenten) + "."));
            }
        }

        var huidige = new DateOnly(vandaag.Year, vandaag.Month, 1);
        var tot = Maand(query, "tot", problemen) ?? huidige;
        var van = Maand(query, "van", problemen) ?? tot.AddMonths(-11);
        if (problemen.Count == 0 && van > tot)
        {
            problemen.Add(Probleem.Ongeldig("van", "van ligt na tot."));
        }
        else if (problemen.Count == 0 && (tot.Year - van.Year) * 12 + tot.Month - van.Month + 1 > MaxMaanden)
        {
            problemen.Add(Probleem.Ongeldig("tot", $"Vraag hoogstens {MaxMaanden} maanden tegelijk."));
        }
        else if (problemen.Count == 0 && tot > huidige)
        {
            problemen.Add(Probleem.Ongeldig("tot", $"tot ligt in de toekomst; de laatste maand met cijfers is {KengetallenPerMaand.Maand(huidige)}."));
        }

        if (problemen.Count > 0)
        {
            return Problemen.Ongeldig(problemen);
        }

        if (gemeente is not null && !gebruiker.MagGemeente(gemeente))
        {
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang", $"Je mag geen kengetallen van gemeente {gemeente} zien.");
        }

        var csv = WilCsv(context.Request);
        if (csv is null)
        {
            return Problemen.Probleem(StatusCodes.Status406NotAcceptable, "Niet aanvaardbaar",
                "Kengetallen zijn er als application/json en als text/csv.");
        }

        var gemeenten = gemeente is not null ? [gemeente] : regio.Gemeenten.Where(gebruiker.MagGemeente).ToArray();
        var bron = await kengetallen.LeesAsync(gemeenten.ToHashSet(StringComparer.Ordinal), ct);
        var controles = termijnen.Value.Controles();
        var maanden = KengetallenPerMaand.Bereken(bron, gemeenten, van, tot, vandaag, controles).Select(Antwoord).ToArray();
        return csv == true
            ? TypedResults.Text(Csv(maanden, controles), "text/csv; charset=utf-8", Encoding.UTF8)
            : TypedResults.Ok(new KengetallenAntwoord(gemeenten, KengetallenPerMaand.Maand(van), KengetallenPerMaand.Maand(tot), KengetallenPerMaand.Minimum, maanden));
    }

    /// <summary>True for CSV, false for JSON (also without Accept), null when the client accepts neither.</summary>
    private static bool? WilCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return false;
        }

        var beste = accept.Where(a => a.Quality is not 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => a.MediaType.Value?.ToLowerInvariant())
            .FirstOrDefault(m => m is "text/csv" or "application/json" or "application/problem+json" or "*/*" or "application/*" or "text/*");
        return beste switch
        {
            null => null,
            "text/csv" or "text/*" => true,
            _ => false,
        };
    }

    private static DateOnly? Maand(IQueryCollection query, string naam, List<Probleem> problemen)
    {
        var tekst = Queryparameters.Een(query, naam, problemen);
        if (tekst is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(tekst + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var maand) && maand.Year >= 2000)
        {
            return maand;
        }

        problemen.Add(Probleem.Ongeldig(naam, $"{naam} is een maand als JJJJ-MM, vanaf 2000-01."));
        return null;
    }

    private static MaandAntwoord Antwoord(Maandcijfers m)
    {
        var onderdrukt = new List<string>();
        int? C(string veld, Cel cel)
        {
            if (cel.Onderdrukt)
            {
                onderdrukt.Add(veld);
            }

            return cel.Waarde;
        }

        return new MaandAntwoord(m.Gemeente, m.Maand, C("aanmeldingen", m.Aanmeldingen), C("intakes", m.Intakes), C("plaatsingen", m.Plaatsingen),
            C("uitstroomWerk", m.UitstroomWerk), C("uitstroomOpleiding", m.UitstroomOpleiding), C("uitstroomOverig", m.UitstroomOverig),
            C("beeindigd", m.Beeindigd), C("actiefEindeMaand", m.ActiefEindeMaand), m.Doorlooptijden,
            m.Nazorg.Select(n => new NazorgAntwoord(n.Controle, C($"nazorg.{n.Controle}.gecontroleerd", n.Gecontroleerd),
                C($"nazorg.{n.Controle}.aanHetWerk", n.AanHetWerk), n.Aandeel)).ToArray(),
            m.Herinstroom.Select(h => new HerinstroomAntwoord(h.BinnenMaanden, h.Volledig, C($"herinstroom.{h.BinnenMaanden}.heringestroomd", h.Heringestroomd), h.Aandeel)).ToArray(),
            m.Signalen.ToDictionary(s => s.Key, s => C("signalen." + s.Key, s.Value)), onderdrukt);
    }

    /// <summary>One row per gemeente and month; a suppressed or unknown cell is empty. Decimal point, comma separated (RFC 4180).</summary>
    public static string Csv(IReadOnlyList<MaandAntwoord> maanden, IReadOnlyList<int> controles)
    {
        var kolommen = new List<string>
        {
            "gemeente", "maand", "aanmeldingen", "intakes", "plaatsingen", "uitstroom_werk", "uitstroom_opleiding", "uitstroom_overig", "beeindigd",
            "actief_einde_maand", "mediaan_dagen_aanmelding_intake", "mediaan_dagen_intake_diagnose", "mediaan_dagen_intake_plaatsing",
            "mediaan_dagen_intake_uitstroom", "mediaan_dagen_zoekperiode",
        };
        kolommen.AddRange(controles.SelectMany(c => new[] { $"nazorg_{c}_gecontroleerd", $"nazorg_{c}_aan_het_werk", $"nazorg_{c}_aandeel" }));
        kolommen.AddRange(controles.SelectMany(c => new[] { $"herinstroom_{c}_volledig", $"herinstroom_{c}_heringestroomd", $"herinstroom_{c}_aandeel" }));
        kolommen.AddRange(KengetallenPerMaand.SignaalDomeinen.Select(d => "signalen_" + d));
        var sb = new StringBuilder().AppendJoin(',', kolommen).Append("\r\n");
        static string G(double? w) => w?.ToString(CultureInfo.InvariantCulture) ?? "";
        foreach (var m in maanden)
        {
            var d = m.MediaanDagen;
            var cellen = new List<string>
            {
                Veld(m.Gemeente), m.Maand, G(m.Aanmeldingen), G(m.Intakes), G(m.Plaatsingen), G(m.UitstroomWerk), G(m.UitstroomOpleiding),
                G(m.UitstroomOverig), G(m.Beeindigd), G(m.ActiefEindeMaand), G(d.AanmeldingIntake), G(d.IntakeDiagnose), G(d.IntakePlaatsing),
                G(d.IntakeUitstroom), G(d.Zoekperiode),
            };
            cellen.AddRange(m.Nazorg.SelectMany(n => new[] { G(n.Gecontroleerd), G(n.AanHetWerk), G(n.Aandeel) }));
            cellen.AddRange(m.Herinstroom.SelectMany(h => new[] { h.Volledig ? "ja" : "nee", G(h.Heringestroomd), G(h.Aandeel) }));
            cellen.AddRange(KengetallenPerMaand.SignaalDomeinen.Select(s => G(m.Signalen[s])));
            sb.AppendJoin(',', cellen).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Veld(string tekst) =>
        tekst.IndexOfAny([',', '"', '\r', '\n']) < 0 ? tekst : "\"" + tekst.Replace("\"", "\"\"") + "\"";
}
