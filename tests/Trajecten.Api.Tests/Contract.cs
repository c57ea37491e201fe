using NSwag;

namespace Trajecten.Api.Tests;

/// <summary>
/// The contract as the tests hold the API to it. Every response a test receives through <see cref="HttpExtensions.StuurAsync"/>
/// is checked against what openapi.yaml documents for its operation: the status must be documented, and a JSON body must
/// match the schema of that status and media type (NSwag reads the OpenAPI 3.0 document, NJsonSchema validates).
/// Requests outside the documented paths (an unknown path, a trailing slash) are what the 404 tests are for and are not
/// checked here.
/// </summary>
public static class Contract
{
    private static readonly Lazy<OpenApiDocument> Gelezen = new(() =>
        OpenApiDocument.FromJsonAsync(System.Text.Encoding.UTF8.GetString(Endpoints.DiscoveryApi.OpenApiBytes.Span)).GetAwaiter().GetResult());

    public static OpenApiDocument Document => Gelezen.Value;

    public static void Controleer(HttpMethod methode, string pad, Antwoord antwoord)
    {
        var pathItem = Zoek(pad, out var sjabloon);
        if (pathItem is null || !pathItem.TryGetValue(methode.Method.ToLowerInvariant(), out var operatie))
        {
            return;
        }

        var status = ((int)antwoord.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var naam = $"{methode.Method} {sjabloon} {status}";
        if (!operatie.ActualResponses.TryGetValue(status, out var respons) && !operatie.ActualResponses.TryGetValue("default", out respons))
        {
            Assert.Fail($"{naam}: deze status staat niet in het contract (wel: {string.Join(", ", operatie.ActualResponses.Keys)}).");
        }

        var inhoud = respons!.ActualResponse.Content;
        if (antwoord.Tekst.Length == 0 || inhoud.Count == 0)
        {
            return;
        }

        var mediaType = antwoord.ContentType ?? "";
        if (!inhoud.TryGetValue(mediaType, out var soort))
        {
            Assert.Fail($"{naam}: het contract noemt {string.Join(", ", inhoud.Keys)}, het antwoord is {mediaType}.");
        }

        if (antwoord.Json is null || soort!.Schema is null)
        {
            return; // CSV, an event stream: their shape is tested where they are produced
        }

        var fouten = soort.Schema.ActualSchema.Validate(antwoord.Tekst);
        Assert.True(fouten.Count == 0,
            $"{naam}: het antwoord wijkt af van het schema: {string.Join("; ", fouten.Take(3).Select(Beschrijf))}\n{antwoord.Tekst[..Math.Min(600, antwoord.Tekst.Length)]}");
    }

    /// <summary>A validation error with the errors of its sub-schemas (oneOf, items), so a failure says which member is off.</summary>
    private static string Beschrijf(NJsonSchema.Validation.ValidationError fout) => fout switch
    {
        NJsonSchema.Validation.MultiTypeValidationError meer => $"{fout.Path} {fout.Kind} ({string.Join(" | ", meer.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value.Take(3).Select(Beschrijf))}"))})",
        NJsonSchema.Validation.ChildSchemaValidationError kind => $"{fout.Path} {fout.Kind} ({string.Join(" | ", kind.Errors.Select(e => string.Join(", ", e.Value.Take(3).Select(Beschrijf))))})",
        _ => $"{fout.Path} {fout.Kind}",
    };

    private static OpenApiPathItem? Zoek(string pad, out string sjabloon)
    {
        sjabloon = "";
        var zonderQuery = pad.Split('?')[0];
        if (!zonderQuery.StartsWith(ApiVersie.Basis, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = zonderQuery[ApiVersie.Basis.Length..];
        var delen = (rest.Length == 0 ? "/" : rest).Split('/');
        foreach (var (kandidaat, item) in Document.Paths)
        {
            var sjabloonDelen = kandidaat.Split('/');
            if (sjabloonDelen.Length == delen.Length
                && sjabloonDelen.Zip(delen).All(p => p.First.StartsWith('{') ? p.Second.Length > 0 : p.First == p.Second))
            {
                sjabloon = kandidaat;
                return item;
            }
        }

        return null;
    }
}
