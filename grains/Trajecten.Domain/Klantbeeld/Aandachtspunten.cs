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
public sealed record TrajectStand(string TrajectId, DateOnly AangemeldOp, IReadOnlyList<Mijlpaal> Mijlpalen)
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

    public static IReadOnlyList<Aandachtspunt> Bepaal(
        IReadOnlyList<TrajectStand> trajecten,
        IReadOnlyList<SignaalMelding> signalen,
        DateOnly vandaag)
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

        foreach (var traject in actief.Where(t => t.Fase == TrajectFase.Intake))
        {
            var intake = traject.Mijlpalen[^1].Datum;
            var einde = intake.AddDays((int)TrajectRegels.Zoekperiode.TotalDays);
            if (vandaag > einde)
            {
                punten.Add(new Aandachtspunt
                {
                    Code = ZoekperiodeVerlopen,
                    Omschrijving = $"De zoekperiode van 8 weken na de intake van {intake:yyyy-MM-dd} is verlopen zonder diagnose of uitstroom.",
                    Sinds = einde,
                    TrajectId = traject.TrajectId,
                });
            }
        }

        return punten;
    }
}
