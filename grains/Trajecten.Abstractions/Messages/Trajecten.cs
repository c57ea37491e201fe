using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

[GenerateSerializer, Immutable, Alias("trajecten.traject-aanmelding.v1")]
public sealed record TrajectAanmelding
{
    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public required TrajectSoort Soort { get; init; }
    /// <summary>The day the referral came in, when registered later; null: now.</summary>
    [Id(3)] public DateOnly? AanmeldDatum { get; init; }
    [Id(4)] public string? IdempotencyKey { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.traject-overzicht.v1")]
public sealed record TrajectOverzicht
{
    [Id(0)] public required string TrajectId { get; init; }
    [Id(1)] public required string ClientId { get; init; }
    [Id(2)] public required string Gemeente { get; init; }
    [Id(3)] public required TrajectSoort Soort { get; init; }
    [Id(4)] public required DateTimeOffset AangemeldOp { get; init; }
    /// <summary>The milestones that count, in volgnummer order, corrections applied; withdrawn ones are left out.</summary>
    [Id(5)] public required IReadOnlyList<Mijlpaal> Mijlpalen { get; init; }
    /// <summary>The traject's deadlines (search period, reassessment, aftercare), kept by reminders.</summary>
    [Id(6)] public IReadOnlyList<Termijn> Termijnen { get; init; } = [];
    /// <summary>How many facts the traject's stream holds: a consumer that saw a higher number has nothing to learn here.</summary>
    [Id(7)] public int Versie { get; init; }
    /// <summary>The corrections and withdrawals, in the order recorded (the history).</summary>
    [Id(8)] public IReadOnlyList<MijlpaalCorrectie> Correcties { get; init; } = [];
    /// <summary>The outcomes of the aftercare checks after uitstroom.</summary>
    [Id(9)] public IReadOnlyList<NazorgUitkomst> Nazorg { get; init; } = [];
    /// <summary>Every milestone recorded, withdrawn ones included, as recorded (before corrections).</summary>
    [Id(10)] public IReadOnlyList<Mijlpaal> Geregistreerd { get; init; } = [];
    /// <summary>The periodic reassessments recorded, in order.</summary>
    [Id(11)] public IReadOnlyList<Herbeoordeling> Herbeoordelingen { get; init; } = [];

    public TrajectFase Fase => TrajectRegels.Fase(Mijlpalen);
    public Doelgroep? Doelgroep => TrajectRegels.HuidigeDoelgroep(Mijlpalen);
}

[GenerateSerializer, Immutable, Alias("trajecten.traject-aanmelding-uitkomst.v1")]
public sealed record TrajectAanmeldingUitkomst
{
    /// <summary>Null only when <see cref="Geweigerd"/> is set.</summary>
    [Id(0)] public TrajectOverzicht? Traject { get; init; }
    /// <summary>False when the idempotency key was seen before: <see cref="Traject"/> is the one opened then.</summary>
    [Id(1)] public required bool Nieuw { get; init; }
    /// <summary>Set when the client already has an open traject of this soort: that one, and nothing was opened (409).</summary>
    [Id(2)] public bool AlOpen { get; init; }
    /// <summary>Why nothing was opened when a bound (<c>Grenzen:TrajectenPerClient</c>) was reached (409).</summary>
    [Id(3)] public string? Geweigerd { get; init; }
}

/// <summary>How recording a nazorg outcome or a reassessment went.</summary>
public enum VastleggingStatus
{
    Geregistreerd,
    Herhaald,
    Geweigerd,
    Onbekend,
}

[GenerateSerializer, Immutable, Alias("trajecten.nazorg-antwoord.v1")]
public sealed record NazorgAntwoord
{
    [Id(0)] public required VastleggingStatus Status { get; init; }
    [Id(1)] public NazorgUitkomst? Nazorg { get; init; }
    [Id(2)] public string? Reden { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.herbeoordeling-antwoord.v1")]
public sealed record HerbeoordelingAntwoord
{
    [Id(0)] public required VastleggingStatus Status { get; init; }
    [Id(1)] public Herbeoordeling? Herbeoordeling { get; init; }
    [Id(2)] public string? Reden { get; init; }
}
