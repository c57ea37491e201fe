using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>Reads a request body as one JSON object, with a size limit and clear errors for everything else.</summary>
public static class JsonInvoer
{
    private static readonly JsonDocumentOptions DocumentOpties = new() { MaxDepth = 16 };

    public static async Task<VeldLezer> LeesAsync(HttpRequest request)
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
            using var document = await JsonDocument.ParseAsync(request.Body, DocumentOpties, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw OngeldigeInvoerException.Van([new Probleem("body", "invalid", "De body moet een JSON-object zijn.")]);
            }

            return new VeldLezer(document.RootElement.Clone());
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

    private static OngeldigeInvoerException TeGroot(int max) => new(StatusCodes.Status413PayloadTooLarge, "Body te groot",
        $"De body is groter dan {max} bytes.");
}
