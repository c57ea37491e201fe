using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Privacy;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/bewaartermijnen: the retention rules and what has reached the end of its period (the dry run, destroying
/// nothing), and /api/v1/bewaartermijnen/rondes: a round that destroys it, confirmed by repeating what the listing showed
/// (its date and counts) so that nobody destroys a list they did not see. For the regional privacy officer only: the rules
/// span every gemeente. The listing names pseudonymous ids, dates and kinds of record, never personal data.
/// </summary>
public static class BewaartermijnenApi
{
    public static IEndpointRouteBuilder MapBewaartermijnenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/bewaartermijnen", LeesAsync).RequireAuthorization(Beleid.Privacy);
        app.MapPost(ApiVersie.Basis + "/bewaartermijnen/rondes", VoerUitAsync).RequireAuthorization(Beleid.Privacy);
        return app;
    }

    private static async Task<Results<Ok<Bewaarlijst>, ProblemHttpResult>> LeesAsync(HttpContext context, IClusterClient cluster) =>
        Regionaal(context) is { } geweigerd ? geweigerd : TypedResults.Ok(await cluster.GetGrain<IBewaartermijnGrain>(GrainSleutels.Bewaartermijnen).LijstAsync());

    private static async Task<Results<Ok<Bewaarronde>, ProblemHttpResult>> VoerUitAsync(HttpRequest request, IClusterClient cluster)
    {
        var bevestiging = Verzoeken.Bewaarronde(await JsonInvoer.LeesAsync<Verzoek.BewaarrondeBevestiging>(request));
        if (Regionaal(request.HttpContext) is { } geweigerd)
        {
            return geweigerd;
        }

        var grain = cluster.GetGrain<IBewaartermijnGrain>(GrainSleutels.Bewaartermijnen);
        var lijst = await grain.LijstAsync();
        if (lijst.Peildatum != bevestiging.Peildatum || lijst.Verlopen.Count != bevestiging.Verlopen || lijst.VerwerkingenVerlopen != bevestiging.Verwerkingen)
        {
            return Problemen.Conflict(
                $"De lijst is veranderd sinds je hem bekeek: op {lijst.Peildatum:yyyy-MM-dd} zijn {lijst.Verlopen.Count} dossier(s)/signaal/signalen en " +
                $"{lijst.VerwerkingenVerlopen} regel(s) van het verwerkingenlog verlopen. Bekijk GET /bewaartermijnen opnieuw; er is niets vernietigd.");
        }

        return TypedResults.Ok(await grain.VoerUitAsync(Gebruiker.Van(request.HttpContext.User).Subject));
    }

    private static ProblemHttpResult? Regionaal(HttpContext context) => Gebruiker.Van(context.User).Regionaal
        ? null
        : Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
            "Bewaartermijnen gelden voor de hele regio: alleen een privacyfunctionaris met de hele regio in zijn bereik mag ze bekijken en toepassen.");
}
