using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Privacy;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/clienten/{clientId}/vernietiging: destroying a person's personal data (crypto-shredding), by the privacy
/// officer, in two steps. A POST with the ground asks and answers a confirmation code, valid for 15 minutes; nothing is
/// destroyed yet. A POST of that code to <c>…/vernietiging/bevestiging</c> destroys: the client's data keys go, so every
/// copy of the personal data — log, grain state, backups — is unreadable at once; the caseload drops the client; what stays
/// is pseudonymous (milestones, counts, the feed) plus the record of the destruction. From then on every request about the
/// client answers 410 Gone. Both steps are in the access log.
/// </summary>
public static class VernietigingApi
{
    public sealed record VerzoekAntwoord(string ClientId, string Grondslag, string AangevraagdDoor, DateTimeOffset AangevraagdOp,
        DateTimeOffset VerlooptOp, string? Bevestigingscode)
    {
        public static VerzoekAntwoord Van(Vernietigingsverzoek v) =>
            new(v.ClientId, v.Grondslag, v.AangevraagdDoor, v.AangevraagdOp, v.VerlooptOp, v.Bevestigingscode);
    }

    public sealed record VernietigingAntwoord(string ClientId, string Grondslag, string AangevraagdDoor, string BevestigdDoor,
        DateTimeOffset VernietigdOp, int Sleutels);

    public static IEndpointRouteBuilder MapVernietigingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/clienten/{clientId}/vernietiging", LeesAsync).RequireAuthorization(Beleid.Privacy);
        app.MapPost(ApiVersie.Basis + "/clienten/{clientId}/vernietiging", VraagAanAsync).RequireAuthorization(Beleid.Privacy);
        app.MapPost(ApiVersie.Basis + "/clienten/{clientId}/vernietiging/bevestiging", BevestigAsync).RequireAuthorization(Beleid.Privacy);
        return app;
    }

    private static async Task<Results<Ok<VerzoekAntwoord>, ProblemHttpResult>> LeesAsync(string clientId, HttpContext context, IClusterClient cluster)
    {
        if (!await InScopeAsync(clientId, context, cluster, Verwerkingen.Lezen))
        {
            return Onbekend(clientId);
        }

        return await cluster.GetGrain<IVernietigingGrain>(clientId).LeesAsync() is { } verzoek
            ? TypedResults.Ok(VerzoekAntwoord.Van(verzoek))
            : Problemen.NietGevonden("Er is geen openstaand verzoek tot vernietiging voor deze cliënt.");
    }

    private static async Task<Results<Accepted<VerzoekAntwoord>, ProblemHttpResult>> VraagAanAsync(string clientId, HttpRequest request, IClusterClient cluster)
    {
        var context = request.HttpContext;
        var grondslag = Verzoeken.Vernietiging(await JsonInvoer.LeesAsync<Verzoek.NieuweVernietiging>(request));
        if (!await InScopeAsync(clientId, context, cluster, Verwerkingen.Schrijven))
        {
            return Onbekend(clientId);
        }

        var verzoek = await cluster.GetGrain<IVernietigingGrain>(clientId).VraagAanAsync(grondslag, Gebruiker.Van(context.User).Subject);
        return await context.LogSchrijvenAsync("vernietiging", clientId, clientId,
            TypedResults.Accepted(ApiVersie.Basis + $"/clienten/{clientId}/vernietiging", VerzoekAntwoord.Van(verzoek)));
    }

    private static async Task<Results<Ok<VernietigingAntwoord>, ProblemHttpResult>> BevestigAsync(string clientId, HttpRequest request, IClusterClient cluster)
    {
        var context = request.HttpContext;
        var code = Verzoeken.Bevestiging(await JsonInvoer.LeesAsync<Verzoek.Vernietigingsbevestiging>(request));
        if (!await InScopeAsync(clientId, context, cluster, Verwerkingen.Schrijven))
        {
            return Onbekend(clientId);
        }

        var uitkomst = await cluster.GetGrain<IVernietigingGrain>(clientId).BevestigAsync(code, Gebruiker.Van(context.User).Subject);
        Results<Ok<VernietigingAntwoord>, ProblemHttpResult> antwoord = uitkomst switch
        {
            { Status: VernietigingStatus.Vernietigd, Vernietiging: { } v } => TypedResults.Ok(
                new VernietigingAntwoord(v.ClientId, v.Grondslag, v.AangevraagdDoor, v.BevestigdDoor, v.Op, v.Sleutels)),
            { Status: VernietigingStatus.Verlopen } => Problemen.Conflict(
                $"Het verzoek tot vernietiging is verlopen (geldig {Vernietigingsverzoek.Geldigheid.TotalMinutes:0} minuten); vraag opnieuw aan. Er is niets vernietigd."),
            { Status: VernietigingStatus.CodeOnjuist } => Problemen.Conflict(
                "De bevestigingscode is niet die van het openstaande verzoek. Er is niets vernietigd."),
            _ => Problemen.Conflict("Er is geen openstaand verzoek tot vernietiging voor deze cliënt; vraag eerst aan (POST …/vernietiging). Er is niets vernietigd."),
        };
        return await context.LogSchrijvenAsync("vernietiging", clientId, clientId, antwoord);
    }

    /// <summary>
    /// The officer's scope, as for the inzage: the client's gemeente, or — a person about whom only signals are kept — a
    /// regional officer. A client already destroyed answers 410 (from the grains).
    /// </summary>
    private static async Task<bool> InScopeAsync(string clientId, HttpContext context, IClusterClient cluster, string actie)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return false;
        }

        var (profiel, _, toegestaan) = await InzageApi.BereikAsync(context, cluster, clientId);
        if (profiel is not null || toegestaan)
        {
            await context.LogAsync(actie, "vernietiging", clientId, clientId, toegestaan ? Verwerkingen.Toegestaan : Verwerkingen.Geweigerd);
        }

        return toegestaan;
    }

    private static ProblemHttpResult Onbekend(string clientId) => Problemen.NietGevonden($"Er is geen cliënt met clientId {ClientenApi.Kort(clientId)}.");
}
