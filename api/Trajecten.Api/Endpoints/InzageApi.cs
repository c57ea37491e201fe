using Microsoft.Net.Http.Headers;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Contracten;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/clienten/{clientId}/inzage: everything Trajecten keeps about one person (AVG art. 15), for the privacy officer
/// (privacyfunctionaris), who finds the clientId by BSN through <c>POST /clienten/_zoek</c>: the profile, the trajecten with
/// their milestones as recorded and as corrected, aftercare and reassessments, the signals with their content, and the
/// access log — who read, wrote, searched or was refused what, when and why. As JSON, or with <c>Accept: text/html</c> as a
/// readable document to hand to the person. The inzage is recorded in the access log before it is put together, so the
/// document lists itself.
/// </summary>
public static class InzageApi
{
    /// <summary>The most access-log records one inzage lists; <see cref="InzageAntwoord.VerwerkingenVolledig"/> says whether that was all.</summary>
    public const int MaxVerwerkingen = 10_000;

    public sealed record InzageTraject(TrajectAntwoord Traject, IReadOnlyList<MijlpaalAntwoord> ZoalsGeregistreerd);

    public sealed record InzageAntwoord(
        string ClientId, DateTimeOffset OpgesteldOp, string OpgesteldDoor, ClientAntwoord? Client, IReadOnlyList<InzageTraject> Trajecten,
        IReadOnlyList<SignaalAntwoord> Signalen, IReadOnlyList<Verwerking> Verwerkingen, bool VerwerkingenVolledig);

    public static IEndpointRouteBuilder MapInzageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/clienten/{clientId}/inzage", LeesAsync).RequireAuthorization(Beleid.Privacy);
        return app;
    }

    /// <summary>
    /// The privacy officer's reach over one person: the client's gemeente; signals alone belong to no gemeente yet, so
    /// only a regional officer reaches a person about whom only signals are kept. Not logged here: the caller logs.
    /// </summary>
    internal static async Task<(Abstractions.Messages.ClientProfiel? Profiel, IReadOnlyList<SignaalMelding> Meldingen, bool Toegestaan)> BereikAsync(
        HttpContext context, IClusterClient cluster, string clientId)
    {
        var gebruiker = Gebruiker.Van(context.User);
        var profiel = await cluster.GetGrain<IClientGrain>(clientId).LeesProfielAsync();
        var meldingen = await cluster.GetGrain<ISignaalRegisterGrain>(clientId).LeesMeldingenAsync();
        return (profiel, meldingen, profiel is not null ? gebruiker.MagGemeente(profiel.Gemeente) : gebruiker.Regionaal && meldingen.Count > 0);
    }

    private static async Task<IResult> LeesAsync(string clientId, HttpContext context, IClusterClient cluster, IVerwerkingenLog log, TimeProvider clock)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return Onbekend(clientId);
        }

        var gebruiker = Gebruiker.Van(context.User);
        var register = cluster.GetGrain<ISignaalRegisterGrain>(clientId);
        var (profiel, meldingen, toegestaan) = await BereikAsync(context, cluster, clientId);
        if (profiel is null && meldingen.Count == 0)
        {
            return Onbekend(clientId);
        }

        await context.LogAsync(Verwerkingen.Lezen, "inzage", clientId, clientId, toegestaan ? Verwerkingen.Toegestaan : Verwerkingen.Geweigerd);
        if (!toegestaan)
        {
            return Onbekend(clientId);
        }

        var inhoud = await register.LeesInhoudAsync(Enum.GetValues<SignaalDomein>());
        var trajecten = profiel is null
            ? []
            : (await Task.WhenAll(profiel.TrajectIds.Select(id => cluster.GetGrain<ITrajectGrain>(id).LeesAsync())))
                .OfType<Abstractions.Messages.TrajectOverzicht>()
                .Select(t => new InzageTraject(TrajectAntwoord.Van(t), t.Geregistreerd.Select(MijlpaalAntwoord.Van).ToArray()))
                .ToArray();
        var verwerkingen = await log.ZoekAsync(clientId, MaxVerwerkingen, context.RequestAborted);
        var inzage = new InzageAntwoord(
            clientId, clock.GetUtcNow(), gebruiker.Subject, profiel is null ? null : ClientAntwoord.Van(profiel), trajecten,
            meldingen.Select(m => SignaalAntwoord.Van(m, inhoud.GetValueOrDefault(m.SignaalId))).ToArray(),
            verwerkingen, verwerkingen.Count < MaxVerwerkingen);

        if (!WiltHtml(context.Request))
        {
            return TypedResults.Ok(inzage);
        }

        context.Response.Headers.ContentSecurityPolicy = InzageDocument.ContentSecurityPolicy;
        return TypedResults.Content(InzageDocument.Html(inzage), "text/html; charset=utf-8");
    }

    /// <summary>HTML when the caller prefers it to JSON (by order and quality of Accept); JSON otherwise.</summary>
    private static bool WiltHtml(HttpRequest request)
    {
        var voorkeur = request.GetTypedHeaders().Accept
            .Where(a => a.MediaType.Value is "text/html" or "application/json" or "application/*" or "*/*")
            .OrderByDescending(a => a.Quality ?? 1)
            .FirstOrDefault();
        return voorkeur?.MediaType.Value == "text/html";
    }

    private static IResult Onbekend(string clientId) =>
        Problemen.NietGevonden($"Trajecten bewaart niets over clientId {ClientenApi.Kort(clientId)}.");
}
