using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Abstractions.Messages;

[GenerateSerializer, Immutable, Alias("trajecten.client-registratie.v1")]
public sealed record ClientRegistratie
{
    [Id(0)] public required Bsn Bsn { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public string? Naam { get; init; }
    [Id(3)] public DateOnly? Geboortedatum { get; init; }
    /// <summary>The klantmanager's medewerker id (token <c>sub</c>).</summary>
    [Id(4)] public string? Klantmanager { get; init; }
    [Id(5)] public string? KlantmanagerNaam { get; init; }
    [Id(6)] public string? Telefoon { get; init; }
    [Id(7)] public string? Email { get; init; }
}

/// <summary>A client's profile as the API shows it. Deliberately without the BSN.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-profiel.v1")]
public sealed record ClientProfiel
{
    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public string? Naam { get; init; }
    [Id(3)] public DateOnly? Geboortedatum { get; init; }
    /// <summary>The klantmanager's medewerker id.</summary>
    [Id(4)] public string? Klantmanager { get; init; }
    [Id(5)] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(6)] public IReadOnlyList<string> TrajectIds { get; init; } = [];
    /// <summary>How many facts the client's stream holds: the version a conditional change (If-Match) names.</summary>
    [Id(7)] public int Versie { get; init; }
    [Id(8)] public string? KlantmanagerNaam { get; init; }
    [Id(9)] public string? Telefoon { get; init; }
    [Id(10)] public string? Email { get; init; }
    /// <summary>The restriction of processing (AVG art. 18) in force, if any.</summary>
    [Id(11)] public Verwerkingsbeperking? Beperking { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.client-registratie-uitkomst.v1")]
public sealed record ClientRegistratieUitkomst
{
    [Id(0)] public required ClientProfiel Profiel { get; init; }
    /// <summary>False when the BSN was registered before: the existing client is returned unchanged.</summary>
    [Id(1)] public required bool Nieuw { get; init; }
}

public enum WijzigStatus
{
    Gewijzigd,
    /// <summary>The change changes nothing: no fact is recorded.</summary>
    Ongewijzigd,
    /// <summary>The version the caller named is not the current one (412).</summary>
    VersieVerouderd,
    /// <summary>The change is refused (409), e.g. a move to the gemeente the client is in.</summary>
    Geweigerd,
    Onbekend,
}

[GenerateSerializer, Immutable, Alias("trajecten.client-wijzig-uitkomst.v1")]
public sealed record ClientWijzigUitkomst
{
    [Id(0)] public required WijzigStatus Status { get; init; }
    [Id(1)] public ClientProfiel? Profiel { get; init; }
    [Id(2)] public string? Reden { get; init; }
    /// <summary>The log position of the fact the change recorded (null when nothing was recorded).</summary>
    [Id(3)] public long? Positie { get; init; }
}

/// <summary>A change of the profile: a JSON merge patch of naam, klantmanager and contact.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-wijziging.v1")]
public sealed record ClientWijzigAanvraag
{
    [Id(0)] public required ClientPatch Patch { get; init; }
    [Id(1)] public required int VerwachteVersie { get; init; }
}
