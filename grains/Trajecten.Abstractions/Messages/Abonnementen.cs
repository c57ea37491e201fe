using Trajecten.Abstractions.Publicatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Messages;

/// <summary>A webhook subscription as a back-office system asks for it (VNG Notificaties style).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.abonnement-gegevens.v1")]
public sealed record AbonnementGegevens
{
    [Id(0)] public required string Eigenaar { get; init; }
    [Id(1)] public required string CallbackUrl { get; init; }
    /// <summary>The literal Authorization header value sent to the callback.</summary>
    [Id(2)] public string? Auth { get; init; }
    [Id(3)] public string? Gemeente { get; init; }
    [Id(4)] public MijlpaalSoort? Soort { get; init; }
    /// <summary>The signing secret (<c>whsec_…</c>): shown to the owner once, at creation; never logged.</summary>
    [Id(5)] public string? Geheim { get; init; }
    /// <summary>The address the subscription was made through: the base of the absolute links in its notifications.</summary>
    [Id(6)] public string? BasisUrl { get; init; }
    /// <summary>
    /// The types delivered (stored as numbers: <see cref="GebeurtenisType"/> only grows at the end). Null for a subscription
    /// made before subscriptions named their types: it keeps receiving milestones only.
    /// </summary>
    [Id(7)] public IReadOnlyList<GebeurtenisType>? Typen { get; init; }

    /// <summary>What this subscription delivers.</summary>
    public GebeurtenisFilter Filter => new(Gemeente is null ? null : [Gemeente], Soort is { } s ? [s] : null, Typen ?? GebeurtenisTypen.WebhookZonderTypen);
}

[GenerateSerializer, Immutable, Alias("trajecten.abonnement-stand.v1")]
public sealed record AbonnementStand
{
    [Id(0)] public required string AbonnementId { get; init; }
    [Id(1)] public required AbonnementGegevens Gegevens { get; init; }
    /// <summary>The position of the last fact delivered.</summary>
    [Id(2)] public required long Cursor { get; init; }
    [Id(3)] public required bool Falend { get; init; }
    [Id(4)] public required int OpeenvolgendeFouten { get; init; }
    [Id(5)] public string? LaatsteFout { get; init; }
    [Id(6)] public DateTimeOffset? LaatsteAflevering { get; init; }
    [Id(7)] public required DateTimeOffset AangemaaktOp { get; init; }
    /// <summary>When the next delivery is attempted after a failure (null: as soon as there is something to deliver).</summary>
    [Id(8)] public DateTimeOffset? VolgendePoging { get; init; }
    /// <summary>Set when the receiver answered 410 Gone: the subscription delivers nothing more.</summary>
    [Id(9)] public DateTimeOffset? BeeindigdOp { get; init; }
}
