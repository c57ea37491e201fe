using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Contracten;
using Trajecten.Domain.Signalen;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1/signalen: Wmo, Jeugd and Schuldhulp report that they are involved with a person.</summary>
public static class SignalenApi
{
    public static IEndpointRouteBuilder MapSignalenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiVersie.Basis + "/signalen", OntvangAsync).RequireAuthorization(Beleid.Signalen)
            .WithMetadata(new PersoonInBody(Verwerkingen.Schrijven, "signaal"));
        return app;
    }

    /// <summary>
    /// 202: the signal is stored in the person's signal register; it reaches the klantbeeld through the
    /// signal stream. The person need not be a client yet.
    /// </summary>
    private static async Task<Results<Accepted<SignaalOntvangstAntwoord>, ProblemHttpResult>> OntvangAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem, TimeProvider clock)
    {
        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: true)!;
        var (bsn, aanvraag) = Verzoeken.Signaal(await JsonInvoer.LeesAsync<Verzoek.NieuwSignaal>(request), sleutel, ClientenApi.Vandaag(clock));
        var clientId = pseudoniem.ClientId(bsn);
        if (!Gebruiker.Van(request.HttpContext.User).Domeinen.Contains(aanvraag.Domein))
        {
            await request.HttpContext.LogAsync(Verwerkingen.Schrijven, "signaal", null, clientId, Verwerkingen.Geweigerd);
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                $"Je mag alleen signalen van je eigen domein melden, niet van {SignaalCodes.Domein.Code(aanvraag.Domein)}.");
        }

        var uitkomst = await cluster.GetGrain<ISignaalRegisterGrain>(clientId)
            .OntvangAsync(aanvraag with { Afzender = Gebruiker.Van(request.HttpContext.User).Subject });
        var geweigerd = uitkomst.Status is SignaalStatus.Geweigerd or SignaalStatus.Vol;
        await request.HttpContext.LogAsync(Verwerkingen.Schrijven, "signaal", uitkomst.SignaalId, clientId,
            geweigerd ? Verwerkingen.Geweigerd : Verwerkingen.Toegestaan);
        return geweigerd
            ? Problemen.Conflict(uitkomst.Reden!)
            : TypedResults.Accepted((string?)null, new SignaalOntvangstAntwoord(uitkomst.SignaalId!));
    }
}
