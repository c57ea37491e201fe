using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
namespace Trajecten.Domain.Traject;

// Enum values are persisted as numbers in grain state: append new members, never reorder.
public enum TermijnSoort
{
    /// <summary>The search period after the intake: still in intake when it ends means attention.</summary>
    Zoekperiode,
    /// <summary>Periodic reassessment of an active traject.</summary>
    Herbeoordeling,
    /// <summary>The aftercare check after uitstroom.</summary>
    Nazorg,
}

/// <summary>The lengths of the deadlines; configuration (section <c>Termijnen</c>), defaults from policy.</summary>
public sealed class TermijnOpties : IValidatableObject
{
    public const string Sectie = "Termijnen";

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Zoekperiode { get; set; } = TimeSpan.FromDays(8 * 7);
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Herbeoordeling { get; set; } = TimeSpan.FromDays(182);

    /// <summary>
    /// The aftercare checks after uitstroom, in months after its date, comma-separated: "6,12,18" as the statistics
    /// office follows people who left a benefit for work (CBS) at 6, 12 and 18 months.
    /// </summary>
    public string NazorgControles { get; set; } = "6,12,18";

    /// <summary>How long before a check's date its outcome may already be recorded (a call a few weeks early counts).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan NazorgMarge { get; set; } = TimeSpan.FromDays(31);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ControlesUit(NazorgControles) is null)
        {
            yield return new($"{Sectie}:NazorgControles '{NazorgControles}' is geen oplopende lijst van maanden (1–120), bijvoorbeeld \"6,12,18\".");
        }
    }

    /// <summary>The checks as months after uitstroom, ascending; throws with the reason when the setting is not such a list.</summary>
    public IReadOnlyList<int> Controles() => ControlesUit(NazorgControles)
        ?? throw new FormatException($"Termijnen:NazorgControles '{NazorgControles}' is geen oplopende lijst van maanden (1–120), bijvoorbeeld \"6,12,18\".");

    /// <summary>The months of a "6,12,18" list, or null when it is not an ascending list of whole months between 1 and 120.</summary>
    public static IReadOnlyList<int>? ControlesUit(string? tekst)
    {
        var delen = (tekst ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var maanden = new List<int>();
        foreach (var deel in delen)
        {
            if (!int.TryParse(deel, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
                || m is < 1 or > 120 || (maanden.Count > 0 && m <= maanden[^1]))
            {
                return null;
            }

            maanden.Add(m);
        }

        return maanden.Count == 0 ? null : maanden;
    }
}

/// <summary>A deadline of a traject: when it falls due, and when its reminder fired.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.termijn.v1")]
public sealed record Termijn
{
    [Id(0), JsonPropertyName("soort")] public required TermijnSoort Soort { get; init; }
    [Id(1), JsonPropertyName("vervaltijd")] public required DateTimeOffset Vervaltijd { get; init; }
    [Id(2), JsonPropertyName("verstrekenOp")] public DateTimeOffset? VerstrekenOp { get; init; }
    /// <summary>For an aftercare check: how many months after uitstroom it is (6, 12, 18); null for other deadlines.</summary>
    [Id(3), JsonPropertyName("controle"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Controle { get; init; }
}

/// <summary>Which deadlines a milestone starts or ends, and whether a deadline still matters.</summary>
public static class TermijnRegels
{
    public static readonly CodeLijst<TermijnSoort> Codes = new(
        (TermijnSoort.Zoekperiode, "zoekperiode"),
        (TermijnSoort.Herbeoordeling, "herbeoordeling"),
        (TermijnSoort.Nazorg, "nazorg"));

    /// <summary>
    /// The deadlines after this milestone: the intake starts the search period and the reassessment cycle,
    /// uitstroom starts the aftercare checks (one deadline per configured check); deadlines counted from the milestone's
    /// date (start of that day, UTC).
    /// Existing deadlines that no longer matter are dropped; those that do are kept.
    /// </summary>
    public static IReadOnlyList<Termijn> NaMijlpaal(IReadOnlyList<Termijn> huidige, Mijlpaal mijlpaal, TermijnOpties opties)
    {
        var begin = new DateTimeOffset(mijlpaal.Datum.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var fase = FaseNa(mijlpaal);
        var nieuw = huidige.Where(t => IsVanToepassing(t.Soort, fase)).ToList();
        switch (mijlpaal.Soort)
        {
            case MijlpaalSoort.Intake:
                nieuw.Add(new Termijn { Soort = TermijnSoort.Zoekperiode, Vervaltijd = begin + opties.Zoekperiode });
                nieuw.Add(new Termijn { Soort = TermijnSoort.Herbeoordeling, Vervaltijd = begin + opties.Herbeoordeling });
                break;
            case MijlpaalSoort.Uitstroom:
                nieuw.AddRange(opties.Controles().Select(maanden => new Termijn
                {
                    Soort = TermijnSoort.Nazorg, Vervaltijd = begin.AddMonths(maanden), Controle = maanden,
                }));
                break;
        }

        return nieuw;
    }

    /// <summary>
    /// The deadlines at <paramref name="nu"/>: every pending deadline that applies and is due is marked as fallen due.
    /// Returns the new list and the ones that fell due. A reassessment that fell due stays due until one is recorded
    /// (<see cref="NaHerbeoordeling"/>), which starts the next period: reassessments never pile up.
    /// </summary>
    public static (IReadOnlyList<Termijn> Termijnen, IReadOnlyList<Termijn> Verstreken) Verstrijk(
        IReadOnlyList<Termijn> huidige, TrajectFase fase, DateTimeOffset nu, TermijnOpties opties)
    {
        var verstreken = huidige.Where(t => t.VerstrekenOp is null && t.Vervaltijd <= nu && IsVanToepassing(t.Soort, fase)).ToList();
        return verstreken.Count == 0 ? (huidige, []) : (Verstrijk(huidige, nu, verstreken), verstreken);
    }

    /// <summary>Marks these deadlines as fallen due at <paramref name="op"/>: how a recorded "deadline fell due" fact is replayed.</summary>
    public static IReadOnlyList<Termijn> Verstrijk(IReadOnlyList<Termijn> huidige, DateTimeOffset op, IReadOnlyList<Termijn> welke) =>
        huidige.Select(t => welke.Contains(t) ? t with { VerstrekenOp = op } : t).ToArray();

    /// <summary>
    /// After a reassessment on <paramref name="datum"/>: the reassessment that was due (or pending) is done, and the next one
    /// falls due a period after the reassessment, while the traject is active.
    /// </summary>
    public static IReadOnlyList<Termijn> NaHerbeoordeling(IReadOnlyList<Termijn> huidige, DateOnly datum, TrajectFase fase, TermijnOpties opties)
    {
        var nieuw = huidige.Where(t => t.Soort != TermijnSoort.Herbeoordeling).ToList();
        if (IsVanToepassing(TermijnSoort.Herbeoordeling, fase))
        {
            nieuw.Add(new Termijn
            {
                Soort = TermijnSoort.Herbeoordeling, Vervaltijd = new DateTimeOffset(datum.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + opties.Herbeoordeling,
            });
        }

        return nieuw;
    }

    /// <summary>When the next pending deadline falls due, or null when none is pending: the one reminder's due time.</summary>
    public static DateTimeOffset? EerstVolgende(IReadOnlyList<Termijn> termijnen, TrajectFase fase) =>
        termijnen.Where(t => t.VerstrekenOp is null && IsVanToepassing(t.Soort, fase)).Min(t => (DateTimeOffset?)t.Vervaltijd);

    public static bool IsVanToepassing(TermijnSoort soort, TrajectFase fase) => soort switch
    {
        TermijnSoort.Zoekperiode => fase == TrajectFase.Intake,
        TermijnSoort.Herbeoordeling => !TrajectRegels.IsAfgesloten(fase),
        TermijnSoort.Nazorg => fase == TrajectFase.Uitstroom,
        _ => false,
    };

    private static TrajectFase FaseNa(Mijlpaal mijlpaal) => TrajectRegels.FaseNa(mijlpaal.Soort);
}
