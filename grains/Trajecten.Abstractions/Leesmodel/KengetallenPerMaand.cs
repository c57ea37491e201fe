using System.Globalization;

namespace Trajecten.Abstractions.Leesmodel;

/// <summary>
/// A count that may be suppressed: statistical offices do not publish cells of 1 to 4 people, so a reader cannot recognise
/// a person. <see cref="Waarde"/> is null when suppressed.
/// </summary>
public readonly record struct Cel(int? Waarde)
{
    public bool Onderdrukt => Waarde is null;
}

/// <summary>The aftercare outcomes of a month's uitstroom-werk cohort at one check.</summary>
public sealed record NazorgCijfers(int Controle, Cel Gecontroleerd, Cel AanHetWerk, double? Aandeel);

/// <summary>
/// Herinstroom of a month's uitstroom-werk cohort within a window: <see cref="Volledig"/> when every member's window has passed
/// (until then <see cref="Aandeel"/> is null: not known yet).
/// </summary>
public sealed record HerinstroomCijfers(int BinnenMaanden, bool Volledig, Cel Heringestroomd, double? Aandeel);

/// <summary>Median durations in days of the steps completed in the month (null: fewer than the minimum people).</summary>
public sealed record DoorlooptijdCijfers(double? AanmeldingIntake, double? IntakeDiagnose, double? IntakePlaatsing, double? IntakeUitstroom, double? Zoekperiode);

/// <summary>One gemeente in one month: what the reports to the gemeenteraad and a Divosa-style benchmark ask for.</summary>
public sealed record Maandcijfers(
    string Gemeente,
    string Maand,
    Cel Aanmeldingen,
    Cel Intakes,
    Cel Plaatsingen,
    Cel UitstroomWerk,
    Cel UitstroomOpleiding,
    Cel UitstroomOverig,
    Cel Beeindigd,
    // Trajecten registered by the end of the month and not ended by then.
    Cel ActiefEindeMaand,
    DoorlooptijdCijfers Doorlooptijden,
    IReadOnlyList<NazorgCijfers> Nazorg,
    IReadOnlyList<HerinstroomCijfers> Herinstroom,
    // Signals received about clients of the gemeente, by domain (dated in the month).
    IReadOnlyDictionary<string, Cel> Signalen);

/// <summary>The figures per gemeente per month, with small cells suppressed (pure; the endpoint and the report use it).</summary>
public static class KengetallenPerMaand
{
    /// <summary>Cells of fewer people than this (and more than none) are suppressed; shares and medians need this many people.</summary>
    public const int Minimum = 5;

    public static readonly IReadOnlyList<string> SignaalDomeinen = ["schuldhulp", "wmo", "jeugd"];

