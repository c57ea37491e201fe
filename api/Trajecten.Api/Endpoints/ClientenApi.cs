using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Api.Contracten;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1/clienten: register, find by BSN (in the body, never the URL), profile, klantbeeld, open a traject.</summary>
public static class ClientenApi
{
    public static IEndpointRouteBuilder MapClientenApi(this IEndpointRouteBuilder app)
    {
        var clienten = app.MapGroup(ApiVersie.Basis + "/clienten");
        clienten.MapPost("", RegistreerAsync);
        clienten.MapPost("/_zoek", ZoekAsync);
        clienten.MapGet("/{clientId}", GetAsync);
        clienten.MapGet("/{clientId}/klantbeeld", GetKlantbeeldAsync);
        clienten.MapPost("/{clientId}/trajecten", MeldTrajectAanAsync);
        return app;
    }

    public static string Pad(string clientId) => $"{ApiVersie.Basis}/clienten/{clientId}";

    private static async Task<Results<Created<ClientAntwoord>, Ok<ClientAntwoord>>> RegistreerAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem, Regio regio, TimeProvider clock)
    {
        var registratie = Verzoeken.ClientRegistratie(await JsonInvoer.LeesAsync(request), regio, Vandaag(clock));
        var clientId = pseudoniem.ClientId(registratie.Bsn);
        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).RegistreerAsync(registratie);
        var antwoord = ClientAntwoord.Van(uitkomst.Profiel);
        return uitkomst.Nieuw ? TypedResults.Created(Pad(clientId), antwoord) : TypedResults.Ok(antwoord);
    }

    private static async Task<Results<Ok<ClientAntwoord>, ProblemHttpResult>> ZoekAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem)
    {
        var bsn = Verzoeken.Zoekvraag(await JsonInvoer.LeesAsync(request));
        var profiel = await cluster.GetGrain<IClientGrain>(pseudoniem.ClientId(bsn)).GetProfielAsync();
        return profiel is null
            ? Problemen.NietGevonden("Er is geen cliënt met dit BSN geregistreerd.")
            : TypedResults.Ok(ClientAntwoord.Van(profiel));
    }

    private static async Task<Results<Ok<ClientAntwoord>, ProblemHttpResult>> GetAsync(string clientId, IClusterClient cluster)
    {
        var profiel = Ids.IsGeldig(clientId, Ids.ClientPrefix)
            ? await cluster.GetGrain<IClientGrain>(clientId).GetProfielAsync()
            : null;
        return profiel is null ? ClientOnbekend(clientId) : TypedResults.Ok(ClientAntwoord.Van(profiel));
    }

    private static async Task<Results<Ok<KlantbeeldAntwoord>, ProblemHttpResult>> GetKlantbeeldAsync(string clientId, IClusterClient cluster)
    {
        var klantbeeld = Ids.IsGeldig(clientId, Ids.ClientPrefix)
            ? await cluster.GetGrain<IKlantbeeldGrain>(clientId).GetAsync()
            : null;
        return klantbeeld is null ? ClientOnbekend(clientId) : TypedResults.Ok(KlantbeeldAntwoord.Van(klantbeeld));
    }

    private static async Task<Results<Created<TrajectAntwoord>, Ok<TrajectAntwoord>, ProblemHttpResult>> MeldTrajectAanAsync(
        string clientId, HttpRequest request, IClusterClient cluster)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return ClientOnbekend(clientId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: false);
        var soort = Verzoeken.TrajectSoort(await JsonInvoer.LeesAsync(request));
        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(soort, sleutel);
        if (uitkomst is null)
        {
            return ClientOnbekend(clientId);
        }

        var traject = uitkomst.Traject;
        if (traject.Soort != soort)
        {
            return Problemen.Conflict(
                $"De Idempotency-Key is al gebruikt voor traject {traject.TrajectId} van soort {TrajectCodes.Soort.Code(traject.Soort)}.");
        }

        var antwoord = TrajectAntwoord.Van(traject);
        return uitkomst.Nieuw ? TypedResults.Created(TrajectenApi.Pad(traject.TrajectId), antwoord) : TypedResults.Ok(antwoord);
    }

    private static ProblemHttpResult ClientOnbekend(string clientId) =>
        Problemen.NietGevonden($"Er is geen cliënt met clientId {Kort(clientId)}.");

    /// <summary>Echoes an id from the URL back in a message only when it is short and harmless.</summary>
    internal static string Kort(string id) => id.Length <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? id : "(ongeldig)";

    internal static DateOnly Vandaag(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
