using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Trajecten.Api.Contracten;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// The inzage as a document a person can read and print: plain HTML in Dutch, every value encoded, no scripts, one
/// inline stylesheet allowed by its hash and nothing else loaded.
/// </summary>
public static class InzageDocument
{
    private const string Stijl =
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.4}" +
        "h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #999}h3{font-size:1.05rem}" +
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}" +
        "th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#eee}" +
        ".leeg{color:#555;font-style:italic}@media print{body{margin:0}h2{break-after:avoid}}";

    /// <summary>The document's policy: nothing may load or run; only its own stylesheet applies.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stijl)))}'; frame-ancestors 'none'";

    public static string Html(InzageApi.InzageAntwoord inzage)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Inzage persoonsgegevens — Trajecten</title>")
            .Append("<style>").Append(Stijl).Append("</style></head><body>\n");
        h.Append("<h1>Inzage in uw persoonsgegevens</h1>\n<p>Dit overzicht laat zien wat Trajecten, het systeem waarmee de gemeenten van de regio ")
            .Append("re-integratietrajecten volgen, over u bewaart en wie die gegevens heeft ingezien of vastgelegd (artikel 15 AVG). ")
            .Append("Uw BSN bewaart Trajecten alleen bij uw profiel, om u te herkennen; het staat niet in dit overzicht, in adressen ")
            .Append("of in logs. Overal elders heet u naar het kenmerk hieronder, dat uit uw BSN is afgeleid.</p>\n");
        Tabel(h, ["Kenmerk", "Opgesteld op", "Opgesteld door"], [[inzage.ClientId, Tijd(inzage.OpgesteldOp), inzage.OpgesteldDoor]]);

        h.Append("<h2>Uw gegevens</h2>\n");
        if (inzage.Client is { } c)
        {
            Tabel(h, ["Gegeven", "Waarde"],
            [
                ["Gemeente", c.Gemeente], ["Naam", c.Naam], ["Geboortedatum", Datum(c.Geboortedatum)],
                ["Klantmanager", c.KlantmanagerNaam is null ? c.Klantmanager : $"{c.KlantmanagerNaam} ({c.Klantmanager})"],
                ["Telefoon", c.Contact?.Telefoon], ["E-mail", c.Contact?.Email], ["Geregistreerd op", Tijd(c.GeregistreerdOp)],
                ["Verwerking beperkt (art. 18 AVG)", c.VerwerkingBeperktSinds is { } sinds ? $"ja, sinds {Tijd(sinds)}" : "nee"],
            ]);
        }
        else
        {
            Leeg(h, "U bent geen cliënt; Trajecten bewaart alleen de signalen hieronder.");
        }

        h.Append("<h2>Trajecten</h2>\n");
        if (inzage.Trajecten.Count == 0)
        {
            Leeg(h, "Geen.");
        }

        foreach (var (t, geregistreerd) in inzage.Trajecten)
        {
            h.Append("<h3>").Append(E($"Traject {t.Soort} in {t.Gemeente}")).Append("</h3>\n");
            Tabel(h, ["Kenmerk", "Aangemeld op", "Fase", "Doelgroep"], [[t.TrajectId, Tijd(t.AangemeldOp), t.Fase, t.Doelgroep]]);
            h.Append("<p>Mijlpalen zoals ze nu gelden (correcties verwerkt):</p>\n");
            Mijlpalen(h, t.Mijlpalen);
            if (t.Correcties.Count > 0)
            {
                h.Append("<p>Correcties en intrekkingen:</p>\n");
                Tabel(h, ["Vastgelegd op", "Soort", "Mijlpaal", "Reden", "Datum na correctie"],
                    t.Correcties.Select(k => new[] { Tijd(k.GeregistreerdOp), k.Soort, k.MijlpaalId, k.Reden, Datum(k.Datum) }));
                h.Append("<p>Mijlpalen zoals ze oorspronkelijk zijn vastgelegd:</p>\n");
                Mijlpalen(h, geregistreerd);
            }

            if (t.Herbeoordelingen.Count > 0)
            {
                h.Append("<p>Herbeoordelingen:</p>\n");
                Tabel(h, ["Datum", "Vastgelegd op"], t.Herbeoordelingen.Select(b => new[] { Datum(b.Datum), Tijd(b.GeregistreerdOp) }));
            }

            if (t.Nazorg.Count > 0)
            {
                h.Append("<p>Nazorg:</p>\n");
                Tabel(h, ["Datum", "Aan het werk", "Toelichting"], t.Nazorg.Select(n => new[] { Datum(n.Datum), n.AanHetWerk ? "ja" : "nee", n.Toelichting }));
            }

            if (t.Termijnen.Count > 0)
            {
                h.Append("<p>Termijnen:</p>\n");
                Tabel(h, ["Soort", "Vervalt op", "Verstreken op"], t.Termijnen.Select(m => new[] { m.Soort, Tijd(m.Vervaltijd), m.VerstrekenOp is { } v ? Tijd(v) : null }));
            }
        }

        h.Append("<h2>Signalen van Wmo, Jeugd en Schuldhulp</h2>\n");
        if (inzage.Signalen.Count == 0)
        {
            Leeg(h, "Geen.");
        }
        else
        {
            Tabel(h, ["Datum", "Domein", "Soort", "Van", "Contactpersoon", "Inhoud"], inzage.Signalen.Select(s => new[]
            {
                Datum(s.Datum), s.Domein, s.Soort, s.Bron.Organisatie,
                string.Join(", ", new[] { s.Contactpersoon.Naam, s.Contactpersoon.Telefoon, s.Contactpersoon.Email }.OfType<string>()), s.Inhoud,
            }));
        }

        h.Append("<h2>Wie uw gegevens heeft ingezien, gezocht of vastgelegd</h2>\n<p>Elke handeling met uw gegevens, ook een geweigerde, ")
            .Append("met wie (medewerker of systeem), wanneer, wat, met welke uitkomst en, waar opgegeven, met welk doel.")
            .Append(inzage.VerwerkingenVolledig ? "" : $" Alleen de laatste {InzageApi.MaxVerwerkingen}; vraag de rest apart op.")
            .Append("</p>\n");
        Tabel(h, ["Tijdstip", "Wie", "Rol", "Handeling", "Wat", "Uitkomst", "Doel"], inzage.Verwerkingen.OrderBy(v => v.Tijdstip).Select(v => new[]
        {
            Tijd(v.Tijdstip), v.Actor, v.Rollen, v.Actie, v.ObjectId is null ? v.ObjectSoort : $"{v.ObjectSoort} {v.ObjectId}", v.Resultaat, v.Doel,
        }));
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void Mijlpalen(StringBuilder h, IReadOnlyList<MijlpaalAntwoord> mijlpalen)
    {
        if (mijlpalen.Count == 0)
        {
            Leeg(h, "Geen.");
            return;
        }

        Tabel(h, ["Datum", "Mijlpaal", "Gegevens", "Vastgelegd op"], mijlpalen.Select(m => new[]
        {
            Datum(m.Datum), m.Soort,
            string.Join("; ", new[]
            {
                m.Loonwaarde is { } l ? $"loonwaarde {l.ToString(CultureInfo.InvariantCulture)}%" : null, m.Zorg == true ? "doelgroep zorg" : null,
                m.Doelgroep is { } d ? $"doelgroep {d}" : null, m.Instrumenten is { Count: > 0 } i ? "instrumenten: " + string.Join(", ", i) : null,
                m.Locatie, m.KvkNummer is { } k ? $"werkgever (KvK) {k}" : null, m.Reden is { } r ? $"reden {r}" : null,
            }.OfType<string>()),
            Tijd(m.GeregistreerdOp),
        }));
    }

    private static void Tabel(StringBuilder h, string[] koppen, IEnumerable<string?[]> rijen)
    {
        h.Append("<table><thead><tr>");
        foreach (var kop in koppen)
        {
            h.Append("<th>").Append(E(kop)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        foreach (var rij in rijen)
        {
            h.Append("<tr>");
            foreach (var cel in rij)
            {
                h.Append("<td>").Append(E(cel ?? "—")).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void Leeg(StringBuilder h, string tekst) => h.Append("<p class=\"leeg\">").Append(E(tekst)).Append("</p>\n");

    private static string E(string tekst) => HtmlEncoder.Default.Encode(tekst);

    private static readonly string[] Maanden =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    private static string? Datum(DateOnly? datum) => datum is { } d ? $"{d.Day} {Maanden[d.Month - 1]} {d.Year}" : null;

    /// <summary>Times in Dutch local time, as the person knows them (UTC, and said so, where the machine has no time zone data).</summary>
    private static string Tijd(DateTimeOffset tijd)
    {
        var lokaal = Amsterdam is null ? tijd.ToUniversalTime() : TimeZoneInfo.ConvertTime(tijd, Amsterdam);
        return $"{Datum(DateOnly.FromDateTime(lokaal.DateTime))} {lokaal:HH:mm:ss}{(Amsterdam is null ? " UTC" : "")}";
    }

    private static readonly TimeZoneInfo? Amsterdam =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Amsterdam", out var zone) ? zone : null;
}
