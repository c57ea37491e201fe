using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Contracten;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Identificatie;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1/werkgevers: employers by KvK-nummer, their vacancies and placements.</summary>
public static class WerkgeversApi
{
    public static IEndpointRouteBuilder MapWerkgeversApi(this IEndpointRouteBuilder app)
    {
        var werkgevers = app.MapGroup(ApiVersie.Basis + "/werkgevers");
        werkgevers.MapPut("/{kvkNummer}", RegistreerAsync).RequireAuthorization(Beleid.WerkgeversBeheren);
        werkgevers.MapGet("/{kvkNummer}", LeesAsync).RequireAuthorization(Beleid.WerkgeversLezen);
        werkgevers.MapPost("/{kvkNummer}/vacatures", PlaatsVacatureAsync).RequireAuthorization(Beleid.WerkgeversBeheren);
        werkgevers.MapGet("/{kvkNummer}/vacatures/{vacatureId}", LeesVacatureAsync).RequireAuthorization(Beleid.WerkgeversLezen);
        return app;
    }

    private static string Pad(string kvkNummer) => $"{ApiVersie.Basis}/werkgevers/{kvkNummer}";

    private static async Task<Results<Created<WerkgeverAntwoord>, Ok<WerkgeverAntwoord>>> RegistreerAsync(
        string kvkNummer, HttpRequest request, IClusterClient cluster)
    {
        Controleer(kvkNummer);
        var gegevens = Verzoeken.Werkgever(await JsonInvoer.LeesAsync<Verzoek.WerkgeverGegevens>(request), kvkNummer);
        var werkgever = cluster.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvkNummer));
        var nieuw = await werkgever.RegistreerAsync(gegevens);
        var antwoord = WerkgeverAntwoord.Van((await werkgever.LeesAsync())!);
        return nieuw ? TypedResults.Created(Pad(kvkNummer), antwoord) : TypedResults.Ok(antwoord);
    }

    private static async Task<Results<Ok<WerkgeverAntwoord>, ProblemHttpResult>> LeesAsync(string kvkNummer, IClusterClient cluster)
    {
        Controleer(kvkNummer);
        var werkgever = await cluster.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvkNummer)).LeesAsync();
        return werkgever is null ? Onbekend(kvkNummer) : TypedResults.Ok(WerkgeverAntwoord.Van(werkgever));
    }

    /// <summary>
    /// Places a vacancy. With an <c>Idempotency-Key</c> a retry is safe: the same key and content answer 200 with the
    /// vacancy placed before, the same key with other content 409.
    /// </summary>
    private static async Task<Results<Created<VacatureAntwoord>, Ok<VacatureAntwoord>, ProblemHttpResult>> PlaatsVacatureAsync(
        string kvkNummer, HttpRequest request, IClusterClient cluster)
    {
        Controleer(kvkNummer);
        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: false);
        var aanvraag = Verzoeken.Vacature(await JsonInvoer.LeesAsync<Verzoek.NieuweVacature>(request));
        var plaatsing = await cluster.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvkNummer)).PlaatsVacatureAsync(aanvraag, sleutel);
        if (plaatsing is null)
        {
            return Onbekend(kvkNummer);
        }

        var vacature = plaatsing.Vacature;
        return plaatsing switch
        {
            { AnderVerzoek: true } => Problemen.Conflict($"De Idempotency-Key is al gebruikt voor vacature {vacature.VacatureId} met een andere inhoud."),
            { Nieuw: true } => TypedResults.Created($"{Pad(kvkNummer)}/vacatures/{vacature.VacatureId}", VacatureAntwoord.Van(vacature)),
            _ => TypedResults.Ok(VacatureAntwoord.Van(vacature)),
        };
    }

    private static async Task<Results<Ok<VacatureAntwoord>, ProblemHttpResult>> LeesVacatureAsync(
        string kvkNummer, string vacatureId, IClusterClient cluster)
    {
        Controleer(kvkNummer);
        var werkgever = await cluster.GetGrain<IWerkgeverGrain>(GrainSleutels.Werkgever(kvkNummer)).LeesAsync();
        if (werkgever is null)
        {
            return Onbekend(kvkNummer);
        }

        var vacature = werkgever.Vacatures.FirstOrDefault(v => v.VacatureId == vacatureId);
        return vacature is null
            ? Problemen.NietGevonden($"Werkgever {kvkNummer} heeft geen vacature {ClientenApi.Kort(vacatureId)}.")
            : TypedResults.Ok(VacatureAntwoord.Van(vacature));
    }

    /// <summary>A malformed KvK-nummer is invalid input (400), as ../shared/API.md specifies, not an unknown resource.</summary>
    private static void Controleer(string kvkNummer)
    {
        if (!KvkNummer.IsGeldig(kvkNummer))
        {
            throw OngeldigeInvoerException.Van([Probleem.Ongeldig("kvkNummer", KvkNummer.Fout)]);
        }
    }

    private static ProblemHttpResult Onbekend(string kvkNummer) =>
        Problemen.NietGevonden($"Er is geen werkgever met kvkNummer {kvkNummer} geregistreerd.");
}
