using System.Text.Json.Serialization;
using System.Globalization;

namespace Trajecten.Domain.Traject;

/// <summary>The details a milestone carries; which ones apply depends on its soort (see <see cref="MijlpaalInvoer"/>).</summary>
[GenerateSerializer, Immutable, Alias("trajecten.mijlpaal-details.v1")]
public sealed record MijlpaalDetails
{
    public static readonly MijlpaalDetails Geen = new();

    [Id(0), JsonPropertyName("loonwaarde")] public decimal? Loonwaarde { get; init; }
    [Id(1), JsonPropertyName("zorg")] public bool? Zorg { get; init; }
    /// <summary>Set by the rules when a diagnose is recorded, so later rule changes do not rewrite history.</summary>
    [Id(2), JsonPropertyName("doelgroep")] public Doelgroep? Doelgroep { get; init; }
    /// <summary>
    /// Kept as an array in grain state (field 3, the encoding stored snapshots have), copied on the way in and shown read-only,
    /// so a caller's array changed later never changes a recorded milestone.
    /// </summary>
    [Id(3)] private readonly Instrument[]? _instrumenten;

    [JsonPropertyName("instrumenten")]
    public IReadOnlyList<Instrument>? Instrumenten
    {
        get => _instrumenten is null ? null : Array.AsReadOnly(_instrumenten);
        init => _instrumenten = value?.ToArray();
    }
    [Id(4), JsonPropertyName("locatie")] public string? Locatie { get; init; }
    [Id(5), JsonPropertyName("kvkNummer")] public string? KvkNummer { get; init; }
    [Id(6), JsonPropertyName("uitstroomReden")] public UitstroomReden? UitstroomReden { get; init; }
    [Id(7), JsonPropertyName("beeindigingsReden")] public BeeindigingsReden? BeeindigingsReden { get; init; }

    /// <summary>A canonical text of the caller-supplied details, to tell a true retry from a reused key.</summary>
    public string Vingerafdruk() => string.Join('|',
        Loonwaarde?.ToString(CultureInfo.InvariantCulture),
        Zorg,
        Instrumenten is null ? null : string.Join(',', Instrumenten),
        Locatie,
        KvkNummer,
        UitstroomReden,
        BeeindigingsReden);
}

/// <summary>A recorded milestone: a fact with a stable id and a gap-free per-traject volgnummer.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.mijlpaal.v1")]
public sealed record Mijlpaal
{
    [Id(0), JsonPropertyName("mijlpaalId")] public required string MijlpaalId { get; init; }
    [Id(1), JsonPropertyName("volgnummer")] public required int Volgnummer { get; init; }
    [Id(2), JsonPropertyName("soort")] public required MijlpaalSoort Soort { get; init; }
    [Id(3), JsonPropertyName("datum")] public required DateOnly Datum { get; init; }
    [Id(4), JsonPropertyName("details")] public required MijlpaalDetails Details { get; init; }
    [Id(5), JsonPropertyName("geregistreerdOp")] public required DateTimeOffset GeregistreerdOp { get; init; }
    [Id(6), JsonPropertyName("idempotencyKey")] public required string IdempotencyKey { get; init; }
}

/// <summary>A request to record a milestone, as a caller sends it.</summary>
[GenerateSerializer, Immutable, Alias("trajecten.mijlpaal-aanvraag.v1")]
public sealed record MijlpaalAanvraag
{
    [Id(0)] public required string IdempotencyKey { get; init; }
    [Id(1)] public required MijlpaalSoort Soort { get; init; }
    [Id(2)] public required DateOnly Datum { get; init; }
    [Id(3)] public required MijlpaalDetails Details { get; init; }

    public string Vingerafdruk() =>
        $"{Soort}|{Datum.ToString("O", CultureInfo.InvariantCulture)}|{Details.Vingerafdruk()}";

    public static string Vingerafdruk(Mijlpaal m) =>
        $"{m.Soort}|{m.Datum.ToString("O", CultureInfo.InvariantCulture)}|{(m.Details with { Doelgroep = null }).Vingerafdruk()}";
}
