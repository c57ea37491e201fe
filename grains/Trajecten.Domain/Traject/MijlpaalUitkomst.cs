namespace Trajecten.Domain.Traject;

public enum MijlpaalStatus
{
    /// <summary>A new milestone was recorded.</summary>
    Geregistreerd,
    /// <summary>The same idempotency key with the same content: the milestone recorded earlier.</summary>
    Herhaald,
    /// <summary>The details are invalid (400).</summary>
    Ongeldig,
    /// <summary>The state machine refuses it, or the key was used for different content (409).</summary>
    Geweigerd,
    /// <summary>The traject does not exist (404).</summary>
    Onbekend,
}

/// <summary>What became of a milestone request.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.mijlpaal-uitkomst.v1")]
public sealed record MijlpaalUitkomst
{
    [Id(0)] public required MijlpaalStatus Status { get; init; }
    [Id(1)] public Mijlpaal? Mijlpaal { get; init; }
    [Id(2)] public string? Reden { get; init; }
    [Id(3)] public IReadOnlyList<Probleem> Problemen { get; init; } = [];

    public static MijlpaalUitkomst Geregistreerd(Mijlpaal m) => new() { Status = MijlpaalStatus.Geregistreerd, Mijlpaal = m };
    public static MijlpaalUitkomst Herhaald(Mijlpaal m) => new() { Status = MijlpaalStatus.Herhaald, Mijlpaal = m };
    public static MijlpaalUitkomst Geweigerd(string reden) => new() { Status = MijlpaalStatus.Geweigerd, Reden = reden };
    public static MijlpaalUitkomst Onbekend() => new() { Status = MijlpaalStatus.Onbekend, Reden = "Dit traject bestaat niet." };

    public static MijlpaalUitkomst Ongeldig(IReadOnlyList<Probleem> problemen) => new()
    {
        Status = MijlpaalStatus.Ongeldig,
        Reden = string.Join(" ", problemen.Select(p => p.Reden)),
        Problemen = problemen,
    };
}

/// <summary>
/// Decides what a milestone request means for a traject, given the milestones it already has.
/// Pure: the grain loads, asks this, persists and publishes.
/// </summary>
public static class TrajectBesluit
{
    /// <param name="bestaande">Every milestone recorded, withdrawn ones included: they keep their key and volgnummer.</param>
    /// <param name="aanvraag">The request.</param>
    /// <param name="nieuwMijlpaalId">The id a new milestone gets.</param>
    /// <param name="nu">The moment of recording.</param>
    /// <param name="geldig">The milestones that count, corrections applied (<see cref="TrajectBeeld"/>); by default <paramref name="bestaande"/>.</param>
    public static MijlpaalUitkomst Beslis(
        IReadOnlyList<Mijlpaal> bestaande,
        MijlpaalAanvraag aanvraag,
        string nieuwMijlpaalId,
        DateTimeOffset nu,
        IReadOnlyList<Mijlpaal>? geldig = null)
    {
        geldig ??= bestaande;
        var eerder = bestaande.FirstOrDefault(m => m.IdempotencyKey == aanvraag.IdempotencyKey);
        if (eerder is not null)
        {
            return MijlpaalAanvraag.Vingerafdruk(eerder) == aanvraag.Vingerafdruk()
                ? MijlpaalUitkomst.Herhaald(eerder)
                : MijlpaalUitkomst.Geweigerd(
                    $"De Idempotency-Key is al gebruikt voor een andere mijlpaal ({eerder.MijlpaalId}, volgnummer {eerder.Volgnummer}).");
        }

        var problemen = MijlpaalInvoer.Valideer(aanvraag.Soort, aanvraag.Datum, aanvraag.Details, DateOnly.FromDateTime(nu.UtcDateTime));
        if (problemen.Count > 0)
        {
            return MijlpaalUitkomst.Ongeldig(problemen);
        }

        var weigering = TrajectRegels.Weigering(TrajectRegels.Fase(geldig), aanvraag.Soort);
        if (weigering is not null)
        {
            return MijlpaalUitkomst.Geweigerd(weigering);
        }

        if (geldig.Count > 0 && aanvraag.Datum < geldig[^1].Datum)
        {
            return MijlpaalUitkomst.Geweigerd(
                $"De datum {aanvraag.Datum:yyyy-MM-dd} ligt vóór de vorige mijlpaal ({geldig[^1].Datum:yyyy-MM-dd}).");
        }

        var details = aanvraag.Details;
        if (aanvraag.Soort == MijlpaalSoort.Diagnose)
        {
            details = details with
            {
                Doelgroep = details.Zorg == true
                    ? Traject.Doelgroep.Zorg
                    : TrajectRegels.DoelgroepBijLoonwaarde(details.Loonwaarde!.Value),
            };
        }

        return MijlpaalUitkomst.Geregistreerd(new Mijlpaal
        {
            MijlpaalId = nieuwMijlpaalId,
            Volgnummer = bestaande.Count + 1,
            Soort = aanvraag.Soort,
            Datum = aanvraag.Datum,
            Details = details,
            GeregistreerdOp = nu,
            IdempotencyKey = aanvraag.IdempotencyKey,
        });
    }
}
