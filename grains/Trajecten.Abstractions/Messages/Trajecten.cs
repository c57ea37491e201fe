using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

[GenerateSerializer, Immutable, Alias("trajecten.traject-aanmelding.v1")]
public sealed record TrajectAanmelding
{
    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Gemeente { get; init; }
    [Id(2)] public required TrajectSoort Soort { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.traject-overzicht.v1")]
public sealed record TrajectOverzicht
{
    [Id(0)] public required string TrajectId { get; init; }
    [Id(1)] public required string ClientId { get; init; }
    [Id(2)] public required string Gemeente { get; init; }
    [Id(3)] public required TrajectSoort Soort { get; init; }
    [Id(4)] public required DateTimeOffset AangemeldOp { get; init; }
    [Id(5)] public required IReadOnlyList<Mijlpaal> Mijlpalen { get; init; }
    /// <summary>The traject's deadlines (search period, reassessment, aftercare), kept by reminders.</summary>
    [Id(6)] public IReadOnlyList<Termijn> Termijnen { get; init; } = [];

    public TrajectFase Fase => TrajectRegels.Fase(Mijlpalen);
    public Doelgroep? Doelgroep => TrajectRegels.HuidigeDoelgroep(Mijlpalen);
}

/// <summary>
/// Published on <see cref="StreamNames.TrajectGebeurtenissen"/> after the fact is stored: a traject was
/// opened, recorded a milestone (<see cref="Mijlpaal"/>), or a deadline fell due; it carries the deadlines as they now are.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.traject-gebeurtenis.v1")]
public sealed record TrajectGebeurtenis
{
    [Id(0)] public required string TrajectId { get; init; }
    [Id(1)] public required string ClientId { get; init; }
    [Id(2)] public required string Gemeente { get; init; }
    [Id(3)] public required TrajectSoort Soort { get; init; }
    [Id(4)] public required DateTimeOffset AangemeldOp { get; init; }
    [Id(5)] public Mijlpaal? Mijlpaal { get; init; }
    /// <summary>The deadlines after this event; null when a relay re-published the fact from the log and does not know them.</summary>
    [Id(6)] public IReadOnlyList<Termijn>? Termijnen { get; init; } = [];
    /// <summary>How many milestones the traject has after this event, so a consumer can see what it missed.</summary>
    [Id(7)] public int AantalMijlpalen { get; init; }
}

[GenerateSerializer, Immutable, Alias("trajecten.traject-aanmelding-uitkomst.v1")]
public sealed record TrajectAanmeldingUitkomst
{
    [Id(0)] public required TrajectOverzicht Traject { get; init; }
    /// <summary>False when the idempotency key was seen before: <see cref="Traject"/> is the one opened then.</summary>
    [Id(1)] public required bool Nieuw { get; init; }
}
