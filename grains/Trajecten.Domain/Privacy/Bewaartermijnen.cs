namespace Trajecten.Domain.Privacy;

/// <summary>The kinds of record whose retention ends, as codes (the listing and the record of a destruction name them).</summary>
public static class Bewaarsoorten
{
    /// <summary>A client's file once every traject has ended: the whole file is destroyed.</summary>
    public const string Dossier = "re-integratiedossier";

    /// <summary>A vroegsignalering signal that led to no schuldhulp: that signal alone is destroyed, the file stays.</summary>
    public const string Vroegsignalering = "vroegsignalering-zonder-hulp";

    /// <summary>The access log's records.</summary>
    public const string Verwerkingen = "verwerkingenlog";
}

/// <summary>One rule as the officer reads it: what, after how long, on which legal basis.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.bewaarregel.v1")]
public sealed record Bewaarregel([property: Id(0)] string Soort, [property: Id(1)] string Wat, [property: Id(2)] string Termijn, [property: Id(3)] string Grondslag);

/// <summary>A client's file as retention sees it: the end dates of its trajecten (null: still running), and whether it is already destroyed.</summary>
public sealed record DossierStand(string ClientId, string Gemeente, IReadOnlyList<DateOnly?> Afsluitingen, bool Vernietigd);

/// <summary>A signal as retention sees it: about whom, where in the log, domain and soort codes, and its date.</summary>
public sealed record SignaalStand(string ClientId, long Positie, string Domein, string Soort, DateOnly Datum);

/// <summary>A record whose retention ended on <see cref="VerlopenOp"/> (the signal's position when it is one signal).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.verlopen.v1")]
public sealed record Verlopen([property: Id(0)] string Soort, [property: Id(1)] string ClientId, [property: Id(2)] long? Positie, [property: Id(3)] DateOnly VerlopenOp);

