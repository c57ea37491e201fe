using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Contracten;
using Trajecten.Api.Invoer;
using Trajecten.Domain.Identificatie;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>/api/v1/trajecten: a traject and its milestones.</summary>
public static class TrajectenApi
{
    public static IEndpointRouteBuilder MapTrajectenApi(this IEndpointRouteBuilder app)
    {
        // The traject and a milestone are what a notification points to (hoofdObject, resourceUrl): a back office may call
        // them back. Everything else about a traject is the klantmanager's.
        var trajecten = app.MapGroup(ApiVersie.Basis + "/trajecten");
        trajecten.MapGet("/{trajectId}", LeesAsync).RequireAuthorization(Beleid.TrajectLezen);
        trajecten.MapGet("/{trajectId}/mijlpalen", LeesMijlpalenAsync).RequireAuthorization(Beleid.Personen);
        trajecten.MapPost("/{trajectId}/mijlpalen", RegistreerMijlpaalAsync).RequireAuthorization(Beleid.Personen);
        trajecten.MapGet("/{trajectId}/mijlpalen/{mijlpaalId}", LeesMijlpaalAsync).RequireAuthorization(Beleid.TrajectLezen);
        trajecten.MapPost("/{trajectId}/mijlpalen/{mijlpaalId}/correcties", (string trajectId, string mijlpaalId, HttpRequest request, IClusterClient cluster, TimeProvider clock) =>
            CorrigeerAsync(trajectId, mijlpaalId, CorrectieSoort.Correctie, request, cluster, clock)).RequireAuthorization(Beleid.Correcties);
        trajecten.MapPost("/{trajectId}/mijlpalen/{mijlpaalId}/intrekking", (string trajectId, string mijlpaalId, HttpRequest request, IClusterClient cluster, TimeProvider clock) =>
            CorrigeerAsync(trajectId, mijlpaalId, CorrectieSoort.Intrekking, request, cluster, clock)).RequireAuthorization(Beleid.Correcties);
        trajecten.MapPost("/{trajectId}/nazorg", LegNazorgVastAsync).RequireAuthorization(Beleid.Personen);
        trajecten.MapPost("/{trajectId}/herbeoordelingen", LegHerbeoordelingVastAsync).RequireAuthorization(Beleid.Personen);
        return app;
    }

    public static string Pad(string trajectId) => $"{ApiVersie.Basis}/trajecten/{trajectId}";

    private static async Task<Results<Ok<TrajectAntwoord>, ProblemHttpResult>> LeesAsync(string trajectId, HttpContext context, IClusterClient cluster)
    {
        var traject = await ZoekAsync(trajectId, context, cluster, Verwerkingen.Lezen);
        if (traject is null)
        {
            return Onbekend(trajectId);
        }

        // A back office gets the traject without the klantmanager's free text about the person (nazorg toelichting, the
        // reason given for a correction).
        var antwoord = TrajectAntwoord.Van(traject);
        return TypedResults.Ok(Gebruiker.Van(context.User).HeeftRol(Rollen.Klantmanager)
            ? antwoord
            : antwoord with
            {
                Nazorg = antwoord.Nazorg.Select(n => n with { Toelichting = null }).ToArray(),
                Correcties = antwoord.Correcties.Select(c => c with { Reden = null }).ToArray(),
            });
    }

    private static async Task<Results<Ok<MijlpalenAntwoord>, ProblemHttpResult>> LeesMijlpalenAsync(string trajectId, HttpContext context, IClusterClient cluster)
    {
        var traject = await ZoekAsync(trajectId, context, cluster, Verwerkingen.Lezen);
        return traject is null
            ? Onbekend(trajectId)
            : TypedResults.Ok(new MijlpalenAntwoord(traject.TrajectId, traject.Mijlpalen.Select(MijlpaalAntwoord.Van).ToArray()));
    }

    private static async Task<Results<Ok<MijlpaalAntwoord>, ProblemHttpResult>> LeesMijlpaalAsync(
        string trajectId, string mijlpaalId, HttpContext context, IClusterClient cluster)
    {
        var traject = await ZoekAsync(trajectId, context, cluster, Verwerkingen.Lezen);
        if (traject is null)
        {
            return Onbekend(trajectId);
        }

        var mijlpaal = traject.Mijlpalen.FirstOrDefault(m => m.MijlpaalId == mijlpaalId);
        if (mijlpaal is null && traject.Correcties.LastOrDefault(c => c.MijlpaalId == mijlpaalId && c.Soort == CorrectieSoort.Intrekking) is { } intrekking)
        {
            return Problemen.Probleem(StatusCodes.Status410Gone, "Ingetrokken",
                $"Mijlpaal {ClientenApi.Kort(mijlpaalId)} is op {intrekking.GeregistreerdOp:yyyy-MM-dd} ingetrokken ({intrekking.CorrectieId}); zie de correcties van het traject.");
        }

        return mijlpaal is null
            ? Problemen.NietGevonden($"Traject {traject.TrajectId} heeft geen mijlpaal {ClientenApi.Kort(mijlpaalId)}.")
            : TypedResults.Ok(MijlpaalAntwoord.Van(mijlpaal));
    }

