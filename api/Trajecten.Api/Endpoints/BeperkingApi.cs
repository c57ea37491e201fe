using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/clienten/{clientId}/beperking: the restriction of processing (AVG art. 18), set and lifted by the privacy
/// officer with a reason. It is a fact in the client's stream (log first); the beperkingen projection makes it a view that
/// the feed, the event stream, the webhooks and the gemeente stream consult, and a PUT answers once that view has it: from
/// then on nothing about the client goes out to back offices, until the restriction is lifted.
/// </summary>
public static class BeperkingApi
{
    /// <summary>How long a PUT waits for the view to take the fact in before it answers 503 (the fact is kept; a repeat is harmless).</summary>
    private static readonly TimeSpan Wachttijd = TimeSpan.FromSeconds(10);

    public sealed record BeperkingAntwoord(string ClientId, bool Beperkt, string? Reden, string? Door, DateTimeOffset? Sinds)
    {
        public static BeperkingAntwoord Van(ClientProfiel p) =>
            new(p.ClientId, p.Beperking is not null, p.Beperking?.Reden, p.Beperking?.Door, p.Beperking?.Op);
    }

    public static IEndpointRouteBuilder MapBeperkingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/clienten/{clientId}/beperking", LeesAsync).RequireAuthorization(Beleid.Privacy);
        app.MapPut(ApiVersie.Basis + "/clienten/{clientId}/beperking", ZetAsync).RequireAuthorization(Beleid.Privacy);
        return app;
    }

    private static async Task<Results<Ok<BeperkingAntwoord>, ProblemHttpResult>> LeesAsync(string clientId, HttpContext context, IClusterClient cluster)
    {
        if (await ProfielAsync(clientId, context, cluster, Verwerkingen.Lezen) is not { } profiel)
        {
            return Onbekend(clientId);
        }

        return TypedResults.Ok(BeperkingAntwoord.Van(profiel));
    }

    private static async Task<Results<Ok<BeperkingAntwoord>, ProblemHttpResult>> ZetAsync(
        string clientId, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        var context = request.HttpContext;
        var (beperkt, reden) = Verzoeken.Beperking(await JsonInvoer.LeesAsync<Verzoek.BeperkingWijziging>(request));
        if (await ProfielAsync(clientId, context, cluster, Verwerkingen.Schrijven) is null)
        {
            return Onbekend(clientId);
        }

        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).BeperkAsync(new Verwerkingsbeperking
        {
            Beperkt = beperkt, Reden = reden, Door = Gebruiker.Van(context.User).Subject, Op = clock.GetUtcNow(),
        });
        if (uitkomst.Status == WijzigStatus.Onbekend)
        {
            return await context.LogSchrijvenAsync("beperking", clientId, clientId, Onbekend(clientId));
        }

        if (uitkomst.Positie is { } positie && !await VanKrachtAsync(cluster, clientId, positie, context.RequestAborted))
        {
            context.Response.Headers.RetryAfter = "1";
            return await context.LogSchrijvenAsync("beperking", clientId, clientId, Problemen.Probleem(StatusCodes.Status503ServiceUnavailable,
                "Nog niet van kracht", "De wijziging is vastgelegd, maar nog niet overal van kracht; herhaal het verzoek (dat legt niets dubbel vast)."));
        }

        return await context.LogSchrijvenAsync("beperking", clientId, clientId, TypedResults.Ok(BeperkingAntwoord.Van(uitkomst.Profiel!)));
    }

    /// <summary>Whether the beperkingen view has taken in the fact at <paramref name="positie"/>, within <see cref="Wachttijd"/>.</summary>
    private static async Task<bool> VanKrachtAsync(IClusterClient cluster, string clientId, long positie, CancellationToken ct)
    {
        var beperkingen = cluster.GetGrain<IBeperkingenGrain>(0);
        var klok = Stopwatch.StartNew();
        while (await beperkingen.PositieAsync(clientId) < positie)
        {
            if (klok.Elapsed > Wachttijd)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
        }

        return true;
    }

    private static async Task<ClientProfiel?> ProfielAsync(string clientId, HttpContext context, IClusterClient cluster, string actie) =>
        Ids.IsGeldig(clientId, Ids.ClientPrefix) ? await ClientenApi.ProfielInScopeAsync(context, cluster, clientId, actie, objectSoort: "beperking") : null;

    private static ProblemHttpResult Onbekend(string clientId) => Problemen.NietGevonden($"Er is geen cliënt met clientId {ClientenApi.Kort(clientId)}.");
}
