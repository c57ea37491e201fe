using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trajecten.Abstractions.Messages;
using Trajecten.Api.Autorisatie;
using Trajecten.Api.Invoer;
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
        return app;
    }

    private static async Task<Results<Ok<Pagina>, ProblemHttpResult>> LeesAsync(
        long? na, int? aantal, string? gemeente, string? soort, HttpContext context, IGebeurtenisLog log, Regio regio, IOptions<ApiOpties> opties)
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
                return Problemen.Probleem(StatusCodes.Status403Forbidden, "Geen toegang",
                    "Kies met gemeente= een van de gemeenten in je token; alleen een regionaal token leest alle gemeenten.");
            }
        }

        var vanaf = na ?? 0;
        var feiten = await log.LeesAsync(vanaf, aantal ?? 100, new GebeurtenisFilter(gevonden, mijlpaalSoort), context.RequestAborted);
        var bron = $"urn:nld:oin:{opties.Value.Oin}:systeem:trajecten";
        return TypedResults.Ok(new Pagina(
            feiten.Select(f => new CloudEvent("1.0", f.Mijlpaal.MijlpaalId, bron, Type, f.Mijlpaal.GeregistreerdOp, f.TrajectId,
                "application/json", f.Positie.ToString(CultureInfo.InvariantCulture), "Integer",
                new CloudEventData(f.TrajectId, f.ClientId, f.Gemeente, TrajectCodes.Mijlpaal.Code(f.Mijlpaal.Soort), f.Mijlpaal.Datum,
                    f.Mijlpaal.Volgnummer, f.Mijlpaal.MijlpaalId))).ToArray(),
            feiten.Count == 0 ? vanaf : feiten[^1].Positie));
    }
}
