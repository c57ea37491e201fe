using System.Globalization;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions;
using Trajecten.Abstractions.Messages;
using Trajecten.Abstractions.Publicatie;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
using Trajecten.Api.Stromen;
using Trajecten.Domain;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Endpoints;

/// <summary>
/// /api/v1/gebeurtenissen: every published fact (traject gestart, mijlpaal geregistreerd/gecorrigeerd/ingetrokken, termijn
/// verstreken, nazorg vastgelegd, traject/client verhuisd) in the order recorded, as CloudEvents (NL GOV profile), resumable
/// from any position. What each type carries is decided in one place, <see cref="GebeurtenisTypen"/>: pseudonymous ids,
/// gemeente, codes and dates, never a BSN, a name or free text.
/// </summary>
public static class GebeurtenissenApi
{
    public const int MaxAantal = 1000;

    /// <summary>The position in the log, as the CloudEvents sequence extension (<c>sequence</c> with <c>sequencetype</c> Integer).</summary>
    private static readonly CloudEventAttribute Volgorde = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);
    private static readonly CloudEventAttribute VolgordeType = CloudEventAttribute.CreateExtension("sequencetype", CloudEventAttributeType.String);

    /// <summary>Structured JSON (the SDK's formatter), data in the API's camelCase without nulls.</summary>
    private static readonly JsonEventFormatter Formaat = new(
        new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        },
        default);

    /// <summary>A page: CloudEvents in structured JSON (<c>data</c> is one of the data records of <see cref="GebeurtenisTypen"/>, by <c>type</c>).</summary>
    public sealed record Pagina(IReadOnlyList<System.Text.Json.JsonElement> Gebeurtenissen, long Volgende);

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
    private static async Task StroomAsync(HttpContext context, LogStaart staart, Regio regio, IOptions<ApiOpties> opties, TimeProvider clock)
    {
        var laatste = context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        long? hervat = long.TryParse(laatste, NumberStyles.None, CultureInfo.InvariantCulture, out var positie) ? positie : null;
        if (laatste is not null && hervat is null)
        {
            throw OngeldigeInvoerException.Van([Probleem.Ongeldig("Last-Event-ID", "Last-Event-ID is de positie (id) van de laatst ontvangen gebeurtenis.")]);
        }

        var (filter, start, _, _, geweigerd) = await VraagAsync(context, staart.KopAsync, regio, hervat);
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
        var beperkingen = context.RequestServices.GetRequiredService<IClusterClient>().GetGrain<IBeperkingenGrain>(0);
        var cursor = start;
        var bron = Bron(opties.Value);
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
                filter = filter with { ZonderClienten = await beperkingen.LeesAsync() }; // a restriction applies to open streams at once
                var (feiten, verder) = staart.Na(cursor, filter, 100) ?? await staart.InhalenAsync(cursor, filter, 100, stop);
                foreach (var feit in feiten)
                {
                    // Every stream reading the shared tail gets the same fact instance: it is encoded once, not once per stream.
                    var sse = SseBerichten.GetValue(feit, f => SseBericht(f, bron));
                    if (sse.Length > 0)
                    {
                        await response.WriteAsync(sse, stop);
                    }
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

    /// <summary>
    /// A page: at most <c>aantal</c> matching facts after <c>na</c>, and <c>volgende</c>, the position scanned up to —
    /// past facts the filter skipped (a full page: its last event; otherwise the head as it was before reading), so a
    /// filtered poller never scans the same range twice.
    /// </summary>
    private static async Task<Results<Ok<Pagina>, ProblemHttpResult>> LeesAsync(HttpContext context, IGebeurtenisLog log, Regio regio, IOptions<ApiOpties> opties)
    {
        var (filter, vanaf, kop, aantal, geweigerd) = await VraagAsync(context, _ => log.LaatstePositieAsync(context.RequestAborted), regio, null);
        if (geweigerd is not null)
        {
            return geweigerd;
        }

        var feiten = await log.LeesAsync(vanaf, aantal, filter, context.RequestAborted);
        var bron = Bron(opties.Value);
        var gebeurtenissen = feiten.Select(GebeurtenisTypen.Publiceer).OfType<Publicatie>().Select(p => Formaat.ConvertToJsonElement(Naar(p, bron))).ToArray();
        return TypedResults.Ok(new Pagina(gebeurtenissen, feiten.Count == aantal ? feiten[^1].Positie : Math.Max(vanaf, kop)));
    }

    /// <summary>The SSE message of each fact the silo's streams hold in memory, kept as long as the fact is.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LogFeit, string> SseBerichten = new();

    /// <summary>One fact as an SSE message (id = position, event = type, data = the CloudEvent); empty for a fact that is not published.</summary>
    private static string SseBericht(LogFeit feit, Uri bron)
    {
        if (GebeurtenisTypen.Publiceer(feit) is not { } publicatie)
        {
            return "";
        }

        var json = System.Text.Encoding.UTF8.GetString(Formaat.EncodeStructuredModeMessage(Naar(publicatie, bron), out var _).Span);
        return $"id: {publicatie.Positie}\nevent: {publicatie.TypeNaam}\ndata: {json}\n\n";
    }

    /// <summary>The source of every event: this system of the organisation (NL GOV profile: its OIN).</summary>
    private static Uri Bron(ApiOpties opties) => new($"urn:nld:oin:{opties.Oin}:systeem:trajecten");

    private static CloudEvent Naar(Publicatie p, Uri bron)
    {
        var gebeurtenis = new CloudEvent(CloudEventsSpecVersion.V1_0, [Volgorde, VolgordeType])
        {
            Id = p.Id, Source = bron, Type = p.TypeNaam, Time = p.Tijd, Subject = p.Subject, DataContentType = "application/json", Data = p.Data,
        };
        gebeurtenis[Volgorde] = p.Positie.ToString(CultureInfo.InvariantCulture);
        gebeurtenis[VolgordeType] = "Integer";
        return gebeurtenis;
    }

    /// <summary>
    /// Checks the query (400 listing every problem) and the gemeente scope (403), and builds the filter and the start:
    /// <c>na</c> is a position or <c>nu</c> (the head); a position past the head is refused, saying where the head is.
    /// <c>gemeente</c>, <c>soort</c> and <c>type</c> take several values (comma-separated or repeated). Returns the head as read before
    /// anything else, so a page can tell how far it scanned.
    /// </summary>
    private static async Task<(GebeurtenisFilter Filter, long Na, long Kop, int Aantal, ProblemHttpResult? Geweigerd)> VraagAsync(
        HttpContext context, Func<long, Task<long>> leesKop, Regio regio, long? hervat)
    {
        var query = context.Request.Query;
        var problemen = new List<Probleem>();
        var naTekst = query["na"].FirstOrDefault();
        long? na = null;
        var nu = false;
        if (naTekst == "nu")
        {
            nu = true;
        }
        else if (naTekst is not null)
        {
            if (long.TryParse(naTekst, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                na = n;
            }
            else
            {
                problemen.Add(Probleem.Ongeldig("na", "na is een positie (0 of hoger) of nu (vanaf het einde van het log)."));
            }
        }

        var aantalTekst = query["aantal"].FirstOrDefault();
        var aantal = 100;
        if (aantalTekst is not null && (!int.TryParse(aantalTekst, NumberStyles.None, CultureInfo.InvariantCulture, out aantal) || aantal is < 1 or > MaxAantal))
        {
            problemen.Add(Probleem.Ongeldig("aantal", $"aantal ligt tussen 1 en {MaxAantal}."));
        }

        static IEnumerable<string> Waarden(Microsoft.Extensions.Primitives.StringValues waarden) =>
            waarden.SelectMany(w => (w ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var gemeenten = new List<string>();
        foreach (var g in Waarden(query["gemeente"]))
        {
            if (regio.Zoek(g) is { } gevonden)
            {
                gemeenten.Add(gevonden);
            }
            else
            {
                problemen.Add(Probleem.Ongeldig("gemeente", $"{g} is geen gemeente van de regio; gemeente is één of meer van: {string.Join(", ", regio.Gemeenten)}."));
            }
        }

        var soorten = new List<MijlpaalSoort>();
        foreach (var soort in Waarden(query["soort"]))
        {
            if (TrajectCodes.Mijlpaal.TryParse(soort, out var m))
            {
                soorten.Add(m);
            }
            else
            {
                problemen.Add(Probleem.Ongeldig("soort", $"{soort} is geen soort mijlpaal; soort is één of meer van: {TrajectCodes.Mijlpaal.Toegestaan}."));
            }
        }

        var typen = new List<GebeurtenisType>();
        foreach (var type in Waarden(query["type"]))
        {
            if (GebeurtenisTypen.Codes.TryParse(type, out var t))
            {
                typen.Add(t);
            }
            else
            {
                problemen.Add(Probleem.Ongeldig("type", $"{type} is geen type gebeurtenis; type is {GebeurtenisTypen.Codes.Toegestaan}."));
            }
        }

        if (problemen.Count > 0)
        {
            throw OngeldigeInvoerException.Van(problemen);
        }

        // Gemeente scope: without the regional scope, only the caller's own gemeenten (all of them when none is named).
        var gebruiker = Gebruiker.Van(context.User);
        if (!gebruiker.Regionaal)
        {
            if (gemeenten.Count == 0)
            {
                gemeenten.AddRange(regio.Gemeenten.Where(gebruiker.MagGemeente));
            }

            if (gemeenten.Count == 0 || !gemeenten.All(gebruiker.MagGemeente))
            {
                return (new GebeurtenisFilter(), 0, 0, 0, Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                    "Kies met gemeente= gemeenten uit je token; alleen een regionaal token leest alle gemeenten."));
            }
        }

        var gevraagd = nu ? 0 : hervat ?? na ?? 0;
        var kop = await leesKop(gevraagd);
        var start = nu ? kop : gevraagd;
        if (start > kop)
        {
            var welke = hervat is not null ? "Last-Event-ID" : "na";
            throw OngeldigeInvoerException.Van([Probleem.Ongeldig(welke,
                $"{welke} ({start}) ligt voorbij het einde van het log (positie {kop}); ga verder vanaf {kop}, of met na=nu vanaf het einde.")]);
        }

        // Nothing about a client whose processing is restricted (AVG art. 18) goes out.
        var beperkt = await context.RequestServices.GetRequiredService<IClusterClient>().GetGrain<IBeperkingenGrain>(0).LeesAsync();
        return (new GebeurtenisFilter(gemeenten.Count == 0 ? null : gemeenten.Distinct().ToArray(), soorten.Count == 0 ? null : soorten.Distinct().ToArray(),
                typen.Count == 0 ? null : typen.Distinct().ToArray(), beperkt),
            start, kop, aantal, null);
    }
}
