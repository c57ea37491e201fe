using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Trajecten.Api.Endpoints;

/// <summary>A YAML document as JSON: plain scalars become numbers, booleans and null where YAML reads them so; quoted ones stay text.</summary>
public static class YamlNaarJson
{
    private static readonly IDeserializer Lezer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    public static JsonNode Zet(string yaml) => Knoop(Lezer.Deserialize<object?>(yaml)) ?? throw new FormatException("Het YAML-document is leeg.");

    private static JsonNode? Knoop(object? waarde) => waarde switch
    {
        null => null,
        IDictionary<object, object?> map => new JsonObject(map.Select(p =>
            KeyValuePair.Create(Convert.ToString(p.Key, CultureInfo.InvariantCulture)!, Knoop(p.Value)))),
        IList<object?> lijst => new JsonArray([.. lijst.Select(Knoop)]),
        string tekst => JsonValue.Create(tekst),
        bool waar => JsonValue.Create(waar),
        int or long or short or byte or uint or ulong or ushort or sbyte => JsonValue.Create(Convert.ToInt64(waarde, CultureInfo.InvariantCulture)),
        float or double or decimal => JsonValue.Create(Convert.ToDecimal(waarde, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(Convert.ToString(waarde, CultureInfo.InvariantCulture)),
    };
}
