using System.Text.Json.Serialization;

namespace Trajecten.Domain.Client;

/// <summary>The part of a client's profile that can change: naam, klantmanager and contact details.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-gegevens.v1")]
public sealed record ClientGegevens
{
    [Id(0), JsonPropertyName("naam")] public string? Naam { get; init; }
    /// <summary>The klantmanager's medewerker id: the <c>sub</c> of their token.</summary>
    [Id(1), JsonPropertyName("klantmanager")] public string? Klantmanager { get; init; }
    [Id(2), JsonPropertyName("klantmanagerNaam")] public string? KlantmanagerNaam { get; init; }
    [Id(3), JsonPropertyName("telefoon")] public string? Telefoon { get; init; }
    [Id(4), JsonPropertyName("email")] public string? Email { get; init; }
}

/// <summary>A person was registered as a client. The BSN is not in it: the clientId is a keyed hash of it.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-geregistreerd.v1")]
public sealed record ClientGeregistreerd
{
    [Id(0), JsonPropertyName("gemeente")] public required string Gemeente { get; init; }
    [Id(1), JsonPropertyName("geboortedatum")] public DateOnly? Geboortedatum { get; init; }
    [Id(2), JsonPropertyName("gegevens")] public required ClientGegevens Gegevens { get; init; }
    [Id(3), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>The changeable profile was changed; carries the whole profile after the change.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-gewijzigd.v1")]
public sealed record ClientGewijzigd
{
    [Id(0), JsonPropertyName("gegevens")] public required ClientGegevens Gegevens { get; init; }
    /// <summary>Which fields changed (API names), for the history.</summary>
    [Id(1), JsonPropertyName("velden")] public required IReadOnlyList<string> Velden { get; init; }
    [Id(2), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>The client moved to another gemeente of the region: an explicit act, with the old and the new gemeente.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-verhuisd.v1")]
public sealed record ClientVerhuisd
{
    [Id(0), JsonPropertyName("van")] public required string Van { get; init; }
    [Id(1), JsonPropertyName("naar")] public required string Naar { get; init; }
    [Id(2), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>
/// The client's personal data was destroyed (its data keys): what the file still says afterwards is pseudonymous. A fact
/// in the client's stream, so every reader learns it from the log (the caseload drops the client, grains forget).
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-vernietigd.v1")]
public sealed record ClientVernietigd
{
    /// <summary>A code of the ground (verzoek-betrokkene, bewaartermijn-verstreken, onrechtmatig-verwerkt).</summary>
    [Id(0), JsonPropertyName("grondslag")] public required string Grondslag { get; init; }
    [Id(1), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>
/// The processing of a client's data was restricted (AVG art. 18), or the restriction lifted, by the privacy officer, with
/// the reason. While restricted the client's facts are kept and the gemeente's own work goes on, but nothing about the
/// client is delivered to back offices (feed, event stream, webhooks, the gemeente stream) or offered for matching.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.verwerkingsbeperking.v1")]
public sealed record Verwerkingsbeperking
{
    public const int MaxRedenLengte = 500;

    [Id(0), JsonPropertyName("beperkt")] public required bool Beperkt { get; init; }
    [Id(1), JsonPropertyName("reden")] public required string Reden { get; init; }
    /// <summary>The privacy officer's medewerker id (token <c>sub</c>).</summary>
    [Id(2), JsonPropertyName("door")] public required string Door { get; init; }
    [Id(3), JsonPropertyName("op")] public required DateTimeOffset Op { get; init; }
}

/// <summary>A medewerker id: what a token's <c>sub</c> may look like (letters, digits, <c>. _ @ -</c>; at most 100).</summary>
public static class Medewerker
{
    public const int MaxLengte = 100;

    public const string Fout = "Een medewerker-id (de sub van het token van de klantmanager) bestaat uit letters, cijfers en . _ @ - (hoogstens 100 tekens).";

    public static bool IsGeldig(string? id) =>
        id is { Length: > 0 and <= MaxLengte } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');
}

/// <summary>
/// What a change (a JSON merge patch of the profile) does: the profile after it and the fields that really changed.
/// Null for a field in the patch means "remove".
/// </summary>
public static class ClientWijziging
{
    public static (ClientGegevens Na, IReadOnlyList<string> Velden) Pas(ClientGegevens voor, ClientPatch patch)
    {
        var na = voor;
        if (patch.Naam.Gezet) na = na with { Naam = patch.Naam.Waarde };
        if (patch.Klantmanager.Gezet) na = na with { Klantmanager = patch.Klantmanager.Waarde };
        if (patch.KlantmanagerNaam.Gezet) na = na with { KlantmanagerNaam = patch.KlantmanagerNaam.Waarde };
        if (patch.Telefoon.Gezet) na = na with { Telefoon = patch.Telefoon.Waarde };
        if (patch.Email.Gezet) na = na with { Email = patch.Email.Waarde };
        var velden = new List<string>();
        if (na.Naam != voor.Naam) velden.Add("naam");
        if (na.Klantmanager != voor.Klantmanager) velden.Add("klantmanager");
        if (na.KlantmanagerNaam != voor.KlantmanagerNaam) velden.Add("klantmanagerNaam");
        if (na.Telefoon != voor.Telefoon) velden.Add("contact.telefoon");
        if (na.Email != voor.Email) velden.Add("contact.email");
        return (na, velden);
    }
}

/// <summary>One field of a merge patch: absent (keep), or set to a value or to null (remove).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.patch-veld.v1")]
public readonly record struct PatchVeld(
    [property: Id(0)] bool Gezet,
    [property: Id(1)] string? Waarde)
{
    public static readonly PatchVeld Afwezig = new(false, null);
}

[GenerateSerializer, Immutable, Alias("trajecten.client-patch.v1")]
public sealed record ClientPatch
{
    [Id(0)] public PatchVeld Naam { get; init; }
    [Id(1)] public PatchVeld Klantmanager { get; init; }
    [Id(2)] public PatchVeld KlantmanagerNaam { get; init; }
    [Id(3)] public PatchVeld Telefoon { get; init; }
    [Id(4)] public PatchVeld Email { get; init; }
}
