using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Publicatie;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Domain;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Traject;
using Trajecten.Domain.Webhooks;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/abonnementen: webhook subscriptions in the style of the VNG Notificaties API (callbackUrl, auth,
/// kanalen with filters). Each owner sees and manages its own; health (cursor, failing) is visible.
/// </summary>
public static class AbonnementenApi
{
    public const string Kanaal = "trajecten";

    public sealed record KanaalAntwoord(string Naam, IReadOnlyDictionary<string, string> Filters);

    /// <summary>A subscription as its owner sees it; <see cref="Geheim"/> only in the answer that creates it.</summary>
    public sealed record AbonnementAntwoord(
        string AbonnementId, string CallbackUrl, IReadOnlyList<KanaalAntwoord> Kanalen, long Positie, string Status,
        int OpeenvolgendeFouten, string? LaatsteFout, DateTimeOffset? LaatsteAflevering, DateTimeOffset? VolgendePoging,
        DateTimeOffset AangemaaktOp, string? Geheim = null)
    {
        public static AbonnementAntwoord Van(AbonnementStand s)
        {
            var filters = new Dictionary<string, string>();
            if (s.Gegevens.Gemeente is { } gemeente)
            {
                filters["gemeente"] = gemeente;
            }

            if (s.Gegevens.Soort is { } soort)
            {
                filters["soort"] = TrajectCodes.Mijlpaal.Code(soort);
            }

            filters["type"] = string.Join(',', (s.Gegevens.Typen ?? GebeurtenisTypen.WebhookZonderTypen).Select(GebeurtenisTypen.Codes.Code));

            return new(s.AbonnementId, s.Gegevens.CallbackUrl, [new KanaalAntwoord(Kanaal, filters)], s.Cursor,
                s.BeeindigdOp is not null ? "beeindigd" : s.Falend ? "falend" : "actief", s.OpeenvolgendeFouten, s.LaatsteFout, s.LaatsteAflevering,
                s.VolgendePoging, s.AangemaaktOp);
        }
    }

    public sealed record AbonnementenAntwoord(IReadOnlyList<AbonnementAntwoord> Abonnementen);

    public static IEndpointRouteBuilder MapAbonnementenApi(this IEndpointRouteBuilder app)
    {
        var abonnementen = app.MapGroup(ApiVersie.Basis + "/abonnementen").RequireAuthorization(Beleid.Gebeurtenissen);
        abonnementen.MapPost("", MaakAsync);
        abonnementen.MapGet("", LijstAsync);
        abonnementen.MapGet("/{abonnementId}", LeesAsync);
        abonnementen.MapDelete("/{abonnementId}", VerwijderAsync);
        abonnementen.MapPost("/{abonnementId}/opnieuw", OpnieuwAsync);
        return app;
    }

    private static async Task<Results<Created<AbonnementAntwoord>, ProblemHttpResult>> MaakAsync(
        HttpRequest request, IClusterClient cluster, IGebeurtenisLog log, Regio regio, IOptions<GrenzenOpties> grenzen,
        IOptions<AbonnementOpties> abonnementen)
    {
        var invoer = await JsonInvoer.LeesAsync<Verzoek.NieuwAbonnement>(request);
        var callback = invoer.Waarde.CallbackUrl;
        if (callback is not null && await CallbackfoutAsync(callback, abonnementen.Value, request.HttpContext.RequestAborted) is { } reden)
        {
            invoer.Meld(Probleem.Ongeldig("callbackUrl", reden));
        }

        var auth = invoer.Waarde.Auth;
        var (gemeente, soort, typen) = LeesKanaal(invoer, regio);
        invoer.StopBijProblemen();

        var gebruiker = Gebruiker.Van(request.HttpContext.User);
        if (!gebruiker.Regionaal && (gemeente is null || !gebruiker.MagGemeente(gemeente)))
        {
            return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                "Filter met gemeente op een van de gemeenten in je token; alleen een regionaal token abonneert zich op alle gemeenten.");
        }

        // Starts at the current end of the log: a subscriber that wants history reads the feed first.
        var einde = await log.LaatstePositieAsync(request.HttpContext.RequestAborted);

        // The owner's register reserves the id first: past the bound nothing is created. Should creating fail after that,
        // the id is released again.
        var id = Ids.Nieuw(Ids.AbonnementPrefix);
        var register = cluster.GetGrain<IAbonnementenRegisterGrain>(gebruiker.Subject);
        if (!await register.ReserveerAsync(id))
        {
            return Problemen.Conflict(
                $"Je hebt het maximale aantal abonnementen ({grenzen.Value.AbonnementenPerEigenaar}, Grenzen:AbonnementenPerEigenaar); verwijder er eerst een.");
        }

        AbonnementStand stand;
        try
        {
            stand = await cluster.GetGrain<IAbonnementGrain>(id).MaakAsync(new AbonnementGegevens
            {
                Eigenaar = gebruiker.Subject, CallbackUrl = callback!, Auth = auth, Gemeente = gemeente, Soort = soort, Typen = typen,
                Geheim = WebhookHandtekening.NieuwGeheim(),
                BasisUrl = $"{request.Scheme}://{request.Host}{request.PathBase}",
            }, einde);
        }
        catch
        {
            await register.VerwijderAsync(id);
            throw;
        }

        // The signing secret is shown this once; the receiver keeps it to verify every delivery.
        return TypedResults.Created($"{ApiVersie.Basis}/abonnementen/{id}", AbonnementAntwoord.Van(stand) with { Geheim = stand.Gegevens.Geheim });
    }

    /// <summary>
    /// kanalen: [{naam: "trajecten", filters: {gemeente?, soort?, type?}}] — one channel in this version; <c>type</c> names
    /// the CloudEvents types to deliver, comma-separated (all traject types when left out).
    /// </summary>
    private static (string? Gemeente, MijlpaalSoort? Soort, IReadOnlyList<GebeurtenisType> Typen) LeesKanaal(
        Invoer<Verzoek.NieuwAbonnement> invoer, Regio regio)
    {
        // The contract holds kanalen to exactly one channel, named trajecten.
        if (invoer.Waarde.Kanalen is not [{ Filters: var filters }])
        {
            return (null, null, []);
        }

        var gemeente = Verzoeken.LeesGemeente(invoer, "kanalen[0].filters.gemeente", filters?.Gemeente, regio);
        var soort = Verzoeken.Code(invoer, "kanalen[0].filters.soort", filters?.Soort, TrajectCodes.Mijlpaal);
        if (filters?.Type is not { } tekst)
        {
            return (gemeente, soort, GebeurtenisTypen.Webhook);
        }

        var gevraagd = new List<GebeurtenisType>();
        var namen = tekst.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (namen.Length == 0)
        {
            invoer.Meld(Probleem.Ongeldig("kanalen[0].filters.type", "type noemt één of meer typen, met komma's gescheiden; laat het weg voor alle typen."));
        }

        var onbekend = new List<string>();
        foreach (var type in namen)
        {
            if (GebeurtenisTypen.Codes.TryParse(type, out var t) && GebeurtenisTypen.Webhook.Contains(t))
            {
                gevraagd.Add(t);
            }
            else
            {
                onbekend.Add(type);
            }
        }

        if (onbekend.Count > 0)
        {
            invoer.Meld(Probleem.Ongeldig("kanalen[0].filters.type", $"{string.Join(", ", onbekend)}: geen type dat een webhook aflevert; type is één of meer (komma's) van: "
                + string.Join(", ", GebeurtenisTypen.Webhook.Select(GebeurtenisTypen.Codes.Code)) + "."));
        }

        return (gemeente, soort, gevraagd.Distinct().ToArray());
    }

    /// <summary>
    /// An absolute http(s) URL without credentials; plain http only to this machine; not to an internal address unless
    /// <c>Abonnementen:ToegestaneDoelen</c> names it. A name is resolved now to tell the subscriber at once; delivery checks
    /// again at every connection, because what a name points to can change.
    /// </summary>
    private static async Task<string?> CallbackfoutAsync(string url, AbonnementOpties opties, CancellationToken ct)
    {
        if (EenvoudigeCallbackfout(url) is { } fout)
        {
            return fout;
        }

        var host = new Uri(url).IdnHost.Trim('[', ']');
        IPAddress[] adressen;
        if (IPAddress.TryParse(host, out var letterlijk))
        {
            adressen = [letterlijk];
        }
        else
        {
            try
            {
                using var tijd = CancellationTokenSource.CreateLinkedTokenSource(ct);
                tijd.CancelAfter(TimeSpan.FromSeconds(2));
                adressen = await Dns.GetHostAddressesAsync(host, tijd.Token);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return null; // not resolvable now: delivery checks when it connects
            }
        }

        var toegestaan = Doeladres.LeesToegestaan(opties.ToegestaneDoelen, out _) ?? [];
        return adressen.Length > 0 && adressen.All(a => !Doeladres.MagVerbinden(a, toegestaan))
            ? "callbackUrl wijst naar een intern adres (loopback, link-local, privé of gereserveerd); dat mag alleen als Abonnementen:ToegestaneDoelen het noemt."
            : null;
    }

    private static string? EenvoudigeCallbackfout(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "callbackUrl is een absolute https-URL.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "callbackUrl bevat geen gebruikersnaam, wachtwoord of #fragment; gebruik auth voor de Authorization-header.";
        }

        var lokaal = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        return uri.Scheme == "http" && !lokaal ? "callbackUrl gebruikt https (http alleen voor deze machine)." : null;
    }

    private static async Task<Ok<AbonnementenAntwoord>> LijstAsync(HttpContext context, IClusterClient cluster)
    {
        var eigenaar = Gebruiker.Van(context.User).Subject;
        var ids = await cluster.GetGrain<IAbonnementenRegisterGrain>(eigenaar).LijstAsync();
        var standen = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IAbonnementGrain>(id).LeesAsync()));
        return TypedResults.Ok(new AbonnementenAntwoord(standen.OfType<AbonnementStand>().Select(AbonnementAntwoord.Van).ToArray()));
    }

    private static async Task<Results<Ok<AbonnementAntwoord>, ProblemHttpResult>> LeesAsync(string abonnementId, HttpContext context, IClusterClient cluster)
    {
        var stand = await VanEigenaarAsync(abonnementId, context, cluster);
        return stand is null ? Onbekend(abonnementId) : TypedResults.Ok(AbonnementAntwoord.Van(stand));
    }

    /// <summary>POST …/opnieuw: try the next delivery now instead of waiting out the back-off.</summary>
    private static async Task<Results<Ok<AbonnementAntwoord>, ProblemHttpResult>> OpnieuwAsync(string abonnementId, HttpContext context, IClusterClient cluster)
    {
        if (await VanEigenaarAsync(abonnementId, context, cluster) is not { } stand)
        {
            return Onbekend(abonnementId);
        }

        if (stand.BeeindigdOp is not null)
        {
            return Problemen.Conflict("Dit abonnement is beëindigd (de ontvanger antwoordde 410 Gone); maak een nieuw abonnement.");
        }

        var nu = await cluster.GetGrain<IAbonnementGrain>(abonnementId).OpnieuwAsync();
        return nu is null ? Onbekend(abonnementId) : TypedResults.Ok(AbonnementAntwoord.Van(nu));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> VerwijderAsync(string abonnementId, HttpContext context, IClusterClient cluster)
    {
        if (await VanEigenaarAsync(abonnementId, context, cluster) is null)
        {
            return Onbekend(abonnementId);
        }

        await cluster.GetGrain<IAbonnementGrain>(abonnementId).VerwijderAsync();
        await cluster.GetGrain<IAbonnementenRegisterGrain>(Gebruiker.Van(context.User).Subject).VerwijderAsync(abonnementId);
        return TypedResults.NoContent();
    }

    /// <summary>Only the owner's subscriptions exist for the caller; someone else's answers the same 404.</summary>
    private static async Task<AbonnementStand?> VanEigenaarAsync(string abonnementId, HttpContext context, IClusterClient cluster)
    {
        if (!Ids.IsGeldig(abonnementId, Ids.AbonnementPrefix))
        {
            return null;
        }

        var stand = await cluster.GetGrain<IAbonnementGrain>(abonnementId).LeesAsync();
        return stand?.Gegevens.Eigenaar == Gebruiker.Van(context.User).Subject ? stand : null;
    }

    private static ProblemHttpResult Onbekend(string abonnementId) =>
        Problemen.NietGevonden($"Er is geen abonnement {ClientenApi.Kort(abonnementId)} van jou.");
}
