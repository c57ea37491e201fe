using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions.Messages;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Api.Stromen;
using Trajecten.Domain;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/gebeurtenissen: every milestone in the order recorded, as CloudEvents (NL GOV profile), resumable
/// from any position. Informatiearm and without BSN: pseudonymous ids, gemeente, soort, datum, volgnummer.
/// </summary>
public static class GebeurtenissenApi
{
    public const string Type = "nl.participatiewet.traject.mijlpaal-geregistreerd";
    public const int MaxAantal = 1000;

    public sealed record CloudEventData(string TrajectId, string ClientId, string Gemeente, string Soort, DateOnly Datum, int Volgnummer, string MijlpaalId);

    public sealed record CloudEvent(
        string Specversion, string Id, string Source, string Type, DateTimeOffset Time, string Subject,
        string Datacontenttype, string Sequence, string Sequencetype, CloudEventData Data);

    public sealed record Pagina(IReadOnlyList<CloudEvent> Gebeurtenissen, long Volgende);

    public static IEndpointRouteBuilder MapGebeurtenissenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiVersie.Basis + "/gebeurtenissen", LeesAsync).RequireAuthorization(Beleid.Gebeurtenissen);
        app.MapGet(ApiVersie.Basis + "/gebeurtenissen/stream", StroomAsync).RequireAuthorization(Beleid.Gebeurtenissen);
        return app;
    }

    /// <summary>
    /// Server-Sent Events: each fact as one event whose SSE id is its position; a reconnect with
    /// Last-Event-ID (or ?na=) continues right after it, so nothing is skipped or repeated.
    /// </summary>
    private static async Task StroomAsync(long? na, string? gemeente, string? soort, HttpContext context, LogStaart staart, Regio regio,
        IOptions<ApiOpties> opties, TimeProvider clock)
    {
        var laatste = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        long? hervat = long.TryParse(laatste, NumberStyles.None, CultureInfo.InvariantCulture, out var positie) ? positie : null;
        if (laatste is not null && hervat is null)
        {
            throw OngeldigeInvoerException.Van([Probleem.Ongeldig("Last-Event-ID", "Last-Event-ID is de positie (id) van de laatst ontvangen gebeurtenis.")]);
        }

        var (filter, geweigerd) = Filter(na, 1, gemeente, soort, context, regio);
        if (geweigerd is not null)
        {
            await geweigerd.ExecuteAsync(context);
            return;
        }

        // Ends when the subscriber leaves or the host stops (the subscriber then resumes elsewhere with Last-Event-ID).
        using var einde = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, context.RequestServices.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping);
        var stop = einde.Token;
        var (plaats, vol) = await staart.MeldAanAsync(Gebruiker.Van(context.User).Subject, stop);
        if (plaats is null)
        {
            context.Response.Headers.RetryAfter = "30";
            await Problemen.Probleem(StatusCodes.Status429TooManyRequests, "Te veel open stromen", vol!).ExecuteAsync(context);
            return;
        }

        await using var _ = plaats;
        var cursor = hervat ?? na ?? 0;
        var bron = $"urn:nld:oin:{opties.Value.Oin}:systeem:trajecten";
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        await response.WriteAsync(": trajecten gebeurtenissen\n\n", stop);
        await response.Body.FlushAsync(stop);
        var stil = clock.GetUtcNow();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // From the silo's shared tail of the log; a stream behind it catches up from the log, a few at a time.
                var wacht = staart.Wacht;
                var (feiten, verder) = staart.Na(cursor, filter, 100) ?? await staart.InhalenAsync(cursor, filter, 100, stop);
                foreach (var feit in feiten)
                {
                    var json = System.Text.Json.JsonSerializer.Serialize(Naar(feit, bron), JsonOpties(context));
                    await response.WriteAsync($"id: {feit.Positie}\nevent: {Type}\ndata: {json}\n\n", stop);
                }

                var ingehaald = verder > cursor;
                cursor = verder;
                if (feiten.Count > 0)
                {
                    await response.Body.FlushAsync(stop);
                    stil = clock.GetUtcNow();
                    continue;
                }

                if (clock.GetUtcNow() - stil >= opties.Value.StroomHartslag)
                {
                    await response.WriteAsync(": hartslag\n\n", stop);
                    await response.Body.FlushAsync(stop);
                    stil = clock.GetUtcNow();
                }

                if (!ingehaald)
                {
                    var tot = opties.Value.StroomHartslag - (clock.GetUtcNow() - stil);
                    await Task.WhenAny(wacht, Task.Delay(tot > TimeSpan.Zero ? tot : TimeSpan.Zero, clock, stop));
                    stop.ThrowIfCancellationRequested();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the subscriber went away; it resumes with Last-Event-ID
        }
    }

    private static System.Text.Json.JsonSerializerOptions JsonOpties(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    private static async Task<Results<Ok<Pagina>, ProblemHttpResult>> LeesAsync(
        long? na, int? aantal, string? gemeente, string? soort, HttpContext context, IGebeurtenisLog log, Regio regio, IOptions<ApiOpties> opties)
    {
        var (filter, geweigerd) = Filter(na, aantal, gemeente, soort, context, regio);
        if (geweigerd is not null)
        {
            return geweigerd;
        }

        var vanaf = na ?? 0;
        var feiten = await log.LeesAsync(vanaf, aantal ?? 100, filter, context.RequestAborted);
        var bron = $"urn:nld:oin:{opties.Value.Oin}:systeem:trajecten";
        return TypedResults.Ok(new Pagina(feiten.Select(f => Naar(f, bron)).ToArray(), feiten.Count == 0 ? vanaf : feiten[^1].Positie));
    }

    private static CloudEvent Naar(Gebeurtenis f, string bron) =>
        new("1.0", f.Mijlpaal.MijlpaalId, bron, Type, f.Mijlpaal.GeregistreerdOp, f.TrajectId,
            "application/json", f.Positie.ToString(CultureInfo.InvariantCulture), "Integer",
            new CloudEventData(f.TrajectId, f.ClientId, f.Gemeente, TrajectCodes.Mijlpaal.Code(f.Mijlpaal.Soort), f.Mijlpaal.Datum,
                f.Mijlpaal.Volgnummer, f.Mijlpaal.MijlpaalId));

    /// <summary>Checks the query (400 listing every problem) and the gemeente scope (403), and builds the filter.</summary>
    private static (GebeurtenisFilter Filter, ProblemHttpResult? Geweigerd) Filter(
        long? na, int? aantal, string? gemeente, string? soort, HttpContext context, Regio regio)
    {
        var problemen = new List<Probleem>();
        if (na < 0)
        {
            problemen.Add(Probleem.Ongeldig("na", "na is een positie van 0 of hoger."));
        }

        if (aantal is < 1 or > MaxAantal)
        {
            problemen.Add(Probleem.Ongeldig("aantal", $"aantal ligt tussen 1 en {MaxAantal}."));
        }

        var gevonden = gemeente is null ? null : regio.Zoek(gemeente);
        if (gemeente is not null && gevonden is null)
        {
            problemen.Add(Probleem.Ongeldig("gemeente", "gemeente is één van: " + string.Join(", ", regio.Gemeenten) + "."));
        }

        MijlpaalSoort? mijlpaalSoort = null;
        if (soort is not null)
        {
            if (TrajectCodes.Mijlpaal.TryParse(soort, out var s))
            {
                mijlpaalSoort = s;
            }
            else
            {
                problemen.Add(Probleem.Ongeldig("soort", "soort is " + TrajectCodes.Mijlpaal.Toegestaan + "."));
            }
        }

        if (problemen.Count > 0)
        {
            throw OngeldigeInvoerException.Van(problemen);
        }

        // Gemeente scope: a caller without the regional scope reads one of its own gemeenten at a time.
        var gebruiker = Gebruiker.Van(context.User);
        if (!gebruiker.Regionaal)
        {
            gevonden ??= gebruiker.Gemeenten.Count == 1 ? regio.Zoek(gebruiker.Gemeenten.Single()) : null;
            if (gevonden is null || !gebruiker.MagGemeente(gevonden))
            {
                return (new GebeurtenisFilter(), Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                    "Kies met gemeente= een van de gemeenten in je token; alleen een regionaal token leest alle gemeenten."));
            }
        }

        return (new GebeurtenisFilter(gevonden, mijlpaalSoort), null);
    }
}
