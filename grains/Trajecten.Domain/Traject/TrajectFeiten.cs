using System.Globalization;
using System.Text.Json.Serialization;

namespace Trajecten.Domain.Traject;

// Enum values are persisted as numbers in grain state: append new members, never reorder.
public enum CorrectieSoort
{
    /// <summary>New date and/or details for a milestone that was recorded with wrong ones.</summary>
    Correctie,
    /// <summary>The milestone was recorded by mistake: it no longer counts.</summary>
    Intrekking,
}

/// <summary>The traject was opened for a client (the first fact of every traject).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.traject-geopend.v1")]
public sealed record TrajectGeopend
{
    [Id(0), JsonPropertyName("clientId")] public required string ClientId { get; init; }
    [Id(1), JsonPropertyName("gemeente")] public required string Gemeente { get; init; }
    [Id(2), JsonPropertyName("soort")] public required TrajectSoort Soort { get; init; }
    [Id(3), JsonPropertyName("aangemeldOp")] public required DateTimeOffset AangemeldOp { get; init; }
    /// <summary>The Idempotency-Key it was opened with, if any: lets the client's record be repaired from the log.</summary>
    [Id(4), JsonPropertyName("idempotencyKey"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IdempotencyKey { get; init; }
}

/// <summary>
/// A correction or withdrawal of a recorded milestone. History is never rewritten: this is a new fact, and the
/// traject's view is recomputed from the sequence with it (see <see cref="TrajectBeeld"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.mijlpaal-correctie.v1")]
public sealed record MijlpaalCorrectie
{
    [Id(0), JsonPropertyName("correctieId")] public required string CorrectieId { get; init; }
    [Id(1), JsonPropertyName("mijlpaalId")] public required string MijlpaalId { get; init; }
    [Id(2), JsonPropertyName("soort")] public required CorrectieSoort Soort { get; init; }
    /// <summary>The milestone's date after the correction (null for a withdrawal).</summary>
    [Id(3), JsonPropertyName("datum")] public DateOnly? Datum { get; init; }
    /// <summary>The milestone's details after the correction (null for a withdrawal).</summary>
    [Id(4), JsonPropertyName("details")] public MijlpaalDetails? Details { get; init; }
    [Id(5), JsonPropertyName("reden")] public required string Reden { get; init; }
    [Id(6), JsonPropertyName("geregistreerdOp")] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(7), JsonPropertyName("idempotencyKey")] public required string IdempotencyKey { get; init; }
    [Id(8), JsonPropertyName("vingerafdruk")] public required string Vingerafdruk { get; init; }
    /// <summary>
    /// The soort of the milestone it concerns, so the fact says what it corrects without the traject's history (the feed
    /// filters and publishes it). Corrections recorded before it was kept have none.
    /// </summary>
    [Id(9), JsonPropertyName("mijlpaalSoort"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public MijlpaalSoort? MijlpaalSoort { get; init; }
}

/// <summary>The outcome of the aftercare check after uitstroom: is the person still at work or in education?</summary>
[GenerateSerializer, Immutable, Alias("trajecten.nazorg.v1")]
public sealed record NazorgUitkomst
{
    [Id(0), JsonPropertyName("nazorgId")] public required string NazorgId { get; init; }
    [Id(1), JsonPropertyName("datum")] public required DateOnly Datum { get; init; }
    /// <summary>Still at work or in education on <see cref="Datum"/>.</summary>
    [Id(2), JsonPropertyName("aanHetWerk")] public required bool AanHetWerk { get; init; }
    [Id(3), JsonPropertyName("toelichting")] public string? Toelichting { get; init; }
    [Id(4), JsonPropertyName("geregistreerdOp")] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(5), JsonPropertyName("idempotencyKey")] public required string IdempotencyKey { get; init; }
    /// <summary>
    /// Which aftercare check this answers, in months after uitstroom (6, 12, 18). Outcomes recorded before the checks had
    /// numbers have none: they answer the first check.
    /// </summary>
    [Id(6), JsonPropertyName("controle"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Controle { get; init; }
}

/// <summary>
/// The periodic reassessment of the traject was done on <see cref="Datum"/>: it satisfies the reassessment that is due (or
/// comes early) and the next one is counted from its date.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.herbeoordeling.v1")]
public sealed record Herbeoordeling
{
    [Id(0), JsonPropertyName("herbeoordelingId")] public required string HerbeoordelingId { get; init; }
    [Id(1), JsonPropertyName("datum")] public required DateOnly Datum { get; init; }
    [Id(2), JsonPropertyName("geregistreerdOp")] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(3), JsonPropertyName("idempotencyKey")] public required string IdempotencyKey { get; init; }
}

/// <summary>The client moved to another gemeente of the region; the traject's scope follows.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.gemeente-wissel.v1")]
public sealed record GemeenteWissel
{
    [Id(0), JsonPropertyName("van")] public required string Van { get; init; }
    [Id(1), JsonPropertyName("naar")] public required string Naar { get; init; }
    [Id(2), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>
/// One fact of a traject's stream in the event log, numbered 1, 2, 3… per traject (its <see cref="Volgnummer"/>;
/// a milestone keeps its own milestone volgnummer as well). Exactly one member is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.traject-feit.v1")]
public sealed record TrajectFeit
{
    [Id(0)] public required int Volgnummer { get; init; }
    [Id(1)] public TrajectGeopend? Geopend { get; init; }
    [Id(2)] public Mijlpaal? Mijlpaal { get; init; }
    [Id(3)] public MijlpaalCorrectie? Correctie { get; init; }
    /// <summary>A deadline fell due (its reminder fired).</summary>
    [Id(4)] public Termijn? Verstreken { get; init; }
    [Id(5)] public NazorgUitkomst? Nazorg { get; init; }
    [Id(6)] public GemeenteWissel? Verhuizing { get; init; }
    [Id(7)] public Herbeoordeling? Herbeoordeling { get; init; }
}

/// <summary>
/// A traject as the pure rules compute it from its facts: the valid milestones with their corrections applied
/// (withdrawn ones left out), the deadlines, the correction history, the aftercare outcomes and the reassessments.
/// </summary>
public sealed record TrajectBeeld(
    IReadOnlyList<Mijlpaal> Geregistreerd,
    IReadOnlyList<Mijlpaal> Mijlpalen,
    IReadOnlyList<Termijn> Termijnen,
    IReadOnlyList<MijlpaalCorrectie> Correcties,
    IReadOnlyList<NazorgUitkomst> Nazorg,
    string? Gemeente,
    IReadOnlyList<Herbeoordeling> Herbeoordelingen)
{
    public TrajectFase Fase => TrajectRegels.Fase(Mijlpalen);

    /// <summary>
    /// Replays the facts in their order. Corrections are applied to the milestone they concern, at that milestone's
    /// place in the sequence, so fase, doelgroep and deadlines follow from the corrected sequence exactly as if it
    /// had been recorded that way. A deadline that fell due counts only while the deadline it names still exists
    /// (a corrected intake date moves the search period, and the new one falls due by itself).
    /// </summary>
    public static TrajectBeeld Bouw(IEnumerable<TrajectFeit> feiten, TermijnOpties opties)
    {
        var lijst = feiten as IReadOnlyList<TrajectFeit> ?? feiten.ToArray();
        var correcties = lijst.Select(f => f.Correctie).OfType<MijlpaalCorrectie>().ToArray();
        var gecorrigeerd = new Dictionary<string, Mijlpaal?>(StringComparer.Ordinal);
        var geregistreerd = lijst.Select(f => f.Mijlpaal).OfType<Mijlpaal>().ToDictionary(m => m.MijlpaalId, StringComparer.Ordinal);
        foreach (var c in correcties)
        {
            if (!geregistreerd.TryGetValue(c.MijlpaalId, out var origineel))
            {
                continue;
            }

            var huidig = gecorrigeerd.GetValueOrDefault(c.MijlpaalId, origineel);
            gecorrigeerd[c.MijlpaalId] = c.Soort == CorrectieSoort.Intrekking || huidig is null
                ? null
                : huidig with { Datum = c.Datum ?? huidig.Datum, Details = c.Details ?? huidig.Details };
        }

        var mijlpalen = new List<Mijlpaal>();
        IReadOnlyList<Termijn> termijnen = [];
        var nazorg = new List<NazorgUitkomst>();
        var herbeoordelingen = new List<Herbeoordeling>();
        string? gemeente = null;
        foreach (var feit in lijst)
        {
            if (feit.Geopend is { } geopend)
            {
                gemeente = geopend.Gemeente;
            }
            else if (feit.Verhuizing is { } verhuizing)
            {
                gemeente = verhuizing.Naar;
            }
            else if (feit.Mijlpaal is { } m)
            {
                var geldig = gecorrigeerd.TryGetValue(m.MijlpaalId, out var c) ? c : m;
                if (geldig is not null)
                {
                    mijlpalen.Add(geldig);
                    termijnen = TermijnRegels.NaMijlpaal(termijnen, geldig, opties);
                }
            }
            else if (feit.Verstreken is { } verstreken)
            {
                var fase = TrajectRegels.Fase(mijlpalen);
                var bestaand = termijnen.FirstOrDefault(t =>
                    t.Soort == verstreken.Soort && t.Vervaltijd == verstreken.Vervaltijd && t.VerstrekenOp is null
                    && TermijnRegels.IsVanToepassing(t.Soort, fase));
                if (bestaand is not null && verstreken.VerstrekenOp is { } op)
                {
                    termijnen = TermijnRegels.Verstrijk(termijnen, op, [bestaand]);
                }
            }
            else if (feit.Herbeoordeling is { } h)
            {
                herbeoordelingen.Add(h);
                termijnen = TermijnRegels.NaHerbeoordeling(termijnen, h.Datum, TrajectRegels.Fase(mijlpalen), opties);
            }
            else if (feit.Nazorg is { } n && TrajectRegels.Fase(mijlpalen) == TrajectFase.Uitstroom)
            {
                // The check it answers is done, and so are earlier ones still open (missed: they have no outcome).
                var controle = n.Controle ?? termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).Min(t => t.Controle) ?? 0;
                nazorg.Add(n with { Controle = controle });
                termijnen = termijnen.Where(t => t.Soort != TermijnSoort.Nazorg || (t.Controle ?? 0) > controle).ToArray();
            }
        }

        return new TrajectBeeld(geregistreerd.Values.OrderBy(m => m.Volgnummer).ToArray(), mijlpalen, termijnen, correcties, nazorg, gemeente, herbeoordelingen);
    }

    /// <summary>
    /// Null when the milestones form a sequence the state machine allows (each may follow the one before, dates
    /// never go back); otherwise the reason, naming the milestone where it breaks.
    /// </summary>
    public static string? Weigering(IReadOnlyList<Mijlpaal> mijlpalen)
    {
        for (var i = 0; i < mijlpalen.Count; i++)
        {
            var voor = mijlpalen.Take(i).ToArray();
            var m = mijlpalen[i];
            var reden = TrajectRegels.Weigering(TrajectRegels.Fase(voor), m.Soort);
            if (reden is not null)
            {
                return $"Dan klopt de volgorde niet meer bij mijlpaal {m.Volgnummer} ({TrajectCodes.Mijlpaal.Code(m.Soort)}): {reden}";
            }

            if (i > 0 && m.Datum < mijlpalen[i - 1].Datum)
            {
                return $"Dan ligt mijlpaal {m.Volgnummer} ({m.Datum:yyyy-MM-dd}) vóór de mijlpaal ervoor ({mijlpalen[i - 1].Datum:yyyy-MM-dd}).";
            }
        }

        return null;
    }
}

/// <summary>A correction or withdrawal as the caller asks for it; details are merged into the milestone's.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.correctie-aanvraag.v1")]
public sealed record CorrectieAanvraag
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required string MijlpaalId { get; init; }
    [Id(2)] public required CorrectieSoort Soort { get; init; }
    [Id(3)] public required string Reden { get; init; }
    [Id(4)] public DateOnly? Datum { get; init; }
    [Id(5)] public decimal? Loonwaarde { get; init; }
    [Id(6)] public bool? Zorg { get; init; }
    [Id(7)] public Instrument[]? Instrumenten { get; init; }
    [Id(8)] public string? Locatie { get; init; }
    [Id(9)] public string? KvkNummer { get; init; }
    /// <summary>The uitstroom or beëindiging reason code; which list applies depends on the milestone's soort.</summary>
    [Id(10)] public string? RedenCode { get; init; }

    public bool HeeftDetails => Loonwaarde is not null || Zorg is not null || Instrumenten is not null || Locatie is not null
                                || KvkNummer is not null || RedenCode is not null;

    public string Vingerafdruk() => string.Join('|', MijlpaalId, Soort, Reden, Datum?.ToString("O", CultureInfo.InvariantCulture),
        Loonwaarde?.ToString(CultureInfo.InvariantCulture), Zorg, Instrumenten is null ? null : string.Join(',', Instrumenten),
        Locatie, KvkNummer, RedenCode);
}

public enum CorrectieStatus
{
    Geregistreerd,
    Herhaald,
    Ongeldig,
    Geweigerd,
    /// <summary>No such milestone in this traject (404).</summary>
    Onbekend,
}

[GenerateSerializer, Immutable, Alias("trajecten.correctie-uitkomst.v1")]
public sealed record CorrectieUitkomst
{
    [Id(0)] public required CorrectieStatus Status { get; init; }
    [Id(1)] public MijlpaalCorrectie? Correctie { get; init; }
    [Id(2)] public string? Reden { get; init; }
    [Id(3)] public IReadOnlyList<Probleem> Problemen { get; init; } = [];

    public static CorrectieUitkomst Geweigerd(string reden) => new() { Status = CorrectieStatus.Geweigerd, Reden = reden };
    public static CorrectieUitkomst Ongeldig(params Probleem[] problemen) =>
        new() { Status = CorrectieStatus.Ongeldig, Problemen = problemen, Reden = string.Join(" ", problemen.Select(p => p.Reden)) };
}

/// <summary>Decides whether a correction or withdrawal may be recorded: pure, like <see cref="TrajectBesluit"/>.</summary>
public static class CorrectieBesluit
{
    public const int MaxRedenLengte = 500;

    public static CorrectieUitkomst Beslis(IReadOnlyList<TrajectFeit> feiten, CorrectieAanvraag aanvraag, string correctieId,
        DateTimeOffset nu, TermijnOpties opties)
    {
        var vingerafdruk = aanvraag.Vingerafdruk();
        var eerder = feiten.Select(f => f.Correctie).OfType<MijlpaalCorrectie>().FirstOrDefault(c => c.IdempotencyKey == aanvraag.IdempotencyKey);
        if (eerder is not null)
        {
            return eerder.Vingerafdruk == vingerafdruk
                ? new CorrectieUitkomst { Status = CorrectieStatus.Herhaald, Correctie = eerder }
                : CorrectieUitkomst.Geweigerd($"De Idempotency-Key is al gebruikt voor een andere correctie ({eerder.CorrectieId}).");
        }

        var huidig = TrajectBeeld.Bouw(feiten, opties);
        var origineel = huidig.Geregistreerd.FirstOrDefault(m => m.MijlpaalId == aanvraag.MijlpaalId);
        if (origineel is null)
        {
            return new CorrectieUitkomst { Status = CorrectieStatus.Onbekend, Reden = $"Dit traject heeft geen mijlpaal {aanvraag.MijlpaalId}." };
        }

        var geldig = huidig.Mijlpalen.FirstOrDefault(m => m.MijlpaalId == aanvraag.MijlpaalId);
        if (geldig is null)
        {
            return CorrectieUitkomst.Geweigerd($"Mijlpaal {origineel.Volgnummer} ({TrajectCodes.Mijlpaal.Code(origineel.Soort)}) is ingetrokken; die kan niet meer worden gecorrigeerd of ingetrokken.");
        }

        if (string.IsNullOrWhiteSpace(aanvraag.Reden))
        {
            return CorrectieUitkomst.Ongeldig(Probleem.Verplicht("reden"));
        }

        var correctie = new MijlpaalCorrectie
        {
            CorrectieId = correctieId,
            MijlpaalId = aanvraag.MijlpaalId,
            Soort = aanvraag.Soort,
            Reden = aanvraag.Reden,
            GeregistreerdOp = nu,
            IdempotencyKey = aanvraag.IdempotencyKey,
            Vingerafdruk = vingerafdruk,
            MijlpaalSoort = origineel.Soort,
        };
        if (aanvraag.Soort == CorrectieSoort.Correctie)
        {
            var (datum, details, problemen) = Samenvoegen(geldig, aanvraag, DateOnly.FromDateTime(nu.UtcDateTime));
            if (problemen.Count > 0)
            {
                return CorrectieUitkomst.Ongeldig([.. problemen]);
            }

            if (datum == geldig.Datum && details.Vingerafdruk() == geldig.Details.Vingerafdruk())
            {
                return CorrectieUitkomst.Ongeldig(Probleem.Ongeldig("datum", "De correctie verandert niets: geef een andere datum of andere details."));
            }

            correctie = correctie with { Datum = datum, Details = details };
        }

        var na = TrajectBeeld.Bouw([.. feiten, new TrajectFeit { Volgnummer = int.MaxValue, Correctie = correctie }], opties);
        var weigering = TrajectBeeld.Weigering(na.Mijlpalen);
        if (weigering is not null)
        {
            var wat = aanvraag.Soort == CorrectieSoort.Intrekking ? "intrekken" : "zo corrigeren";
            return CorrectieUitkomst.Geweigerd($"Mijlpaal {geldig.Volgnummer} ({TrajectCodes.Mijlpaal.Code(geldig.Soort)}) kan niet {wat}. {weigering}");
        }

        if (na.Nazorg.Count < huidig.Nazorg.Count)
        {
            return CorrectieUitkomst.Geweigerd("Na deze uitstroom is al nazorg vastgelegd; trek de uitstroom niet in.");
        }

        return new CorrectieUitkomst { Status = CorrectieStatus.Geregistreerd, Correctie = correctie };
    }

    /// <summary>The milestone's date and details with the correction's fields merged in, checked by the rules of its soort.</summary>
    private static (DateOnly Datum, MijlpaalDetails Details, List<Probleem> Problemen) Samenvoegen(Mijlpaal m, CorrectieAanvraag a, DateOnly vandaag)
    {
        var problemen = new List<Probleem>();
        var d = m.Details with { Doelgroep = null };
        if (a.Loonwaarde is not null || a.Zorg is not null)
        {
            d = d with { Loonwaarde = a.Loonwaarde, Zorg = a.Zorg };
        }

        d = d with
        {
            Instrumenten = a.Instrumenten ?? d.Instrumenten,
            Locatie = a.Locatie ?? d.Locatie,
            KvkNummer = a.KvkNummer ?? d.KvkNummer,
        };
        if (a.RedenCode is { } code)
        {
            switch (m.Soort)
            {
                case MijlpaalSoort.Uitstroom when TrajectCodes.UitstroomReden.TryParse(code, out var u):
                    d = d with { UitstroomReden = u };
                    break;
                case MijlpaalSoort.Uitstroom:
                    problemen.Add(Probleem.Ongeldig("details.reden", "De reden van uitstroom is " + TrajectCodes.UitstroomReden.Toegestaan + "."));
                    break;
                case MijlpaalSoort.Beeindigd when TrajectCodes.BeeindigingsReden.TryParse(code, out var b):
                    d = d with { BeeindigingsReden = b };
                    break;
                case MijlpaalSoort.Beeindigd:
                    problemen.Add(Probleem.Ongeldig("details.reden", "De reden van beëindiging is " + TrajectCodes.BeeindigingsReden.Toegestaan + "."));
                    break;
                default:
                    problemen.Add(Probleem.NietToegestaan("details.reden", $"reden hoort niet bij een mijlpaal van soort {TrajectCodes.Mijlpaal.Code(m.Soort)}."));
                    break;
            }
        }

        var datum = a.Datum ?? m.Datum;
        var gemeld = problemen.Select(p => p.Veld).ToHashSet();
        problemen.AddRange(MijlpaalInvoer.Valideer(m.Soort, datum, d, vandaag)
            .Where(p => !gemeld.Contains("details." + p.Veld))
            .Select(p => p.Veld == "datum" ? p : p with { Veld = "details." + p.Veld }));
        if (problemen.Count == 0 && m.Soort == MijlpaalSoort.Diagnose)
        {
            d = d with { Doelgroep = d.Zorg == true ? Doelgroep.Zorg : TrajectRegels.DoelgroepBijLoonwaarde(d.Loonwaarde!.Value) };
        }

        return (datum, d, problemen);
    }
}

/// <summary>A nazorg outcome as the caller sends it.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.nazorg-aanvraag.v1")]
public sealed record NazorgAanvraag
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required DateOnly Datum { get; init; }
    [Id(2)] public required bool AanHetWerk { get; init; }
    [Id(3)] public string? Toelichting { get; init; }

    public string Vingerafdruk() => Vingerafdruk(Datum, AanHetWerk, Toelichting);

    /// <summary>The same fingerprint of a recorded outcome, to tell a true retry from a reused key.</summary>
    public static string Vingerafdruk(NazorgUitkomst n) => Vingerafdruk(n.Datum, n.AanHetWerk, n.Toelichting);

    private static string Vingerafdruk(DateOnly datum, bool aanHetWerk, string? toelichting) =>
        string.Join('|', datum.ToString("O", CultureInfo.InvariantCulture), aanHetWerk, toelichting);
}

/// <summary>
/// Whether an aftercare outcome may be recorded, and which check it answers: only after uitstroom, dated on or after it and
/// not in the future; it answers the latest open check whose date is at most <see cref="TermijnOpties.NazorgMarge"/> after
/// the outcome's date (checks before it that are still open stay without outcome: missed).
/// </summary>
public static class NazorgBesluit
{
    /// <summary>The outcome to record, the earlier one for a repeated key, or the reason it is refused (409).</summary>
    public static (NazorgUitkomst? Uitkomst, bool Herhaald, string? Weigering) Beslis(
        TrajectBeeld beeld, NazorgAanvraag aanvraag, string nazorgId, DateTimeOffset nu, TermijnOpties opties)
    {
        var eerder = beeld.Nazorg.FirstOrDefault(n => n.IdempotencyKey == aanvraag.IdempotencyKey);
        if (eerder is not null)
        {
            var zelfde = NazorgAanvraag.Vingerafdruk(eerder) == aanvraag.Vingerafdruk();
            return zelfde ? (eerder, true, null) : (null, false, "De Idempotency-Key is al gebruikt voor een andere nazorguitkomst.");
        }

        if (beeld.Fase != TrajectFase.Uitstroom)
        {
            return (null, false, $"Nazorg volgt op een uitstroom; het traject is in fase {TrajectCodes.Fase.Code(beeld.Fase)}.");
        }

        var uitstroom = beeld.Mijlpalen[^1].Datum;
        if (aanvraag.Datum < uitstroom)
        {
            return (null, false, $"De nazorg ({aanvraag.Datum:yyyy-MM-dd}) ligt vóór de uitstroom ({uitstroom:yyyy-MM-dd}).");
        }

        if (aanvraag.Datum > DateOnly.FromDateTime(nu.UtcDateTime))
        {
            return (null, false, $"De datum {aanvraag.Datum:yyyy-MM-dd} ligt in de toekomst; nazorg legt vast wat is vastgesteld.");
        }

        var open = beeld.Termijnen.Where(t => t.Soort == TermijnSoort.Nazorg).OrderBy(t => t.Vervaltijd).ToArray();
        if (open.Length == 0)
        {
            return (null, false, "Alle nazorgcontroles van dit traject zijn vastgelegd.");
        }

        var grens = new DateTimeOffset(aanvraag.Datum.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + opties.NazorgMarge;
        var controle = open.LastOrDefault(t => t.Vervaltijd <= grens);
        if (controle is null)
        {
            var eerste = open[0];
            return (null, false, FormattableString.Invariant(
                $"De eerstvolgende nazorgcontrole ({eerste.Controle} maanden na uitstroom) valt op {eerste.Vervaltijd:yyyy-MM-dd}; een uitkomst kan vanaf {(eerste.Vervaltijd - opties.NazorgMarge):yyyy-MM-dd} worden vastgelegd."));
        }

        return (new NazorgUitkomst
        {
            NazorgId = nazorgId,
            Datum = aanvraag.Datum,
            AanHetWerk = aanvraag.AanHetWerk,
            Toelichting = aanvraag.Toelichting,
            GeregistreerdOp = nu,
            IdempotencyKey = aanvraag.IdempotencyKey,
            Controle = controle.Controle,
        }, false, null);
    }
}

/// <summary>A reassessment as the caller records it.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.herbeoordeling-aanvraag.v1")]
public sealed record HerbeoordelingAanvraag
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required DateOnly Datum { get; init; }
}

/// <summary>
/// Whether a reassessment may be recorded: while the traject runs (after its intake, before uitstroom or beëindiging),
/// dated on or after the intake and the previous reassessment, not in the future. Pure, like <see cref="NazorgBesluit"/>.
/// </summary>
public static class HerbeoordelingBesluit
{
    /// <summary>The reassessment to record, the earlier one for a repeated key, or the reason it is refused (409).</summary>
    public static (Herbeoordeling? Herbeoordeling, bool Herhaald, string? Weigering) Beslis(
        TrajectBeeld beeld, HerbeoordelingAanvraag aanvraag, string herbeoordelingId, DateTimeOffset nu)
    {
        var eerder = beeld.Herbeoordelingen.FirstOrDefault(h => h.IdempotencyKey == aanvraag.IdempotencyKey);
        if (eerder is not null)
        {
            return eerder.Datum == aanvraag.Datum
                ? (eerder, true, null)
                : (null, false, $"De Idempotency-Key is al gebruikt voor een andere herbeoordeling ({eerder.HerbeoordelingId}).");
        }

        if (TrajectRegels.IsAfgesloten(beeld.Fase))
        {
            return (null, false, $"Het traject is afgesloten (fase {TrajectCodes.Fase.Code(beeld.Fase)}); er valt niets meer te herbeoordelen.");
        }

        var intake = beeld.Mijlpalen.FirstOrDefault(m => m.Soort == MijlpaalSoort.Intake);
        if (intake is null)
        {
            return (null, false, "Een herbeoordeling volgt op de intake; het traject heeft nog geen intake.");
        }

        if (aanvraag.Datum > DateOnly.FromDateTime(nu.UtcDateTime))
        {
            return (null, false, $"De datum {aanvraag.Datum:yyyy-MM-dd} ligt in de toekomst; een herbeoordeling legt vast wat is gedaan.");
        }

        if (aanvraag.Datum < intake.Datum)
        {
            return (null, false, $"De herbeoordeling ({aanvraag.Datum:yyyy-MM-dd}) ligt vóór de intake ({intake.Datum:yyyy-MM-dd}).");
        }

        if (beeld.Herbeoordelingen.Count > 0 && aanvraag.Datum < beeld.Herbeoordelingen[^1].Datum)
        {
            return (null, false, $"De herbeoordeling ({aanvraag.Datum:yyyy-MM-dd}) ligt vóór de vorige ({beeld.Herbeoordelingen[^1].Datum:yyyy-MM-dd}).");
        }

        return (new Herbeoordeling
        {
            HerbeoordelingId = herbeoordelingId, Datum = aanvraag.Datum, GeregistreerdOp = nu, IdempotencyKey = aanvraag.IdempotencyKey,
        }, false, null);
    }
}
