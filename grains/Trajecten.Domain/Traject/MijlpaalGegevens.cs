namespace Trajecten.Domain.Traject;

/// <summary>
/// What a milestone says beyond its soort and date, as codes: the doelgroep and loonwaarde of a diagnose, the instrumenten
/// of a plan, the location of a leerwerkbedrijf, the employer's KvK-nummer of a plaatsing, the reason of an uitstroom or
/// beëindiging. The API shows it with the milestone and the events carry it, so a back office can act without calling
/// back. Never a name, a BSN or free text.
/// </summary>
public sealed record MijlpaalGegevens(
    decimal? Loonwaarde, bool? Zorg, string? Doelgroep, IReadOnlyList<string>? Instrumenten, string? Locatie, string? KvkNummer, string? Reden)
{
    public static MijlpaalGegevens Van(MijlpaalDetails d) => new(
        d.Loonwaarde, d.Zorg,
        d.Doelgroep is { } g ? TrajectCodes.Doelgroep.Code(g) : null,
        d.Instrumenten?.Select(TrajectCodes.Instrument.Code).ToArray(),
        d.Locatie, d.KvkNummer,
        d.UitstroomReden is { } u ? TrajectCodes.UitstroomReden.Code(u)
        : d.BeeindigingsReden is { } b ? TrajectCodes.BeeindigingsReden.Code(b) : null);

    /// <summary>The values that are there, as text (a webhook's kenmerken): loonwaarde, zorg, doelgroep, instrumenten (comma-separated), locatie, kvkNummer, reden.</summary>
    public IReadOnlyDictionary<string, string> AlsKenmerken()
    {
        var kenmerken = new Dictionary<string, string>(StringComparer.Ordinal);
        void Zet(string naam, string? waarde)
        {
            if (waarde is not null)
            {
                kenmerken[naam] = waarde;
            }
        }

        Zet("loonwaarde", Loonwaarde?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Zet("zorg", Zorg is { } z ? (z ? "true" : "false") : null);
        Zet("doelgroep", Doelgroep);
        Zet("instrumenten", Instrumenten is { Count: > 0 } i ? string.Join(',', i) : null);
        Zet("locatie", Locatie);
        Zet("kvkNummer", KvkNummer);
        Zet("reden", Reden);
        return kenmerken;
    }
}
