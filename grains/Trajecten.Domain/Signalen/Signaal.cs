using System.Text.Json.Serialization;
namespace Trajecten.Domain.Signalen;

// Enum values are persisted as numbers in grain state: append new members, never reorder.
public enum SignaalDomein
{
    Wmo,
    Jeugd,
    Schuldhulp,
}

public static class SignaalCodes
{
    public static readonly CodeLijst<SignaalDomein> Domein = new(
        (SignaalDomein.Wmo, "wmo"),
        (SignaalDomein.Jeugd, "jeugd"),
        (SignaalDomein.Schuldhulp, "schuldhulp"));

    private static readonly Dictionary<SignaalDomein, string[]> SoortenPerDomein = new()
    {
        [SignaalDomein.Wmo] = ["melding", "onderzoek", "voorziening"],
        [SignaalDomein.Jeugd] = ["melding", "jeugdhulp"],
        [SignaalDomein.Schuldhulp] = ["vroegsignalering", "aanmelding", "schuldregeling"],
    };

    public static IReadOnlyList<string> Soorten(SignaalDomein domein) => SoortenPerDomein[domein];

    public static bool IsSoort(SignaalDomein domein, string? soort) =>
        soort is not null && SoortenPerDomein[domein].Contains(soort, StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("trajecten.contactpersoon.v1")]
public sealed record Contactpersoon
{
    [Id(0), JsonPropertyName("naam")] public required string Naam { get; init; }
    [Id(1), JsonPropertyName("telefoon")] public string? Telefoon { get; init; }
    [Id(2), JsonPropertyName("email")] public string? Email { get; init; }
}

/// <summary>
/// That another domain is involved with a person: domain, kind, date, source and whom to call.
/// Per the Verwijsindex model this is what the integrated view may show; the content stays with
/// the signal register.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.signaal-melding.v1")]
public sealed record SignaalMelding
{
    [Id(0), JsonPropertyName("signaalId")] public required string SignaalId { get; init; }
    [Id(1), JsonPropertyName("domein")] public required SignaalDomein Domein { get; init; }
    [Id(2), JsonPropertyName("soort")] public required string Soort { get; init; }
    [Id(3), JsonPropertyName("datum")] public required DateOnly Datum { get; init; }
    [Id(4), JsonPropertyName("bronOrganisatie")] public required string BronOrganisatie { get; init; }
    [Id(5), JsonPropertyName("contactpersoon")] public required Contactpersoon Contactpersoon { get; init; }
    [Id(6), JsonPropertyName("ontvangenOp")] public required DateTimeOffset OntvangenOp { get; init; }
}

/// <summary>A signal as a domain system sends it (the person already resolved to a clientId).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.signaal-aanvraag.v1")]
public sealed record SignaalAanvraag
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required SignaalDomein Domein { get; init; }
    [Id(2)] public required string Soort { get; init; }
    [Id(3)] public required DateOnly Datum { get; init; }
    [Id(4)] public required string BronOrganisatie { get; init; }
    [Id(5)] public required Contactpersoon Contactpersoon { get; init; }
    [Id(6)] public string? Inhoud { get; init; }
    /// <summary>Who sent it (token subject): an Idempotency-Key is the sender's own, never shared with another sender.</summary>
    [Id(7)] public string? Afzender { get; init; }

    public string Vingerafdruk() => string.Join('|', Domein, Soort, Datum.DayNumber, BronOrganisatie,
        Contactpersoon.Naam, Contactpersoon.Telefoon, Contactpersoon.Email, Inhoud);
}
