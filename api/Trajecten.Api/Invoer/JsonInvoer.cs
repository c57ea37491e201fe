using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NJsonSchema;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Invoer;

/// <summary>
/// Reads a request body: one JSON object within the size limit, checked against the request schema of the contract that
/// has the record's name (<see cref="Verzoek"/>), and bound with System.Text.Json. Every problem is collected, so a 400
/// lists them all.
/// <para>
/// Before the schema check, text is made plain: every string is trimmed; a blank string or a null counts as absent (in a
/// merge patch, PATCH, both mean "remove", and null for an object removes each of its members); a string with control
/// characters, invalid UTF-8 or a lone surrogate is refused.
/// </para>
/// </summary>
public static class JsonInvoer
{
    private static readonly JsonDocumentOptions DocumentOpties = new() { MaxDepth = 16 };

    private static readonly JsonSerializerOptions BindOpties = new(JsonSerializerDefaults.Web)
    {
        Converters = { new PatchVeldConverter() },
    };

    public static async Task<Invoer<T>> LeesAsync<T>(HttpRequest request) where T : class
    {
        using var document = await ParseAsync(request);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw OngeldigeInvoerException.Van([new Probleem("body", "invalid", "De body moet een JSON-object zijn.")]);
        }

        return Bind<T>(document.RootElement, samenvoegen: HttpMethods.IsPatch(request.Method));
    }

    /// <summary>
    /// The BSN a body names in its <c>bsn</c> member, if it is one; never an error (for a request that is refused anyway,
    /// to record whom it was about).
    /// </summary>
    public static async Task<Bsn?> BsnAsync(HttpRequest request)
    {
        try
        {
            using var document = await ParseAsync(request);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("bsn", out var waarde) && waarde.ValueKind == JsonValueKind.String
                && LeesTekst(waarde.GetString, out var tekst) && Bsn.TryParse(tekst, out var bsn, out _)
                    ? bsn
                    : null;
        }
        catch (OngeldigeInvoerException)
        {
            return null;
        }
    }

    /// <summary>Checks and binds a parsed body; <paramref name="samenvoegen"/> reads it as a JSON merge patch.</summary>
    public static Invoer<T> Bind<T>(JsonElement body, bool samenvoegen) where T : class
    {
        var schema = Verzoekschemas.Van(typeof(T).Name);
        var problemen = new List<Probleem>();
        var knoop = (JsonObject)Normaliseer(body, "", samenvoegen, schema, problemen)!;
        problemen.AddRange(Verzoekschemas.Controleer(schema, knoop.ToJsonString()).Where(p => !problemen.Any(q => Verzoekschemas.Binnen(p.Veld, q.Veld))));
        foreach (var probleem in problemen)
        {
            Verwijder(knoop, probleem.Veld);
        }

        return new Invoer<T>(Bind<T>(knoop, problemen), problemen, [.. schema.ActualProperties.Keys]);
    }

    private static async Task<JsonDocument> ParseAsync(HttpRequest request)
    {
        var max = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOpties>>().Value.MaxBodyBytes;
        if (!request.HasJsonContentType())
        {
            throw new OngeldigeInvoerException(StatusCodes.Status415UnsupportedMediaType, "Niet-ondersteund mediatype",
                "Stuur de body als JSON met Content-Type: application/json.");
        }

        if (request.ContentLength > max)
        {
            throw TeGroot(max);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limiet)
        {
            limiet.MaxRequestBodySize = max;
        }

        try
        {
            return await JsonDocument.ParseAsync(request.Body, DocumentOpties, request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TeGroot(max);
        }
        catch (JsonException ex)
        {
            var waar = ex.LineNumber is { } regel ? $" (regel {regel + 1}, positie {ex.BytePositionInLine + 1})" : "";
            throw OngeldigeInvoerException.Van([new Probleem("body", "invalid-json", $"De body is geen geldige JSON{waar}.")]);
        }
    }

    /// <summary>The body as plain text for the schema (see the class summary); what cannot be read as text is reported and left out.</summary>
    private static JsonNode? Normaliseer(JsonElement element, string pad, bool samenvoegen, JsonSchema? schema, List<Probleem> problemen)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var uit = new JsonObject();
                foreach (var veld in element.EnumerateObject())
                {
                    if (!LeesTekst(() => veld.Name, out var naam))
                    {
                        problemen.Add(OngeldigeTekst(pad.Length == 0 ? "body" : pad));
                        continue;
                    }

                    var veldpad = pad.Length == 0 ? naam : $"{pad}.{naam}";
                    var veldschema = schema?.ActualProperties.TryGetValue(naam, out var s) == true ? s.ActualSchema : null;
                    var waarde = Normaliseer(veld.Value, veldpad, samenvoegen, veldschema, problemen);
                    if (waarde is not null)
                    {
                        uit[naam] = waarde;
                    }
                    else if (samenvoegen && !problemen.Any(p => p.Veld == veldpad))
                    {
                        // Merge patch: null (or blank) removes the member; for an object, each of its members.
                        uit[naam] = veldschema is { ActualProperties.Count: > 0 }
                            ? new JsonObject(veldschema.ActualProperties.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)null)))
                            : null;
                    }
                }

                return uit;
            case JsonValueKind.Array:
                var lijst = new JsonArray();
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itempad = $"{pad}[{i++}]";
                    var waarde = item.ValueKind == JsonValueKind.Null ? null : Normaliseer(item, itempad, samenvoegen, schema?.Item?.ActualSchema, problemen);
                    if (waarde is null && item.ValueKind == JsonValueKind.String && !problemen.Any(p => p.Veld == itempad))
                    {
                        waarde = JsonValue.Create(""); // a blank item stays, so the schema names it; it is never silently dropped
                    }

                    lijst.Add(waarde);
                }

                return lijst;
            case JsonValueKind.String:
                if (!LeesTekst(element.GetString, out var tekst))
                {
                    problemen.Add(OngeldigeTekst(pad));
                    return null;
                }

                tekst = tekst.Trim();
                if (tekst.Any(char.IsControl))
                {
                    problemen.Add(new Probleem(pad, "invalid", $"{pad} bevat stuurtekens."));
                    return null;
                }

                return tekst.Length == 0 ? null : JsonValue.Create(tekst);
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when !element.TryGetInt64(out _):
                // Beyond a 64-bit integer a number travels as a double, or, beyond that, is refused: no reader after this
                // one meets a number it cannot hold.
                if (schema is not null && !schema.Type.HasFlag(JsonObjectType.Number) && !schema.Type.HasFlag(JsonObjectType.Integer))
                {
                    return JsonValue.Create(0); // not a number field: the schema names the wrong type
                }

                if (!element.TryGetDouble(out var getal) || !double.IsFinite(getal))
                {
                    problemen.Add(new Probleem(pad, "out-of-range", schema is { Minimum: not null } or { Maximum: not null }
                        ? Verzoekschemas.Bereik(pad, schema)
                        : $"{pad} is een getal buiten elk bereik."));
                    return null;
                }

                return JsonValue.Create(getal);
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>
    /// The parser accepts invalid UTF-8 inside a string and escaped lone surrogates (<c>"\ud800"</c>), which only fail
    /// when read.
    /// </summary>
    private static bool LeesTekst(Func<string?> lees, out string tekst)
    {
        try
        {
            tekst = lees() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            tekst = "";
            return false;
        }
    }

    private static Probleem OngeldigeTekst(string pad) =>
        new(pad, "invalid-text", "Geen geldige tekst: ongeldige UTF-8 of een losse surrogaat (\\uD800–\\uDFFF).");

    /// <summary>
    /// Takes a field with a problem out of the body before binding: a member, also inside an array's object
    /// (<c>kanalen[0].naam</c>); an array item itself takes its whole array, because a list with an item left out would
    /// bind as a different list.
    /// </summary>
    private static void Verwijder(JsonObject body, string veld)
    {
        JsonNode? ouder = body;
        var delen = System.Text.RegularExpressions.Regex.Matches(veld, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToArray();
        for (var i = 0; i < delen.Length; i++)
        {
            var laatste = i == delen.Length - 1;
            var volgendeIsItem = !laatste && delen[i + 1].StartsWith('[');
            if (ouder is JsonObject o && !delen[i].StartsWith('['))
            {
                if (laatste || (volgendeIsItem && i + 1 == delen.Length - 1))
                {
                    o.Remove(delen[i]);
                    return;
                }

                ouder = o[delen[i]];
            }
            else if (ouder is JsonArray a && int.TryParse(delen[i].AsSpan(1, delen[i].Length - 2), out var index) && index < a.Count)
            {
                ouder = a[index];
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>
    /// Binds the checked body. The schema and the records agree (a test holds them to it); should they not, the field
    /// that does not bind is reported and left out rather than failing the request.
    /// </summary>
    private static T Bind<T>(JsonObject knoop, List<Probleem> problemen)
    {
        for (var poging = 0; ; poging++)
        {
            try
            {
                return knoop.Deserialize<T>(BindOpties)!;
            }
            catch (JsonException ex) when (poging < 10 && ex.Path is { Length: > 2 } pad)
            {
                var veld = pad[2..];
                problemen.Add(new Probleem(veld, "invalid-type", $"{veld} heeft niet het type dat het contract noemt."));
                Verwijder(knoop, veld);
            }
        }
    }

    private static OngeldigeInvoerException TeGroot(int max) => new(StatusCodes.Status413PayloadTooLarge, "Body te groot",
        $"De body is groter dan {max} bytes.");

    /// <summary>A merge-patch member: absent keeps the value (the record's default), null removes it, a text sets it.</summary>
    private sealed class PatchVeldConverter : JsonConverter<PatchVeld>
    {
        public override bool HandleNull => true;

        public override PatchVeld Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(true, reader.TokenType == JsonTokenType.Null ? null : reader.GetString());

        public override void Write(Utf8JsonWriter writer, PatchVeld value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Een PatchVeld wordt alleen gelezen.");
    }
}