    public static string Maand(DateOnly datum) => datum.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static IReadOnlyList<Maandcijfers> Bereken(
        KengetallenBron bron, IReadOnlyList<string> gemeenten, DateOnly van, DateOnly tot, DateOnly vandaag, IReadOnlyList<int> controles)
    {
        var perClient = bron.Trajecten.ToLookup(x => x.ClientId, StringComparer.Ordinal);
        var resultaat = new List<Maandcijfers>();
        foreach (var gemeente in gemeenten)
        {
            var trajecten = bron.Trajecten.Where(x => x.Gemeente == gemeente).ToArray();
            var signalen = bron.Signalen.Where(s => s.Gemeente == gemeente).ToArray();
            for (var begin = new DateOnly(van.Year, van.Month, 1); begin <= tot; begin = begin.AddMonths(1))
            {
                var maand = Maand(begin);
                bool In(DateOnly? d) => d is { } x && Maand(x) == maand;
                var einde = begin.AddMonths(1).AddDays(-1);
                var uit = trajecten.Where(x => In(x.AfgeslotenOp)).ToArray();
                var cohort = uit.Where(x => x.Uitkomst == TrajectStatistiek.UitstroomWerk).ToArray();
                resultaat.Add(new Maandcijfers(
                    gemeente, maand,
                    Cel(trajecten.Count(x => In(x.AangemeldOp))),
                    Cel(trajecten.Count(x => In(x.IntakeOp))),
                    Cel(trajecten.Count(x => In(x.PlaatsingOp))),
                    Cel(cohort.Length),
                    Cel(uit.Count(x => x.Uitkomst == "uitstroom-opleiding")),
                    Cel(uit.Count(x => x.Uitkomst == "uitstroom-overig")),
                    Cel(uit.Count(x => x.Uitkomst == TrajectStatistiek.Beeindigd)),
                    Cel(trajecten.Count(x => x.AangemeldOp <= einde && (x.AfgeslotenOp is null || x.AfgeslotenOp > einde))),
                    new DoorlooptijdCijfers(
                        Mediaan(trajecten.Where(x => In(x.IntakeOp)).Select(x => KengetallenBerekening.Dagen(x.AangemeldOp, x.IntakeOp))),
                        Mediaan(trajecten.Where(x => In(x.DiagnoseOp)).Select(x => KengetallenBerekening.Dagen(x.IntakeOp, x.DiagnoseOp))),
                        Mediaan(trajecten.Where(x => In(x.PlaatsingOp)).Select(x => KengetallenBerekening.Dagen(x.IntakeOp, x.PlaatsingOp))),
                        Mediaan(uit.Where(x => x.Uitkomst!.StartsWith("uitstroom-", StringComparison.Ordinal)).Select(x => KengetallenBerekening.Dagen(x.IntakeOp, x.AfgeslotenOp))),
                        Mediaan(trajecten.Where(x => In(x.ZoekperiodeTot)).Select(x => KengetallenBerekening.Dagen(x.IntakeOp, x.ZoekperiodeTot)))),
                    controles.Select(c =>
                    {
                        var metingen = cohort.SelectMany(x => x.Nazorg.Where(n => n.Controle == c)).ToArray();
                        var aanHetWerk = metingen.Count(n => n.AanHetWerk);
                        return new NazorgCijfers(c, Cel(metingen.Length), Cel(aanHetWerk), Aandeel(aanHetWerk, metingen.Length));
                    }).ToArray(),
                    controles.Select(c =>
                    {
                        var status = cohort.Select(x => KengetallenBerekening.Herinstroom(x, c, perClient[x.ClientId], vandaag)).ToArray();
                        var volledig = status.All(s => s is not null);
                        var terug = status.Count(s => s == true);
                        return new HerinstroomCijfers(c, volledig, Cel(terug), volledig ? Aandeel(terug, status.Length) : null);
                    }).ToArray(),
                    SignaalDomeinen.ToDictionary(d => d, d => Cel(signalen.Count(s => s.Domein == d && In(s.Datum))))));
            }
        }

        return resultaat;
    }

    /// <summary>0 is published (nobody to recognise); 1–4 are suppressed.</summary>
    public static Cel Cel(int aantal) => new(aantal is > 0 and < Minimum ? null : aantal);

    /// <summary>The share, rounded to three decimals; null over fewer than <see cref="Minimum"/> people.</summary>
    public static double? Aandeel(int deel, int geheel) => geheel < Minimum ? null : Math.Round((double)deel / geheel, 3);

    /// <summary>The median in days (the mean of the middle two for an even count); null over fewer than <see cref="Minimum"/> people.</summary>
    public static double? Mediaan(IEnumerable<int?> dagen)
    {
        var gesorteerd = dagen.OfType<int>().Order().ToArray();
        if (gesorteerd.Length < Minimum)
        {
            return null;
        }

        var midden = gesorteerd.Length / 2;
        return gesorteerd.Length % 2 == 1 ? gesorteerd[midden] : (gesorteerd[midden - 1] + gesorteerd[midden]) / 2.0;
    }
}
