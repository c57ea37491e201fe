using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1/verwerkingen: the access log of one data subject, for the beheerder; this read is logged too.</summary>
public static class VerwerkingenApi
{
    public const int Maximum = 1000;

    public sealed record VerwerkingenAntwoord(string ClientId, IReadOnlyList<Verwerking> Verwerkingen);

    public static IEndpointRouteBuilder MapVerwerkingenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/verwerkingen", ZoekAsync).RequireAuthorization(Beleid.Beheer);
        return app;
    }

    private static async Task<Ok<VerwerkingenAntwoord>> ZoekAsync(string? clientId, HttpContext context, IVerwerkingenLog log)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            throw OngeldigeInvoerException.Van([Probleem.Ongeldig("clientId", "Geef de clientId van de betrokkene als queryparameter clientId.")]);
        }

        var verwerkingen = await log.ZoekAsync(clientId!, Maximum, context.RequestAborted);
        await context.LogAsync(Verwerkingen.Lezen, "verwerkingen", clientId, clientId!, Verwerkingen.Toegestaan);
        return TypedResults.Ok(new VerwerkingenAntwoord(clientId!, verwerkingen));
    }
}
