namespace Trajecten.Abstractions.Privacy;

/// <summary>
/// The personal data asked for was destroyed (its data key no longer exists): the API answers 410 Gone. Carries only the
/// pseudonymous client id and the moment, never a value.
/// </summary>
[GenerateSerializer, Alias("trajecten.persoonsgegevens-vernietigd.v1")]
public sealed class PersoonsgegevensVernietigdException : Exception
{
    public PersoonsgegevensVernietigdException(string clientId, DateTimeOffset? op)
        : base($"De persoonsgegevens van {clientId} zijn vernietigd{(op is { } t ? " op " + t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}.")
        => (ClientId, Op) = (clientId, op);

    [Id(0)] public string ClientId { get; }
    [Id(1)] public DateTimeOffset? Op { get; }
}

/// <summary>
/// Grain state that holds personal data: stored encrypted with the data key <see cref="Sleutel"/> (a client's id). Null
/// means the state holds none (e.g. after destruction) and is stored as it is.
/// </summary>
public interface IPersoonlijkeStaat
{
    string? Sleutel { get; }
}

/// <summary>
/// The non-personal record that personal data was destroyed, kept as archives must: whose (pseudonymous id), which keys,
/// on what ground, asked and confirmed by whom, when.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.vernietiging.v1")]
public sealed record Vernietiging
{
    [Id(0)] public required string ClientId { get; init; }
    /// <summary>Null: every key of the client (the whole file); otherwise one signal's key.</summary>
    [Id(1)] public string? SleutelId { get; init; }
    [Id(2)] public required string Grondslag { get; init; }
    [Id(3)] public required string AangevraagdDoor { get; init; }
    [Id(4)] public required string BevestigdDoor { get; init; }
    [Id(5)] public required DateTimeOffset Op { get; init; }
    [Id(6)] public int Sleutels { get; init; }
}

/// <summary>
/// The grounds on which personal data is destroyed, as codes (the record keeps the code, never free text): the person's
/// request (AVG art. 17), the end of the retention period (Archiefwet, selectielijst), unlawful processing (AVG art. 17 lid 1 d).
/// </summary>
public static class Vernietigingsgronden
{
    public const string VerzoekBetrokkene = "verzoek-betrokkene";
    public const string BewaartermijnVerstreken = "bewaartermijn-verstreken";
    public const string OnrechtmatigVerwerkt = "onrechtmatig-verwerkt";

    public static readonly IReadOnlyList<string> Alle = [VerzoekBetrokkene, BewaartermijnVerstreken, OnrechtmatigVerwerkt];
}

/// <summary>A request to destroy a person's data, waiting for its confirmation.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.vernietigingsverzoek.v1")]
public sealed record Vernietigingsverzoek
{
    /// <summary>How long a request waits for its confirmation.</summary>
    public static readonly TimeSpan Geldigheid = TimeSpan.FromMinutes(15);

    [Id(0)] public required string ClientId { get; init; }
    [Id(1)] public required string Grondslag { get; init; }
    [Id(2)] public required string AangevraagdDoor { get; init; }
    [Id(3)] public required DateTimeOffset AangevraagdOp { get; init; }
    [Id(4)] public required DateTimeOffset VerlooptOp { get; init; }
    /// <summary>What the confirmation must repeat; only the answer to the request shows it.</summary>
    [Id(5)] public string? Bevestigingscode { get; init; }
}

public enum VernietigingStatus { Vernietigd, GeenVerzoek, Verlopen, CodeOnjuist }

[GenerateSerializer, Immutable, Alias("trajecten.vernietiging-uitkomst.v1")]
public sealed record VernietigingUitkomst
{
    [Id(0)] public required VernietigingStatus Status { get; init; }
    [Id(1)] public Vernietiging? Vernietiging { get; init; }
}

/// <summary>What the next retention round would destroy (a dry run): the rules, the day, the records, the access-log limit.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.bewaarlijst.v1")]
public sealed record Bewaarlijst
{
    [Id(0)] public required DateOnly Peildatum { get; init; }
    /// <summary>The day of the last complete round: records whose retention ended on or before it were handled then.</summary>
    [Id(1)] public DateOnly? VorigeRonde { get; init; }
    [Id(2)] public required IReadOnlyList<Domain.Privacy.Bewaarregel> Regels { get; init; }
    [Id(3)] public required IReadOnlyList<Domain.Privacy.Verlopen> Verlopen { get; init; }
    [Id(4)] public required DateTimeOffset VerwerkingenGrens { get; init; }
    [Id(5)] public required long VerwerkingenVerlopen { get; init; }
}

/// <summary>What a retention round destroyed; <see cref="Fouten"/> names what failed (the next round tries again).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.bewaarronde.v1")]
public sealed record Bewaarronde
{
    [Id(0)] public required DateOnly Peildatum { get; init; }
    [Id(1)] public required int Dossiers { get; init; }
    [Id(2)] public required int Signalen { get; init; }
    [Id(3)] public required long Verwerkingen { get; init; }
    [Id(4)] public required IReadOnlyList<string> Fouten { get; init; }
}
