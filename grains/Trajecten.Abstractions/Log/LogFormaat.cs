using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Log;

/// <summary>
/// How facts are stored in the event log, decoupled from CLR names: each row has an event type (a Dutch code, below)
/// and a schema version; the JSON names are fixed by attributes on the records and enums are written as their Dutch
/// codes. The reader is tolerant: it ignores members it does not know, reads the C# member names that version 1 rows
/// used for enums, and returns an <see cref="OnbekendFeit"/> for a type it does not know instead of failing.
/// Golden-file tests (tests/Trajecten.Domain.Tests/Gouden) pin the stored form of every type.
/// </summary>
public static class LogFormaat
{
    /// <summary>The version new rows are written with. 1: enums as C# member names; 2: Dutch codes.</summary>
    public const int Versie = 2;

    public const string Mijlpaal = "mijlpaal";
    public const string Signaal = "signaal";
    public const string ClientGeregistreerd = "client-geregistreerd";
    public const string ClientGewijzigd = "client-gewijzigd";
    public const string ClientVerhuisd = "client-verhuisd";
    public const string TrajectGeopend = "traject-geopend";
    public const string TrajectVerhuisd = "traject-verhuisd";
    public const string TermijnVerstreken = "termijn-verstreken";
    public const string MijlpaalGecorrigeerd = "mijlpaal-gecorrigeerd";
    public const string MijlpaalIngetrokken = "mijlpaal-ingetrokken";
    public const string NazorgVastgelegd = "nazorg-vastgelegd";
    public const string HerbeoordelingVastgelegd = "herbeoordeling-vastgelegd";
    public const string VerwerkingBeperkt = "verwerking-beperkt";
    public const string BeperkingOpgeheven = "beperking-opgeheven";
    public const string ClientVernietigd = "client-vernietigd";

    private static readonly Dictionary<string, Type> Typen = new(StringComparer.Ordinal)
    {
        [Mijlpaal] = typeof(Mijlpaal),
        [Signaal] = typeof(OntvangenSignaal),
        [ClientGeregistreerd] = typeof(ClientGeregistreerd),
        [ClientGewijzigd] = typeof(ClientGewijzigd),
        [ClientVerhuisd] = typeof(ClientVerhuisd),
        [TrajectGeopend] = typeof(TrajectGeopend),
        [TrajectVerhuisd] = typeof(GemeenteWissel),
        [TermijnVerstreken] = typeof(Termijn),
        [MijlpaalGecorrigeerd] = typeof(MijlpaalCorrectie),
        [MijlpaalIngetrokken] = typeof(MijlpaalCorrectie),
        [NazorgVastgelegd] = typeof(NazorgUitkomst),
        [HerbeoordelingVastgelegd] = typeof(Herbeoordeling),
        [VerwerkingBeperkt] = typeof(Verwerkingsbeperking),
        [BeperkingOpgeheven] = typeof(Verwerkingsbeperking),
        [ClientVernietigd] = typeof(ClientVernietigd),
    };

    public static IReadOnlyCollection<string> BekendeTypen => Typen.Keys;

    /// <summary>What the stored row shows in place of an encrypted text (and what a reader sees once its key is destroyed).</summary>
    public const string Versleuteld = "[versleuteld]";

    /// <summary>
    /// The personal members of each type (JSON paths, dot-separated): names, birth dates, contact details, signal content,
    /// free-text reasons, and fingerprints made of them. They are stored apart, encrypted with the data key of
    /// <see cref="Sleutel"/>; the row keeps everything else (ids, soorten, dates of milestones, gemeenten), which is what
    /// the feed, the projections and the figures need. A text member is replaced by <see cref="Versleuteld"/> (objects:
    /// each text member), so the record still reads without its key; a path ending in <c>?</c> is left out instead (it
    /// must be nullable: a date has no placeholder).
    /// </summary>
    private static readonly Dictionary<string, string[]> Persoonlijk = new(StringComparer.Ordinal)
    {
        [ClientGeregistreerd] = ["geboortedatum?", "gegevens.naam", "gegevens.telefoon", "gegevens.email"],
        [ClientGewijzigd] = ["gegevens.naam", "gegevens.telefoon", "gegevens.email"],
        [Signaal] = ["inhoud", "melding.contactpersoon", "vingerafdruk"],
        [MijlpaalGecorrigeerd] = ["reden", "vingerafdruk"],
        [MijlpaalIngetrokken] = ["reden", "vingerafdruk"],
        [NazorgVastgelegd] = ["toelichting"],
        [VerwerkingBeperkt] = ["reden"],
        [BeperkingOpgeheven] = ["reden"],
    };

