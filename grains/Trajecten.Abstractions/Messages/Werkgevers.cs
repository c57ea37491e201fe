namespace Trajecten.Abstractions.Messages;

[GenerateSerializer, Immutable, Alias("trajecten.werkgever-gegevens.v1")]
public sealed record WerkgeverGegevens
{
    [Id(0)] public required string KvkNummer { get; init; }
    [Id(1)] public required string Naam { get; init; }
    [Id(2)] public required string Gemeente { get; init; }
    [Id(3)] public string? Sector { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.vacature-aanvraag.v1")]
public sealed record VacatureAanvraag
{
    [Id(0)] public required string Titel { get; init; }
    [Id(1)] public required int Aantal { get; init; }
    [Id(2)] public string? Omschrijving { get; init; }
    [Id(3)] public int? UrenPerWeek { get; init; }
    [Id(4)] public bool Leerwerkplek { get; init; }
    [Id(5)] public DateOnly? Sluitingsdatum { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.vacature.v1")]
public sealed record Vacature
{
    [Id(0)] public required string VacatureId { get; init; }
    [Id(1)] public required VacatureAanvraag Gegevens { get; init; }
    [Id(2)] public required DateTimeOffset GeplaatstOp { get; init; }
    /// <summary>The Idempotency-Key it was placed with: a retry with the same key and content finds it instead of placing it twice.</summary>
    [Id(3)] public string? IdempotencyKey { get; init; }
}

/// <summary>How placing a vacancy went: the vacancy, and whether it is new or was placed before with the same key.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.vacature-plaatsing.v1")]
public sealed record VacaturePlaatsing
{
    [Id(0)] public required Vacature Vacature { get; init; }
    [Id(1)] public required bool Nieuw { get; init; }
    /// <summary>The key was used before for a vacancy with other content: nothing was placed (409).</summary>
    [Id(2)] public bool AnderVerzoek { get; init; }
}

/// <summary>A traject's placement with this employer (from a plaatsing or uitstroom milestone).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.plaatsing.v1")]
public sealed record Plaatsing
{
    [Id(0)] public required string TrajectId { get; init; }
    [Id(1)] public required string MijlpaalId { get; init; }
    [Id(2)] public required string Soort { get; init; }
    [Id(3)] public required DateOnly Datum { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.werkgever-overzicht.v1")]
public sealed record WerkgeverOverzicht
{
    [Id(0)] public required WerkgeverGegevens Gegevens { get; init; }
    [Id(1)] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(2)] public required DateTimeOffset GewijzigdOp { get; init; }
    [Id(3)] public required IReadOnlyList<Plaatsing> Plaatsingen { get; init; }
    [Id(4)] public required IReadOnlyList<Vacature> Vacatures { get; init; }
}
