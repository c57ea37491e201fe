using System.Text.Json.Serialization;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

public enum SignaalStatus
{
    Ontvangen,
    Herhaald,
    /// <summary>The idempotency key was used before for a different signal (409).</summary>
    Geweigerd,
    /// <summary>The person's register holds as many signals as <c>Grenzen:SignalenPerPersoon</c> allows (409).</summary>
    Vol,
}

[GenerateSerializer, Immutable, Alias("trajecten.signaal-uitkomst.v1")]
public sealed record SignaalUitkomst
{
    [Id(0)] public required SignaalStatus Status { get; init; }
    [Id(1)] public string? SignaalId { get; init; }
    [Id(2)] public string? Reden { get; init; }
}

/// <summary>A signal as the register keeps it: the notice, its content and what makes a repeat recognisable.</summary>
[GenerateSerializer, Alias("trajecten.ontvangen-signaal.v1")]
public sealed record OntvangenSignaal
{
    [Id(0), JsonPropertyName("melding")] public required SignaalMelding Melding { get; init; }
    [Id(1), JsonPropertyName("inhoud")] public string? Inhoud { get; init; }
    [Id(2), JsonPropertyName("idempotencyKey")] public required string IdempotencyKey { get; init; }
    [Id(3), JsonPropertyName("vingerafdruk")] public required string Vingerafdruk { get; init; }
    /// <summary>The sender (token subject) the idempotency key belongs to; absent in signals stored before keys were per sender.</summary>
    [Id(4), JsonPropertyName("afzender"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Afzender { get; init; }
}

/// <summary>The integrated view of one client, assembled by the klantbeeld grain.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.klantbeeld.v1")]
public sealed record Klantbeeld
{
    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public string? Klantmanager { get; init; }
    [Id(3)] public Doelgroep? Doelgroep { get; init; }
    [Id(4)] public required IReadOnlyList<TrajectOverzicht> Trajecten { get; init; }
    [Id(5)] public required IReadOnlyList<SignaalMelding> Signalen { get; init; }
    [Id(6)] public required IReadOnlyList<Aandachtspunt> Aandachtspunten { get; init; }
    [Id(7)] public required DateTimeOffset BijgewerktOp { get; init; }
    [Id(8)] public string? Naam { get; init; }
    [Id(9)] public DateOnly? Geboortedatum { get; init; }
    [Id(10)] public string? KlantmanagerNaam { get; init; }
}
