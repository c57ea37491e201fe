using System.Globalization;
using System.Text;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;
using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>
/// The request bodies' JSON Schemas, read once from the contract (openapi.yaml), and what a failed schema check tells a
/// front-office developer: the field as a path (<c>contact.email</c>, <c>kanalen[0].naam</c>), a machine code and a Dutch
/// reason. A pattern's reason is written next to it in the contract, as <c>x-fout</c>; an object may name, in
/// <c>x-niet-toegestaan</c>, why a member that does not belong there is refused.
/// </summary>
public static class Verzoekschemas
{
    private static readonly Lazy<IDictionary<string, JsonSchema>> Schemas = new(() => OpenApiDocument
        .FromJsonAsync(Encoding.UTF8.GetString(Endpoints.DiscoveryApi.OpenApiBytes.Span)).GetAwaiter().GetResult().Components.Schemas);

    public static JsonSchema Van(string naam) => Schemas.Value.TryGetValue(naam, out var schema)
        ? schema.ActualSchema
        : throw new InvalidOperationException($"Het contract (openapi.yaml) heeft geen schema {naam}.");

    /// <summary>Every problem the schema finds, one per field (the first), none inside a field that already has one.</summary>
    public static IReadOnlyList<Probleem> Controleer(JsonSchema schema, string json)
    {
        var gemeld = new List<Probleem>();
        foreach (var probleem in Plat(schema.Validate(json, SchemaType.OpenApi3)).Select(Probleem))
        {
            if (!gemeld.Any(p => Binnen(probleem.Veld, p.Veld)))
            {
                gemeld.Add(probleem);
            }
        }

        return gemeld;
    }

    /// <summary>Whether <paramref name="veld"/> is <paramref name="ouder"/> or lies inside it (<c>bron.organisatie</c> in <c>bron</c>).</summary>
    public static bool Binnen(string veld, string ouder) => veld == ouder
        || (veld.Length > ouder.Length && veld.StartsWith(ouder, StringComparison.Ordinal) && veld[ouder.Length] is '.' or '[');

    /// <summary>An array item's or a subschema's problems are reported at their own path, not as "item 1 is invalid".</summary>
    private static IEnumerable<ValidationError> Plat(IEnumerable<ValidationError> fouten) => fouten.SelectMany(fout =>
        fout is ChildSchemaValidationError kind && kind.Errors.Count > 0 ? Plat(kind.Errors.Values.SelectMany(f => f)) : [fout]);

    public static Probleem Probleem(ValidationError fout)
    {
        var veld = Veld(fout.Path);
        var schema = fout.Schema;
        var eigen = schema?.ExtensionData?.TryGetValue("x-fout", out var tekst) == true && tekst is string s ? s.Replace("{veld}", veld, StringComparison.Ordinal) : null;
        return fout.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new Probleem(veld, "required", $"{veld} is verplicht (en niet leeg)."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new Probleem(veld, "not-allowed", NietToegestaan(veld, fout.Property, schema)),
            ValidationErrorKind.StringExpected => new Probleem(veld, "invalid-type", $"{veld} moet een tekst zijn."),
            ValidationErrorKind.NumberExpected => new Probleem(veld, "invalid-type", $"{veld} moet een getal zijn."),
            ValidationErrorKind.IntegerExpected => new Probleem(veld, "invalid-type", $"{veld} moet een geheel getal zijn."),
            ValidationErrorKind.BooleanExpected => new Probleem(veld, "invalid-type", $"{veld} moet true of false zijn."),
            ValidationErrorKind.ArrayExpected => new Probleem(veld, "invalid-type", $"{veld} moet een lijst zijn."),
            ValidationErrorKind.ObjectExpected => new Probleem(veld, "invalid-type", $"{veld} moet een object zijn."),
            ValidationErrorKind.StringTooLong => new Probleem(veld, "max-length", $"{veld} is hoogstens {schema?.MaxLength} tekens."),
            ValidationErrorKind.StringTooShort => new Probleem(veld, "min-length", $"{veld} is minstens {schema?.MinLength} tekens."),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall => new Probleem(veld, "out-of-range", Bereik(veld, schema)),
            ValidationErrorKind.TooManyItems => new Probleem(veld, "max-items", $"{veld} heeft hoogstens {schema?.MaxItems} {Elementen(schema?.MaxItems)}."),
            ValidationErrorKind.TooFewItems => new Probleem(veld, "min-items", $"{veld} heeft minstens {schema?.MinItems} {Elementen(schema?.MinItems)}."),
            ValidationErrorKind.NotInEnumeration => new Probleem(veld, "invalid",
                $"{veld} is één van: {string.Join(", ", schema?.Enumeration.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)) ?? [])}."),
            ValidationErrorKind.PatternMismatch => new Probleem(veld, schema?.Format == "date" ? "invalid-date" : "invalid", eigen ?? $"{veld} heeft niet de vorm {schema?.Pattern}."),
            ValidationErrorKind.DateExpected => new Probleem(veld, "invalid-date", eigen ?? $"{veld} is een datum als JJJJ-MM-DD."),
            ValidationErrorKind.UriExpected => new Probleem(veld, "invalid", $"{veld} is een absolute URL."),
            _ => new Probleem(veld, "invalid", $"{veld} voldoet niet aan het contract ({fout.Kind})."),
        };
    }

    /// <summary>NJsonSchema's path (<c>#/contact.email</c>, <c>#/kanalen[0].naam</c>) as the field the API names.</summary>
    private static string Veld(string? pad) => pad is null or "#" or "#/" ? "body" : pad.StartsWith("#/", StringComparison.Ordinal) ? pad[2..] : pad;

    private static string NietToegestaan(string veld, string? naam, JsonSchema? schema)
    {
        if (naam is not null && schema?.ExtensionData?.TryGetValue("x-niet-toegestaan", out var uitleg) == true
            && uitleg is IDictionary<string, object?> redenen && redenen.TryGetValue(naam, out var reden) && reden is string tekst)
        {
            return tekst;
        }

        return $"{veld} kan hier niet; toegestaan: {string.Join(", ", schema?.ActualProperties.Keys ?? [])}.";
    }

    public static string Bereik(string veld, JsonSchema? schema) => (schema?.Minimum, schema?.Maximum) switch
    {
        ({ } min, { } max) => $"{veld} ligt tussen {min.ToString(CultureInfo.InvariantCulture)} en {max.ToString(CultureInfo.InvariantCulture)}.",
        ({ } min, null) => $"{veld} is minstens {min.ToString(CultureInfo.InvariantCulture)}.",
        (null, { } max) => $"{veld} is hoogstens {max.ToString(CultureInfo.InvariantCulture)}.",
        _ => $"{veld} ligt buiten het toegestane bereik.",
    };

    private static string Elementen(int? aantal) => aantal == 1 ? "element" : "elementen";
}