/// <summary>
/// The retention rules, pure: given the periods (per gemeente where the selectielijst leaves the choice to the gemeente)
/// and the state of files and signals, which records' retention has ended on a given day. Nothing here destroys.
/// </summary>
public sealed class Bewaartermijnen(
    int dossierJaren, IReadOnlyDictionary<string, int> dossierJarenPerGemeente, int vroegsignaleringMaanden, int verwerkingenJaren)
{
    public const string DomeinSchuldhulp = "schuldhulp";
    public const string SoortVroegsignalering = "vroegsignalering";

    /// <summary>Schuldhulp signals that mean help started (a later one of these keeps a vroegsignalering signal with the file).</summary>
    public static readonly IReadOnlySet<string> HulpGestart = new HashSet<string>(StringComparer.Ordinal) { "aanmelding", "schuldregeling" };

    public int VroegsignaleringMaanden => vroegsignaleringMaanden;
    public int VerwerkingenJaren => verwerkingenJaren;

    public int DossierJaren(string gemeente) => dossierJarenPerGemeente.TryGetValue(gemeente, out var jaren) ? jaren : dossierJaren;

    /// <summary>The rules with their periods and legal bases, for the officer and the README.</summary>
    public IReadOnlyList<Bewaarregel> Regels() =>
    [
        new(Bewaarsoorten.Dossier, "Het hele dossier van een cliënt (profiel, trajecten, signalen) als al zijn trajecten zijn afgesloten",
            $"{dossierJaren} jaar na de laatste afsluiting"
            + (dossierJarenPerGemeente.Count == 0 ? "" : "; " + string.Join(", ", dossierJarenPerGemeente.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Value} jaar"))),
            "Archiefwet 1995 art. 3 en 5 met de Selectielijst gemeenten en intergemeentelijke organen (termijn per gemeente vastgesteld); AVG art. 5 lid 1 e"),
        new(Bewaarsoorten.Vroegsignalering, "Een signaal van vroegsignalering waarop geen schuldhulp (aanmelding of schuldregeling) volgde",
            $"{vroegsignaleringMaanden} maanden na de datum van het signaal",
            "Wet gemeentelijke schuldhulpverlening art. 5 (vroegsignalering); AVG art. 5 lid 1 e"),
        new(Bewaarsoorten.Verwerkingen, "Regels van het verwerkingenlog (wie las of schreef wat over wie)",
            $"{verwerkingenJaren} jaar na de verwerking",
            "AVG art. 5 lid 2 en art. 15 (verantwoording, inzage); BIO 12.4.1 (logging)"),
    ];

    /// <summary>When the file's retention ends: the last end date plus the gemeente's period; null while a traject runs, without trajecten, or once destroyed.</summary>
    public DateOnly? DossierVerlooptOp(DossierStand dossier)
    {
        if (dossier.Vernietigd || dossier.Afsluitingen.Count == 0 || dossier.Afsluitingen.Any(a => a is null))
        {
            return null;
        }

        return dossier.Afsluitingen.Max()!.Value.AddYears(DossierJaren(dossier.Gemeente));
    }

    /// <summary>
    /// When a signal's own retention ends: a vroegsignalering signal after which no schuldhulp started (no aanmelding or
    /// schuldregeling of the same person on or after its date) ends <see cref="VroegsignaleringMaanden"/> after its date;
    /// any other signal is kept with the file.
    /// </summary>
    public DateOnly? SignaalVerlooptOp(SignaalStand signaal, IEnumerable<SignaalStand> vanDezelfdePersoon)
    {
        if (signaal.Domein != DomeinSchuldhulp || signaal.Soort != SoortVroegsignalering)
        {
            return null;
        }

        var hulp = vanDezelfdePersoon.Any(s => s.Domein == DomeinSchuldhulp && HulpGestart.Contains(s.Soort) && s.Datum >= signaal.Datum);
        return hulp ? null : signaal.Datum.AddMonths(vroegsignaleringMaanden);
    }

    /// <summary>Access-log records from before this moment have reached the end of their retention.</summary>
    public DateTimeOffset VerwerkingenGrens(DateTimeOffset nu) => nu.AddYears(-verwerkingenJaren);

    /// <summary>
    /// Every file and signal whose retention ended on or before <paramref name="vandaag"/> and after <paramref name="na"/>
    /// (null: ever), in date order. A signal of a file that goes as a whole is not listed apart; nothing of a destroyed file is.
    /// </summary>
    public IReadOnlyList<Verlopen> Bepaal(IEnumerable<DossierStand> dossiers, IEnumerable<SignaalStand> signalen, DateOnly vandaag, DateOnly? na = null)
    {
        bool Binnen(DateOnly d) => d <= vandaag && (na is null || d > na);
        var dossierLijst = dossiers.ToArray();
        var weg = dossierLijst.Where(d => d.Vernietigd || DossierVerlooptOp(d) is { } v && v <= vandaag)
            .Select(d => d.ClientId).ToHashSet(StringComparer.Ordinal);
        var verlopen = new List<Verlopen>();
        foreach (var d in dossierLijst)
        {
            if (DossierVerlooptOp(d) is { } op && Binnen(op))
            {
                verlopen.Add(new Verlopen(Bewaarsoorten.Dossier, d.ClientId, null, op));
            }
        }

        foreach (var persoon in signalen.Where(s => !weg.Contains(s.ClientId)).GroupBy(s => s.ClientId, StringComparer.Ordinal))
        {
            foreach (var s in persoon)
            {
                if (SignaalVerlooptOp(s, persoon) is { } op && Binnen(op))
                {
                    verlopen.Add(new Verlopen(Bewaarsoorten.Vroegsignalering, s.ClientId, s.Positie, op));
                }
            }
        }

        return verlopen.OrderBy(v => v.VerlopenOp).ThenBy(v => v.ClientId, StringComparer.Ordinal).ThenBy(v => v.Positie).ToArray();
    }
}
