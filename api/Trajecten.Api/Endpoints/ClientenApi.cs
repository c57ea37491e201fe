using Microsoft.AspNetCore.Http.HttpResults;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Api.Autorisatie;
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
        clienten.MapPost("", RegistreerAsync).RequireAuthorization(Beleid.Personen);
        clienten.MapPost("/_zoek", ZoekAsync).RequireAuthorization(Beleid.ClientZoeken)
            .WithMetadata(new PersoonInBody(Verwerkingen.Zoeken, "client"));
        clienten.MapGet("/{clientId}", LeesAsync).RequireAuthorization(Beleid.Personen);
        clienten.MapPatch("/{clientId}", WijzigAsync).RequireAuthorization(Beleid.Personen);
        clienten.MapPost("/{clientId}/verhuizing", VerhuisAsync).RequireAuthorization(Beleid.Personen);
        clienten.MapGet("/{clientId}/klantbeeld", LeesKlantbeeldAsync).RequireAuthorization(Beleid.Klantbeeld);
        clienten.MapPost("/{clientId}/trajecten", MeldTrajectAanAsync).RequireAuthorization(Beleid.Personen);
        return app;
    }

    public static string Pad(string clientId) => $"{ApiVersie.Basis}/clienten/{clientId}";

    private static async Task<Results<Created<ClientAntwoord>, Ok<ClientAntwoord>, ProblemHttpResult>> RegistreerAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem, Regio regio, TimeProvider clock)
    {
        var registratie = Verzoeken.ClientRegistratie(await JsonInvoer.LeesAsync<Verzoek.NieuweClient>(request), regio, Vandaag(clock));
        var clientId = pseudoniem.ClientId(registratie.Bsn);
        var gebruiker = Gebruiker.Van(request.HttpContext.User);
        if (registratie.Klantmanager is null && gebruiker.HeeftRol(Rollen.Klantmanager) && Domain.Client.Medewerker.IsGeldig(gebruiker.Subject))
        {
            registratie = registratie with { Klantmanager = gebruiker.Subject }; // who registers, manages, unless told otherwise
        }

        if (!gebruiker.MagGemeente(registratie.Gemeente))
        {
            await request.HttpContext.LogAsync(Verwerkingen.Schrijven, "client", clientId, clientId, Verwerkingen.Geweigerd);
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                $"Je mag geen cliënten registreren in gemeente {registratie.Gemeente}.");
        }

        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).RegistreerAsync(registratie);
        if (!uitkomst.Nieuw && !gebruiker.MagGemeente(uitkomst.Profiel.Gemeente))
        {
            // The person is a client of a gemeente the caller does not serve (also when a parallel registration got there
            // first): nothing of the profile, no 200 that tells "known", nothing changed, and the refusal in the access log.
            await request.HttpContext.LogAsync(Verwerkingen.Schrijven, "client", clientId, clientId, Verwerkingen.Geweigerd);
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                $"Deze persoon kan niet in {registratie.Gemeente} worden geregistreerd. Neem contact op met het functioneel beheer van de regio.");
        }

        var antwoord = ClientAntwoord.Van(uitkomst.Profiel);
        await request.HttpContext.LogAsync(Verwerkingen.Schrijven, "client", clientId, clientId, Verwerkingen.Toegestaan);
        request.HttpContext.Response.Headers.ETag = ClientAntwoord.ETag(uitkomst.Profiel);
        return uitkomst.Nieuw ? TypedResults.Created(Pad(clientId), antwoord) : TypedResults.Ok(antwoord);
    }

    private static async Task<Results<Ok<ClientAntwoord>, Ok<KoppelAntwoord>, ProblemHttpResult>> ZoekAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem)
    {
        var gebruiker = Gebruiker.Van(request.HttpContext.User);
        if (!gebruiker.HeeftRol(Rollen.Klantmanager))
        {
            return gebruiker.HeeftRol(Rollen.Privacyfunctionaris)
                ? await ZoekVoorInzageAsync(request, cluster, pseudoniem)
                : await KoppelAsync(request, cluster, pseudoniem);
        }

        var bsn = Verzoeken.Zoekvraag(await JsonInvoer.LeesAsync<Verzoek.Zoekvraag>(request));
        var clientId = pseudoniem.ClientId(bsn);
        var profiel = await ProfielInScopeAsync(request.HttpContext, cluster, clientId, Verwerkingen.Zoeken);
        return profiel is null
            ? Problemen.NietGevonden("Er is geen cliënt met dit BSN geregistreerd.")
            : TypedResults.Ok(ClientAntwoord.Van(profiel));
    }

    /// <summary>
    /// A back office (ketenpartner) that keeps its own records by BSN learns the clientId that belongs to a person of its
    /// gemeenten — only that, never the profile — stating its purpose, which the access log keeps. Outside its gemeenten or
    /// unknown: the same 404.
    /// </summary>
    private static async Task<Results<Ok<ClientAntwoord>, Ok<KoppelAntwoord>, ProblemHttpResult>> KoppelAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem)
    {
        var (bsn, doel) = Verzoeken.Koppelvraag(await JsonInvoer.LeesAsync<Verzoek.Zoekvraag>(request));
        var clientId = pseudoniem.ClientId(bsn);
        var profiel = await ProfielInScopeAsync(request.HttpContext, cluster, clientId, Verwerkingen.Zoeken, $"{Verwerkingen.DoelKoppeling}:{doel}");
        return profiel is not null
            ? TypedResults.Ok(new KoppelAntwoord(clientId))
            : Problemen.NietGevonden("Er is geen cliënt met dit BSN geregistreerd.");
    }

    /// <summary>
    /// The privacy officer, answering a person's request for inzage, learns the clientId when Trajecten keeps anything about
    /// them: a profile in the officer's gemeenten, or — for a regional officer — only signals, of someone who is not a client.
    /// </summary>
    private static async Task<Results<Ok<ClientAntwoord>, Ok<KoppelAntwoord>, ProblemHttpResult>> ZoekVoorInzageAsync(
        HttpRequest request, IClusterClient cluster, ClientPseudoniem pseudoniem)
    {
        var clientId = pseudoniem.ClientId(Verzoeken.Zoekvraag(await JsonInvoer.LeesAsync<Verzoek.Zoekvraag>(request)));
        var gebruiker = Gebruiker.Van(request.HttpContext.User);
        var profiel = await cluster.GetGrain<IClientGrain>(clientId).LeesProfielAsync();
        var bekend = profiel is not null || (await cluster.GetGrain<ISignaalRegisterGrain>(clientId).LeesMeldingenAsync()).Count > 0;
        var toegestaan = profiel is not null ? gebruiker.MagGemeente(profiel.Gemeente) : bekend && gebruiker.Regionaal;
        await request.HttpContext.LogToegangAsync(Verwerkingen.Zoeken, "client", clientId, clientId,
            !bekend ? Verwerkingen.NietGevonden : toegestaan ? Verwerkingen.Toegestaan : Verwerkingen.Geweigerd, Verwerkingen.DoelInzage);
        return toegestaan
            ? TypedResults.Ok(new KoppelAntwoord(clientId))
            : Problemen.NietGevonden("Trajecten bewaart niets over iemand met dit BSN (binnen je gemeenten).");
    }

    /// <summary>What a back office learns when it links its record: the pseudonymous clientId, nothing else.</summary>
    public sealed record KoppelAntwoord(string ClientId);

    private static async Task<Results<Ok<ClientAntwoord>, ProblemHttpResult>> LeesAsync(string clientId, HttpContext context, IClusterClient cluster)
    {
        var profiel = Ids.IsGeldig(clientId, Ids.ClientPrefix) ? await ProfielInScopeAsync(context, cluster, clientId, Verwerkingen.Lezen) : null;
        if (profiel is null)
        {
            return ClientOnbekend(clientId);
        }

        context.Response.Headers.ETag = ClientAntwoord.ETag(profiel);
        return TypedResults.Ok(ClientAntwoord.Van(profiel));
    }

    /// <summary>PATCH: a JSON merge patch of naam, klantmanager(Naam) and contact, conditional on If-Match.</summary>
    private static async Task<Results<Ok<ClientAntwoord>, ProblemHttpResult>> WijzigAsync(string clientId, HttpRequest request, IClusterClient cluster)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return ClientOnbekend(clientId);
        }

        var versie = LeesIfMatch(request);
        var patch = Verzoeken.ClientPatch(await JsonInvoer.LeesAsync<Verzoek.ClientWijziging>(request));
        if (await ProfielInScopeAsync(request.HttpContext, cluster, clientId, Verwerkingen.Schrijven) is not { } profiel)
        {
            return ClientOnbekend(clientId);
        }

        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId)
            .WijzigAsync(new ClientWijzigAanvraag { Patch = patch, VerwachteVersie = versie ?? profiel.Versie });
        return await request.HttpContext.LogSchrijvenAsync("client", clientId, clientId, Antwoord(request.HttpContext, clientId, uitkomst));
    }

    /// <summary>POST …/verhuizing: the client moves to another gemeente of the region; conditional on If-Match.</summary>
    private static async Task<Results<Ok<ClientAntwoord>, ProblemHttpResult>> VerhuisAsync(string clientId, HttpRequest request, IClusterClient cluster, Regio regio)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return ClientOnbekend(clientId);
        }

        var versie = LeesIfMatch(request);
        var naar = Verzoeken.Verhuizing(await JsonInvoer.LeesAsync<Verzoek.Verhuizing>(request), regio);
        if (await ProfielInScopeAsync(request.HttpContext, cluster, clientId, Verwerkingen.Schrijven) is not { } profiel)
        {
            return ClientOnbekend(clientId);
        }

        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).VerhuisAsync(naar, versie ?? profiel.Versie);
        return await request.HttpContext.LogSchrijvenAsync("client", clientId, clientId, Antwoord(request.HttpContext, clientId, uitkomst));
    }

    private static Results<Ok<ClientAntwoord>, ProblemHttpResult> Antwoord(HttpContext context, string clientId, ClientWijzigUitkomst uitkomst)
    {
        if (uitkomst.Profiel is { } p)
        {
            context.Response.Headers.ETag = ClientAntwoord.ETag(p);
        }

        return uitkomst.Status switch
        {
            WijzigStatus.Gewijzigd or WijzigStatus.Ongewijzigd => TypedResults.Ok(ClientAntwoord.Van(uitkomst.Profiel!)),
            WijzigStatus.VersieVerouderd => Problemen.Probleem(StatusCodes.Status412PreconditionFailed, "Versie verouderd",
                $"De cliënt is intussen gewijzigd (huidige versie {ClientAntwoord.ETag(uitkomst.Profiel!)}); haal hem opnieuw op en stuur die ETag in If-Match."),
            WijzigStatus.Geweigerd => Problemen.Conflict(uitkomst.Reden ?? "De wijziging past niet bij de cliënt."),
            _ => ClientOnbekend(clientId),
        };
    }

    /// <summary>
    /// If-Match: required on a change of a client (428 without it), a strong entity tag as GET answered it, or * for
    /// "whatever the current version is". Null for *.
    /// </summary>
    private static int? LeesIfMatch(HttpRequest request)
    {
        var waarde = request.Headers.IfMatch.ToString().Trim();
        if (waarde.Length == 0)
        {
            throw new OngeldigeInvoerException(StatusCodes.Status428PreconditionRequired, "Voorwaarde vereist",
                "Een wijziging van een cliënt stuurt de ETag van de laatst gelezen versie in If-Match, zodat niemand andermans wijziging overschrijft.");
        }

        if (waarde == "*")
        {
            return null;
        }

        return waarde.Length > 2 && waarde[0] == '"' && waarde[^1] == '"'
               && int.TryParse(waarde.AsSpan(1, waarde.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var versie)
            ? versie
            : throw OngeldigeInvoerException.Van([new Domain.Probleem("If-Match", "invalid",
                "If-Match is de ETag uit het antwoord op GET, bijvoorbeeld \"3\" (met aanhalingstekens), of *.")]);
    }

    private static async Task<Results<Ok<KlantbeeldAntwoord>, ProblemHttpResult>> LeesKlantbeeldAsync(string clientId, HttpContext context, IClusterClient cluster)
    {
        var klantbeeld = Ids.IsGeldig(clientId, Ids.ClientPrefix)
            ? await cluster.GetGrain<IKlantbeeldGrain>(clientId).LeesAsync()
            : null;
        var gebruiker = Gebruiker.Van(context.User);
        if (klantbeeld is null || !gebruiker.MagGemeente(klantbeeld.Gemeente))
        {
            if (klantbeeld is not null)
            {
                await context.LogAsync(Verwerkingen.Lezen, "klantbeeld", clientId, clientId, Verwerkingen.Geweigerd);
            }

            return ClientOnbekend(clientId);
        }

        // Content of signals only for the professionals of that domain; for everyone else: that it exists.
        var domeinen = klantbeeld.Signalen.Select(s => s.Domein).Distinct().Where(gebruiker.MagInhoudLezen).ToArray();
        var inhoud = domeinen.Length == 0
            ? new Dictionary<string, string>()
            : await cluster.GetGrain<ISignaalRegisterGrain>(clientId).LeesInhoudAsync(domeinen);
        await context.LogAsync(Verwerkingen.Lezen, "klantbeeld", clientId, clientId, Verwerkingen.Toegestaan);
        return TypedResults.Ok(KlantbeeldAntwoord.Van(klantbeeld, inhoud));
    }

    private static async Task<Results<Created<TrajectAntwoord>, Ok<TrajectAntwoord>, ProblemHttpResult>> MeldTrajectAanAsync(
        string clientId, HttpRequest request, IClusterClient cluster, TimeProvider clock)
    {
        if (!Ids.IsGeldig(clientId, Ids.ClientPrefix))
        {
            return ClientOnbekend(clientId);
        }

        var sleutel = Kopteksten.LeesIdempotencyKey(request, verplicht: false);
        var (soort, aanmelddatum) = Verzoeken.TrajectAanmelding(await JsonInvoer.LeesAsync<Verzoek.NieuwTraject>(request), Vandaag(clock));
        if (await ProfielInScopeAsync(request.HttpContext, cluster, clientId, Verwerkingen.Schrijven) is null)
        {
            return ClientOnbekend(clientId);
        }

        var uitkomst = await cluster.GetGrain<IClientGrain>(clientId).MeldTrajectAanAsync(soort, sleutel, aanmelddatum);
        return await request.HttpContext.LogSchrijvenAsync("client", clientId, clientId, TrajectAanmeldAntwoord(clientId, soort, uitkomst));
    }

    private static Results<Created<TrajectAntwoord>, Ok<TrajectAntwoord>, ProblemHttpResult> TrajectAanmeldAntwoord(
        string clientId, TrajectSoort soort, TrajectAanmeldingUitkomst? uitkomst)
    {
        if (uitkomst is null)
        {
            return ClientOnbekend(clientId);
        }

        if (uitkomst.Geweigerd is { } reden)
        {
            return Problemen.Conflict(reden);
        }

        var traject = uitkomst.Traject!;
        if (uitkomst.AlOpen)
        {
            return Problemen.Conflict(
                $"De cliënt heeft al een open traject van soort {TrajectCodes.Soort.Code(soort)}: {traject.TrajectId} (fase {TrajectCodes.Fase.Code(traject.Fase)}). Sluit dat eerst af.");
        }

        if (traject.Soort != soort)
        {
            return Problemen.Conflict(
                $"De Idempotency-Key is al gebruikt voor traject {traject.TrajectId} van soort {TrajectCodes.Soort.Code(traject.Soort)}.");
        }

        var antwoord = TrajectAntwoord.Van(traject);
        return uitkomst.Nieuw ? TypedResults.Created(TrajectenApi.Pad(traject.TrajectId), antwoord) : TypedResults.Ok(antwoord);
    }

    /// <summary>
    /// The profile when it exists and lies in the caller's gemeenten; otherwise null, so the answer is the same
    /// 404 whether the client does not exist or belongs elsewhere. A read and a refusal are logged here; a permitted write
    /// is logged by its endpoint once the domain has answered.
    /// </summary>
    /// <summary>The profile if the caller may see this client (its gemeente in scope); the access decision is logged for <paramref name="objectSoort"/>.</summary>
    internal static async Task<ClientProfiel?> ProfielInScopeAsync(HttpContext context, IClusterClient cluster, string clientId, string actie,
        string? doel = null, string objectSoort = "client")
    {
        var profiel = await cluster.GetGrain<IClientGrain>(clientId).LeesProfielAsync();
        var toegestaan = profiel is not null && Gebruiker.Van(context.User).MagGemeente(profiel.Gemeente);
        await context.LogToegangAsync(actie, objectSoort, clientId, clientId,
            profiel is null ? Verwerkingen.NietGevonden : toegestaan ? Verwerkingen.Toegestaan : Verwerkingen.Geweigerd, doel);

        return toegestaan ? profiel : null;
    }

    private static ProblemHttpResult ClientOnbekend(string clientId) =>
        Problemen.NietGevonden($"Er is geen cliënt met clientId {Kort(clientId)}.");

    /// <summary>Echoes an id from the URL back in a message only when it is short and harmless.</summary>
    internal static string Kort(string id) => id.Length <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? id : "(ongeldig)";

    internal static DateOnly Vandaag(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
