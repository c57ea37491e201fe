using Trajecten.Domain.Identificatie;

namespace Trajecten.Abstractions.Messages;

[GenerateSerializer, Immutable, Alias("trajecten.client-registratie.v1")]
public sealed record ClientRegistratie
{
    [Id(0)] public required Bsn Bsn { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public string? Naam { get; init; }
    [Id(3)] public DateOnly? Geboortedatum { get; init; }
    [Id(4)] public string? Klantmanager { get; init; }
}

/// <summary>A client's profile as the API shows it. Deliberately without the BSN.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.client-profiel.v1")]
public sealed record ClientProfiel
{
    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public string? Naam { get; init; }
    [Id(3)] public DateOnly? Geboortedatum { get; init; }
    [Id(4)] public string? Klantmanager { get; init; }
    [Id(5)] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(6)] public IReadOnlyList<string> TrajectIds { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("trajecten.client-registratie-uitkomst.v1")]
public sealed record ClientRegistratieUitkomst
{
    [Id(0)] public required ClientProfiel Profiel { get; init; }
    /// <summary>False when the BSN was registered before: the existing client is returned unchanged.</summary>
    [Id(1)] public required bool Nieuw { get; init; }
}
