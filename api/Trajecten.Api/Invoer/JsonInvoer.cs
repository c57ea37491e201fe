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

            ControleerTekst(document.RootElement, "");
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

    /// <summary>
    /// Every name and string must be text: the parser accepts invalid UTF-8 inside a string and escaped lone surrogates
    /// (<c>"\ud800"</c>), which only fail when read. Checked once here, so no endpoint meets them later.
    /// </summary>
    private static void ControleerTekst(JsonElement element, string pad)
    {
        static OngeldigeInvoerException Ongeldig(string pad) => OngeldigeInvoerException.Van(
            [new Probleem(pad.Length == 0 ? "body" : pad, "invalid-text", "Geen geldige tekst: ongeldige UTF-8 of een losse surrogaat (\\uD800–\\uDFFF).")]);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var veld in element.EnumerateObject())
                {
                    string naam;
                    try
                    {
                        naam = veld.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        throw Ongeldig(pad);
                    }

                    ControleerTekst(veld.Value, pad.Length == 0 ? naam : pad + "." + naam);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ControleerTekst(item, $"{pad}.{i++}");
                }

                break;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw Ongeldig(pad);
                }

                break;
        }
    }

    private static OngeldigeInvoerException TeGroot(int max) => new(StatusCodes.Status413PayloadTooLarge, "Body te groot",
        $"De body is groter dan {max} bytes.");
}