    /// <summary>A correction or withdrawal of a milestone: a new fact (history is never rewritten); the traject is recomputed.</summary>
    private static async Task<Results<Created<CorrectieAntwoord>, Ok<CorrectieAntwoord>, ProblemHttpResult>> CorrigeerAsync(
        string trajectId, string mijlpaalId, CorrectieSoort soort, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        if (!Ids.IsGeldig(trajectId, Ids.TrajectPrefix))
        {
            return Onbekend(trajectId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: true)!;
        var aanvraag = soort == CorrectieSoort.Correctie
            ? Verzoeken.Correctie(await JsonInvoer.LeesAsync<Verzoek.NieuweCorrectie>(request), sleutel, mijlpaalId, ClientenApi.Vandaag(clock))
            : Verzoeken.Intrekking(await JsonInvoer.LeesAsync<Verzoek.NieuweIntrekking>(request), sleutel, mijlpaalId);
        if (await ZoekAsync(trajectId, request.HttpContext, cluster, Verwerkingen.Schrijven) is not { } traject)
        {
            return Onbekend(trajectId);
        }

        var uitkomst = await cluster.GetGrain<ITrajectGrain>(trajectId).CorrigeerAsync(aanvraag);
        Results<Created<CorrectieAntwoord>, Ok<CorrectieAntwoord>, ProblemHttpResult> antwoord = uitkomst.Status switch
        {
            CorrectieStatus.Geregistreerd => TypedResults.Created($"{Pad(trajectId)}/mijlpalen/{mijlpaalId}", CorrectieAntwoord.Van(uitkomst.Correctie!)),
            CorrectieStatus.Herhaald => TypedResults.Ok(CorrectieAntwoord.Van(uitkomst.Correctie!)),
            CorrectieStatus.Ongeldig => Problemen.Ongeldig(uitkomst.Problemen),
            CorrectieStatus.Onbekend => Problemen.NietGevonden($"Traject {trajectId} heeft geen mijlpaal {ClientenApi.Kort(mijlpaalId)}."),
            _ => Problemen.Conflict(uitkomst.Reden ?? "De correctie past niet bij het traject."),
        };
        return await request.HttpContext.LogSchrijvenAsync("traject", trajectId, traject.ClientId, antwoord);
    }

    /// <summary>The outcome of the aftercare check after uitstroom: still at work or in education on that date?</summary>
    private static async Task<Results<Created<NazorgAntwoordJson>, Ok<NazorgAntwoordJson>, ProblemHttpResult>> LegNazorgVastAsync(
        string trajectId, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        if (!Ids.IsGeldig(trajectId, Ids.TrajectPrefix))
        {
            return Onbekend(trajectId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: true)!;
        var aanvraag = Verzoeken.Nazorg(await JsonInvoer.LeesAsync<Verzoek.NieuweNazorg>(request), sleutel, ClientenApi.Vandaag(clock));
        if (await ZoekAsync(trajectId, request.HttpContext, cluster, Verwerkingen.Schrijven) is not { } traject)
        {
            return Onbekend(trajectId);
        }

        var uitkomst = await cluster.GetGrain<ITrajectGrain>(trajectId).LegNazorgVastAsync(aanvraag);
        Results<Created<NazorgAntwoordJson>, Ok<NazorgAntwoordJson>, ProblemHttpResult> antwoord = uitkomst.Status switch
        {
            VastleggingStatus.Geregistreerd => TypedResults.Created(Pad(trajectId), NazorgAntwoordJson.Van(uitkomst.Nazorg!)),
            VastleggingStatus.Herhaald => TypedResults.Ok(NazorgAntwoordJson.Van(uitkomst.Nazorg!)),
            VastleggingStatus.Onbekend => Onbekend(trajectId),
            _ => Problemen.Conflict(uitkomst.Reden ?? "Nazorg past niet bij de stand van het traject."),
        };
        return await request.HttpContext.LogSchrijvenAsync("traject", trajectId, traject.ClientId, antwoord);
    }

    private static async Task<Results<Created<HerbeoordelingAntwoordJson>, Ok<HerbeoordelingAntwoordJson>, ProblemHttpResult>> LegHerbeoordelingVastAsync(
        string trajectId, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        if (!Ids.IsGeldig(trajectId, Ids.TrajectPrefix))
        {
            return Onbekend(trajectId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: true)!;
        var aanvraag = Verzoeken.Herbeoordeling(await JsonInvoer.LeesAsync<Verzoek.NieuweHerbeoordeling>(request), sleutel, ClientenApi.Vandaag(clock));
        if (await ZoekAsync(trajectId, request.HttpContext, cluster, Verwerkingen.Schrijven) is not { } traject)
        {
            return Onbekend(trajectId);
        }

        var uitkomst = await cluster.GetGrain<ITrajectGrain>(trajectId).LegHerbeoordelingVastAsync(aanvraag);
        Results<Created<HerbeoordelingAntwoordJson>, Ok<HerbeoordelingAntwoordJson>, ProblemHttpResult> antwoord = uitkomst.Status switch
        {
            VastleggingStatus.Geregistreerd => TypedResults.Created(Pad(trajectId), HerbeoordelingAntwoordJson.Van(uitkomst.Herbeoordeling!)),
            VastleggingStatus.Herhaald => TypedResults.Ok(HerbeoordelingAntwoordJson.Van(uitkomst.Herbeoordeling!)),
            VastleggingStatus.Onbekend => Onbekend(trajectId),
            _ => Problemen.Conflict(uitkomst.Reden ?? "Een herbeoordeling past niet bij de stand van het traject."),
        };
        return await request.HttpContext.LogSchrijvenAsync("traject", trajectId, traject.ClientId, antwoord);
    }

    private static async Task<Results<Created<MijlpaalAntwoord>, Ok<MijlpaalAntwoord>, ProblemHttpResult>> RegistreerMijlpaalAsync(
        string trajectId, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        if (!Ids.IsGeldig(trajectId, Ids.TrajectPrefix))
        {
            return Onbekend(trajectId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: true)!;
        var aanvraag = Verzoeken.Mijlpaal(await JsonInvoer.LeesAsync<Verzoek.NieuweMijlpaal>(request), sleutel, ClientenApi.Vandaag(clock));
        if (await ZoekAsync(trajectId, request.HttpContext, cluster, Verwerkingen.Schrijven) is not { } traject)
        {
            return Onbekend(trajectId);
        }

        var uitkomst = await cluster.GetGrain<ITrajectGrain>(trajectId).RegistreerMijlpaalAsync(aanvraag);
        Results<Created<MijlpaalAntwoord>, Ok<MijlpaalAntwoord>, ProblemHttpResult> antwoord = uitkomst.Status switch
        {
            MijlpaalStatus.Geregistreerd => TypedResults.Created(
                $"{Pad(trajectId)}/mijlpalen/{uitkomst.Mijlpaal!.MijlpaalId}", MijlpaalAntwoord.Van(uitkomst.Mijlpaal)),
            MijlpaalStatus.Herhaald => TypedResults.Ok(MijlpaalAntwoord.Van(uitkomst.Mijlpaal!)),
            MijlpaalStatus.Ongeldig => Problemen.Ongeldig(uitkomst.Problemen),
            MijlpaalStatus.Onbekend => Onbekend(trajectId),
            _ => Problemen.Conflict(uitkomst.Reden ?? "De mijlpaal past niet bij de stand van het traject."),
        };
        return await request.HttpContext.LogSchrijvenAsync("traject", trajectId, traject.ClientId, antwoord);
    }

    /// <summary>
    /// The traject when it exists and lies in the caller's gemeenten (else null: the same 404). A read and a refusal are
    /// logged here; a permitted write is logged by its endpoint once the domain has answered.
    /// </summary>
    private static async Task<TrajectOverzicht?> ZoekAsync(string trajectId, HttpContext context, IClusterClient cluster, string actie)
    {
        var traject = Ids.IsGeldig(trajectId, Ids.TrajectPrefix) ? await cluster.GetGrain<ITrajectGrain>(trajectId).LeesAsync() : null;
        if (traject is null)
        {
            return null;
        }

        var gebruiker = Gebruiker.Van(context.User);
        var toegestaan = gebruiker.MagGemeente(traject.Gemeente);
        await context.LogToegangAsync(actie, "traject", trajectId, traject.ClientId, toegestaan ? Verwerkingen.Toegestaan : Verwerkingen.Geweigerd,
            gebruiker.HeeftRol(Rollen.Klantmanager) ? null : Verwerkingen.DoelNotificatie);

        return toegestaan ? traject : null;
    }

    private static ProblemHttpResult Onbekend(string trajectId) =>
        Problemen.NietGevonden($"Er is geen traject met trajectId {ClientenApi.Kort(trajectId)}.");
}