    /// <summary>The personal members of a type, as paths (see <see cref="Persoonlijk"/>).</summary>
    public static IReadOnlyList<string> PersoonlijkeVelden(string type) =>
        Persoonlijk.TryGetValue(type, out var paden) ? paden.Select(p => p.TrimEnd('?')).ToArray() : [];

    /// <summary>
    /// The data key a fact's personal members are encrypted with: the client's own, except a signal's, which has a key of
    /// its own so that one signal can be destroyed when its retention ends while the client's file stays.
    /// </summary>
    public static string Sleutel(string clientId, object gegevens) =>
        gegevens is OntvangenSignaal s ? SleutelVanSignaal(clientId, s.Melding.SignaalId) : clientId;

    public static string SleutelVanSignaal(string clientId, string signaalId) => clientId + "/" + signaalId;

    /// <summary>
    /// The stored JSON of a fact split in two: the row's JSON with the personal members replaced, and those members apart
    /// (a JSON object of path → value), or null when the fact has none.
    /// </summary>
    public static (string Json, string? Persoonlijk) SchrijfGesplitst(object gegevens)
    {
        var json = Schrijf(gegevens);
        if (gegevens is OnbekendFeit || !Persoonlijk.TryGetValue(Type(gegevens), out var paden))
        {
            return (json, null);
        }

        var feit = JsonNode.Parse(json)!.AsObject();
        var apart = new JsonObject();
        foreach (var pad in paden)
        {
            var weglaten = pad.EndsWith('?');
            var naam = pad.TrimEnd('?');
            if (Ouder(feit, naam, out var lid) is not { } ouder || ouder[lid] is not { } waarde)
            {
                continue;
            }

            apart[naam] = waarde.DeepClone();
            if (weglaten)
            {
                ouder.Remove(lid);
            }
            else
            {
                ouder[lid] = Afgeschermd(waarde);
            }
        }

        return apart.Count == 0 ? (json, null) : (feit.ToJsonString(), apart.ToJsonString());
    }

    /// <summary>The fact as a reader sees it once its key is destroyed: its personal members replaced or left out, the rest as it was.</summary>
    public static T ZonderPersoonlijk<T>(T gegevens) where T : notnull =>
        (T)Lees(Type(gegevens), Versie, SchrijfGesplitst(gegevens).Json, null);

    /// <summary>Reads a stored row whose personal members were stored apart: <paramref name="persoonlijk"/> null means they are not available (key destroyed).</summary>
    public static object Lees(string type, int versie, string json, string? persoonlijk)
    {
        if (persoonlijk is null)
        {
            return Lees(type, versie, json);
        }

        var feit = JsonNode.Parse(json)!.AsObject();
        foreach (var (pad, waarde) in JsonNode.Parse(persoonlijk)!.AsObject())
        {
            if (Ouder(feit, pad, out var lid) is { } ouder)
            {
                ouder[lid] = waarde?.DeepClone();
            }
        }

        return Lees(type, versie, feit.ToJsonString());
    }

    private static JsonObject? Ouder(JsonObject feit, string pad, out string lid)
    {
        var delen = pad.Split('.');
        lid = delen[^1];
        JsonObject? ouder = feit;
        foreach (var deel in delen[..^1])
        {
            ouder = ouder?[deel] as JsonObject;
        }

        return ouder;
    }

