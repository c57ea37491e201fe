using System.Reflection;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1 (landing document) and /api/v1/openapi.json (the contract, written by hand as openapi.yaml, embedded).</summary>
public static class DiscoveryApi
{
    // The contract is written by hand as openapi.yaml (design-first, one source); the ADR asks for JSON at a fixed place.
    private static readonly Lazy<byte[]> OpenApi = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Trajecten.Api.openapi.yaml")
            ?? throw new InvalidOperationException("openapi.yaml is niet ingebed.");
        using var lezer = new StreamReader(stream);
        return System.Text.Encoding.UTF8.GetBytes(YamlNaarJson.Zet(lezer.ReadToEnd()).ToJsonString());
    });

    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis, Landing).AllowAnonymous();
        app.MapGet(ApiVersie.Basis + "/openapi.json", OpenApiDocument).AllowAnonymous();
        return app;
    }

    /// <summary>The OpenAPI document, as bytes; also used by tests that compare it with the mapped endpoints.</summary>
    public static ReadOnlyMemory<byte> OpenApiBytes => OpenApi.Value;

    private static IResult Landing() => TypedResults.Ok(new
    {
        naam = "Trajecten API",
        versie = ApiVersie.Volledig,
        omschrijving = "Re-integratie- en participatietrajecten onder de Participatiewet, met het klantbeeld over Wmo, Jeugd en Schuldhulp.",
        links = new
        {
            self = new { href = ApiVersie.Basis },
            openapi = new { href = ApiVersie.Basis + "/openapi.json" },
            clienten = new { href = ApiVersie.Basis + "/clienten" },
            trajecten = new { href = ApiVersie.Basis + "/trajecten/{trajectId}", templated = true },
            werkgevers = new { href = ApiVersie.Basis + "/werkgevers/{kvkNummer}", templated = true },
            signalen = new { href = ApiVersie.Basis + "/signalen" },
        },
    });

    private static IResult OpenApiDocument(HttpResponse response)
    {
        // The ADR asks for the document to be reachable cross-origin, so API portals can read it.
        response.Headers.AccessControlAllowOrigin = "*";
        return TypedResults.Bytes(OpenApi.Value, "application/json");
    }
}
