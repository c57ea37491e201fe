using System.Text.Json;
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
    };

    public static IReadOnlyCollection<string> BekendeTypen => Typen.Keys;

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
