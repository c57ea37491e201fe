using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Domain.Klantbeeld;

[GenerateSerializer, Immutable, Alias("trajecten.aandachtspunt.v1")]
public sealed record Aandachtspunt
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Omschrijving { get; init; }
    [Id(2)] public required DateOnly Sinds { get; init; }
    [Id(3)] public string? TrajectId { get; init; }
}

/// <summary>What the klantbeeld rules look at of one traject.</summary>
public sealed record TrajectStand(string TrajectId, DateOnly AangemeldOp, IReadOnlyList<Mijlpaal> Mijlpalen, IReadOnlyList<Termijn> Termijnen)
{
    public TrajectFase Fase => TrajectRegels.Fase(Mijlpalen);
    public bool IsActief => !TrajectRegels.IsAfgesloten(Fase);
}

/// <summary>
/// What the combination of trajecten and other domains' signals means for the klantmanager.
/// Derived on every read from the facts and today's date, so it is never stale.
/// </summary>
public static class Aandachtspunten
{
    public const string SchuldhulpTijdensTraject = "schuldhulp-tijdens-traject";
    public const string JeugdhulpTijdensTraject = "jeugdhulp-tijdens-traject";
    public const string ZoekperiodeVerlopen = "zoekperiode-verlopen";
    public const string HerbeoordelingNodig = "herbeoordeling-nodig";
    public const string NazorgControle = "nazorg-controle";

    public static IReadOnlyList<Aandachtspunt> Bepaal(
        IReadOnlyList<TrajectStand> trajecten,
        IReadOnlyList<SignaalMelding> signalen,
        DateTimeOffset nu)
    {
        var punten = new List<Aandachtspunt>();
        var actief = trajecten.Where(t => t.IsActief).ToList();
        if (actief.Count > 0)
        {
            var trajectStart = actief.Min(t => t.AangemeldOp);
            Signaal(SignaalDomein.Schuldhulp, SchuldhulpTijdensTraject,
                "Schuldhulp is betrokken terwijl een traject loopt: stem de aanpak af met de contactpersoon van schuldhulp.");
            Signaal(SignaalDomein.Jeugd, JeugdhulpTijdensTraject,
                "Er is jeugdhulp in het huishouden terwijl een traject loopt: houd rekening met de gezinssituatie.");

            void Signaal(SignaalDomein domein, string code, string omschrijving)
            {
                var laatste = signalen.Where(s => s.Domein == domein).MaxBy(s => s.Datum);
                if (laatste is not null)
                {
                    punten.Add(new Aandachtspunt
                    {
                        Code = code,
                        Omschrijving = $"{omschrijving} (signaal '{laatste.Soort}' van {laatste.BronOrganisatie}, {laatste.Datum:yyyy-MM-dd})",
                        Sinds = laatste.Datum > trajectStart ? laatste.Datum : trajectStart,
                    });
                }
            }
        }

        // Deadlines: due (or fired by their reminder) and still relevant for the traject's phase.
        foreach (var traject in trajecten)
        {
            foreach (var termijn in traject.Termijnen.Where(t =>
                         (t.VerstrekenOp is not null || t.Vervaltijd <= nu) && TermijnRegels.IsVanToepassing(t.Soort, traject.Fase)))
            {
                var sinds = DateOnly.FromDateTime(termijn.Vervaltijd.UtcDateTime);
                var (code, omschrijving) = termijn.Soort switch
                {
                    TermijnSoort.Zoekperiode => (ZoekperiodeVerlopen,
                        $"De zoekperiode na de intake van {traject.Mijlpalen.LastOrDefault(m => m.Soort == MijlpaalSoort.Intake)?.Datum:yyyy-MM-dd} is op {sinds:yyyy-MM-dd} verlopen zonder diagnose of uitstroom."),
                    TermijnSoort.Herbeoordeling => (HerbeoordelingNodig,
                        $"Het traject is sinds {sinds:yyyy-MM-dd} toe aan de periodieke herbeoordeling."),
                    _ => (NazorgControle,
                        $"De nazorgtermijn na de uitstroom is op {sinds:yyyy-MM-dd} verstreken: controleer of het werk of de opleiding standhoudt."),
                };
                punten.Add(new Aandachtspunt { Code = code, Omschrijving = omschrijving, Sinds = sinds, TrajectId = traject.TrajectId });
            }
        }

        return punten;
    }
}