    private static JsonNode? Afgeschermd(JsonNode waarde) => waarde switch
    {
        JsonObject o => new JsonObject(o.Where(l => l.Value is JsonValue { } v && v.GetValueKind() == JsonValueKind.String || l.Value is JsonObject)
            .Select(l => KeyValuePair.Create(l.Key, Afgeschermd(l.Value!)))),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Versleuteld,
        _ => null,
    };

    public static readonly JsonSerializerOptions Json = Maak();

    /// <summary>The event type of a fact.</summary>
    public static string Type(object gegevens) => gegevens switch
    {
        Domain.Traject.Mijlpaal => Mijlpaal,
        OntvangenSignaal => Signaal,
        Domain.Client.ClientGeregistreerd => ClientGeregistreerd,
        Domain.Client.ClientGewijzigd => ClientGewijzigd,
        Domain.Client.ClientVerhuisd => ClientVerhuisd,
        Domain.Traject.TrajectGeopend => TrajectGeopend,
        GemeenteWissel => TrajectVerhuisd,
        Termijn => TermijnVerstreken,
        MijlpaalCorrectie { Soort: CorrectieSoort.Intrekking } => MijlpaalIngetrokken,
        MijlpaalCorrectie => MijlpaalGecorrigeerd,
        NazorgUitkomst => NazorgVastgelegd,
        Domain.Traject.Herbeoordeling => HerbeoordelingVastgelegd,
        Verwerkingsbeperking { Beperkt: true } => VerwerkingBeperkt,
        Verwerkingsbeperking => BeperkingOpgeheven,
        Domain.Client.ClientVernietigd => ClientVernietigd,
        OnbekendFeit o => o.Type,
        _ => throw new ArgumentException($"Geen feit van het log: {gegevens.GetType().Name}", nameof(gegevens)),
    };

    /// <summary>The stored JSON of a fact.</summary>
    public static string Schrijf(object gegevens) => gegevens is OnbekendFeit o ? o.Json : JsonSerializer.Serialize(gegevens, gegevens.GetType(), Json);

    /// <summary>Reads a stored row back; a type this version does not know becomes an <see cref="OnbekendFeit"/>.</summary>
    public static object Lees(string type, int versie, string json) =>
        Typen.TryGetValue(type, out var clr)
            ? JsonSerializer.Deserialize(json, clr, Json) ?? throw new JsonException($"Feit van type {type} is leeg.")
            : new OnbekendFeit(type, versie, json);

    private static JsonSerializerOptions Maak()
    {
        var opties = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters =
            {
                new CodeConverter<TrajectSoort>(TrajectCodes.Soort),
                new CodeConverter<MijlpaalSoort>(TrajectCodes.Mijlpaal),
                new CodeConverter<Doelgroep>(TrajectCodes.Doelgroep),
                new CodeConverter<UitstroomReden>(TrajectCodes.UitstroomReden),
                new CodeConverter<BeeindigingsReden>(TrajectCodes.BeeindigingsReden),
                new CodeConverter<Instrument>(TrajectCodes.Instrument),
                new CodeConverter<TermijnSoort>(TermijnRegels.Codes),
                new CodeConverter<CorrectieSoort>(TrajectCodes.Correctie),
                new CodeConverter<SignaalDomein>(SignaalCodes.Domein),
            },
        };
        opties.MakeReadOnly(populateMissingResolver: true);
        return opties;
    }

    /// <summary>An enum as its Dutch code; reads the code, or (version 1 rows) the C# member name.</summary>
    private sealed class CodeConverter<T>(CodeLijst<T> codes) : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var tekst = reader.GetString();
            if (codes.TryParse(tekst, out var waarde) || (tekst is not null && Enum.TryParse(tekst, ignoreCase: false, out waarde) && Enum.IsDefined(waarde)))
            {
                return waarde;
            }

            throw new JsonException($"'{tekst}' is geen {typeof(T).Name}: {codes.Toegestaan}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(codes.Code(value));
    }
}

/// <summary>A row of a type this version does not know (written by a newer version): kept as it is, never guessed at.</summary>
public sealed record OnbekendFeit(string Type, int Versie, string Json);
