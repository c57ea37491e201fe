using Trajecten.Abstractions.Log;
using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Traject;

namespace Trajecten.Abstractions.Publicatie;

/// <summary>
/// The facts of the log that back offices receive (feed, SSE, webhooks), each as a CloudEvents type. Subscriptions store
/// these as numbers: add new members at the end, never reorder.
/// </summary>
public enum GebeurtenisType
{
    TrajectGestart,
    MijlpaalGeregistreerd,
    MijlpaalGecorrigeerd,
    MijlpaalIngetrokken,
    TermijnVerstreken,
    NazorgVastgelegd,
    TrajectVerhuisd,
    ClientVerhuisd,
    HerbeoordelingVastgelegd,
}

/// <summary>
/// The one place that decides what a back office sees of a fact: its CloudEvents type, id, subject and data, and the
/// webhook notification (VNG Notificaties style) that points at it. Data is what a receiver needs to act without calling
/// back, within data minimisation: pseudonymous ids, gemeente, codes and dates; never a BSN, a name, free text (a
/// correction's reason, a nazorg toelichting) or a signal. Signals and profile changes are not published.
/// </summary>
public static class GebeurtenisTypen
{
    private const string Api = "/api/v1";

    public static readonly CodeLijst<GebeurtenisType> Codes = new(
        (GebeurtenisType.TrajectGestart, "nl.participatiewet.traject.gestart"),
        (GebeurtenisType.MijlpaalGeregistreerd, "nl.participatiewet.traject.mijlpaal-geregistreerd"),
        (GebeurtenisType.MijlpaalGecorrigeerd, "nl.participatiewet.traject.mijlpaal-gecorrigeerd"),
        (GebeurtenisType.MijlpaalIngetrokken, "nl.participatiewet.traject.mijlpaal-ingetrokken"),
        (GebeurtenisType.TermijnVerstreken, "nl.participatiewet.traject.termijn-verstreken"),
        (GebeurtenisType.NazorgVastgelegd, "nl.participatiewet.traject.nazorg-vastgelegd"),
        (GebeurtenisType.TrajectVerhuisd, "nl.participatiewet.traject.verhuisd"),
        (GebeurtenisType.ClientVerhuisd, "nl.participatiewet.client.verhuisd"),
        (GebeurtenisType.HerbeoordelingVastgelegd, "nl.participatiewet.traject.herbeoordeling-vastgelegd"));

    /// <summary>The types a webhook delivers: every traject type. A client's move reaches webhooks as <c>traject.verhuisd</c> of each of its trajecten.</summary>
    public static readonly IReadOnlyList<GebeurtenisType> Webhook = Enum.GetValues<GebeurtenisType>().Where(t => t != GebeurtenisType.ClientVerhuisd).ToArray();

    /// <summary>What a webhook subscription made before subscriptions named their types receives: milestones only.</summary>
    public static readonly IReadOnlyList<GebeurtenisType> WebhookZonderTypen = [GebeurtenisType.MijlpaalGeregistreerd];

    private static readonly Dictionary<string, GebeurtenisType> PerLogType = new(StringComparer.Ordinal)
    {
        [LogFormaat.TrajectGeopend] = GebeurtenisType.TrajectGestart,
        [LogFormaat.Mijlpaal] = GebeurtenisType.MijlpaalGeregistreerd,
        [LogFormaat.MijlpaalGecorrigeerd] = GebeurtenisType.MijlpaalGecorrigeerd,
        [LogFormaat.MijlpaalIngetrokken] = GebeurtenisType.MijlpaalIngetrokken,
        [LogFormaat.TermijnVerstreken] = GebeurtenisType.TermijnVerstreken,
        [LogFormaat.NazorgVastgelegd] = GebeurtenisType.NazorgVastgelegd,
        [LogFormaat.TrajectVerhuisd] = GebeurtenisType.TrajectVerhuisd,
        [LogFormaat.ClientVerhuisd] = GebeurtenisType.ClientVerhuisd,
        [LogFormaat.HerbeoordelingVastgelegd] = GebeurtenisType.HerbeoordelingVastgelegd,
    };

    /// <summary>The published type of a stored fact type; null for facts that are not published.</summary>
    public static GebeurtenisType? Van(string logType) => PerLogType.TryGetValue(logType, out var t) ? t : null;

    /// <summary>The stored fact types of these published types (what the log's reader selects on).</summary>
    public static IReadOnlyList<string> LogTypen(IEnumerable<GebeurtenisType> typen)
    {
        var gevraagd = typen.ToHashSet();
        return PerLogType.Where(p => gevraagd.Contains(p.Value)).Select(p => p.Key).ToArray();
    }

    /// <summary>The stored fact types whose <c>van</c> is the gemeente a client left (a move is news for both gemeenten).</summary>
    public static readonly IReadOnlyList<string> Verhuizingen = [LogFormaat.TrajectVerhuisd, LogFormaat.ClientVerhuisd];

    /// <summary>The gemeenten a fact concerns: its gemeente, and for a move also the gemeente left.</summary>
    public static IEnumerable<string> Gemeenten(LogFeit feit)
    {
        if (feit.Gemeente is { } gemeente)
        {
            yield return gemeente;
        }

        switch (feit.Gegevens)
        {
            case GemeenteWissel w:
                yield return w.Van;
                break;
            case ClientVerhuisd v:
                yield return v.Van;
                break;
        }
    }

    /// <summary>The soort of the milestone a fact is about (a milestone, a correction); null for other facts.</summary>
    public static MijlpaalSoort? MijlpaalSoortVan(object gegevens) => gegevens switch
    {
        Mijlpaal m => m.Soort,
        MijlpaalCorrectie c => c.MijlpaalSoort,
        _ => null,
    };

    /// <summary>The fact as back offices receive it; null for a fact that is not published (or that this version cannot read).</summary>
    public static Publicatie? Publiceer(LogFeit feit)
    {
        if (Van(feit.Type) is not { } type || feit.Gemeente is not { } gemeente)
        {
            return null;
        }

        var traject = $"{Api}/trajecten/{feit.StroomId}";
        var kenmerken = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = Codes.Code(type),
            ["gemeente"] = gemeente,
            ["positie"] = feit.Positie,
        };

        Publicatie Traject(string id, object data, string resource, string actie, string resourcePad, IEnumerable<KeyValuePair<string, object>> meer)
        {
            foreach (var (naam, waarde) in meer)
            {
                kenmerken[naam] = waarde;
            }

            return new Publicatie(type, id, feit.Positie, feit.StroomId, feit.GeregistreerdOp, gemeente, data,
                new WebhookMelding(resource, actie, traject, resourcePad, kenmerken));
        }

        static IEnumerable<KeyValuePair<string, object>> Details(MijlpaalGegevens g) =>
            g.AlsKenmerken().Select(k => KeyValuePair.Create(k.Key, (object)k.Value));
        static IEnumerable<KeyValuePair<string, object>> Paar(string naam, object? waarde) =>
            waarde is null ? [] : [KeyValuePair.Create(naam, waarde)];

        switch (feit.Gegevens)
        {
            case TrajectGeopend g:
                var soort = TrajectCodes.Soort.Code(g.Soort);
                return Traject($"{feit.StroomId}-gestart", new TrajectGestartData(feit.StroomId, feit.ClientId, gemeente, soort, g.AangemeldOp),
                    "traject", "create", traject, Paar("trajectSoort", soort));

            case Mijlpaal m:
                var details = MijlpaalGegevens.Van(m.Details);
                var code = TrajectCodes.Mijlpaal.Code(m.Soort);
                return Traject(m.MijlpaalId,
                    new MijlpaalGeregistreerdData(feit.StroomId, feit.ClientId, gemeente, code, m.Datum, m.Volgnummer, m.MijlpaalId, details),
                    "mijlpaal", "create", $"{traject}/mijlpalen/{m.MijlpaalId}",
                    [.. Paar("soort", code), .. Paar("volgnummer", m.Volgnummer), .. Details(details)]);

            case MijlpaalCorrectie { Soort: CorrectieSoort.Intrekking } c:
                var ingetrokken = c.MijlpaalSoort is { } i ? TrajectCodes.Mijlpaal.Code(i) : null;
                return Traject(c.CorrectieId, new MijlpaalIngetrokkenData(feit.StroomId, feit.ClientId, gemeente, c.MijlpaalId, ingetrokken, c.CorrectieId),
                    "mijlpaal", "destroy", $"{traject}/mijlpalen/{c.MijlpaalId}", Paar("soort", ingetrokken));

            case MijlpaalCorrectie c:
                var gecorrigeerd = c.MijlpaalSoort is { } s ? TrajectCodes.Mijlpaal.Code(s) : null;
                var nieuw = c.Details is { } d ? MijlpaalGegevens.Van(d) : null;
                return Traject(c.CorrectieId,
                    new MijlpaalGecorrigeerdData(feit.StroomId, feit.ClientId, gemeente, c.MijlpaalId, gecorrigeerd, c.CorrectieId, c.Datum, nieuw),
                    "mijlpaal", "update", $"{traject}/mijlpalen/{c.MijlpaalId}",
                    [.. Paar("soort", gecorrigeerd), .. nieuw is null ? [] : Details(nieuw)]);

            case Termijn t:
                var termijn = TermijnRegels.Codes.Code(t.Soort);
                return Traject($"{feit.StroomId}-{feit.FeitId}",
                    new TermijnVerstrekenData(feit.StroomId, feit.ClientId, gemeente, termijn, t.Vervaltijd, t.Controle),
                    "termijn", "update", traject, [.. Paar("termijn", termijn), .. Paar("controle", t.Controle)]);

            case NazorgUitkomst n:
                return Traject(n.NazorgId, new NazorgVastgelegdData(feit.StroomId, feit.ClientId, gemeente, n.NazorgId, n.Datum, n.AanHetWerk, n.Controle),
                    "nazorg", "create", traject, [.. Paar("aanHetWerk", n.AanHetWerk), .. Paar("controle", n.Controle)]);

            case Herbeoordeling h:
                return Traject(h.HerbeoordelingId, new HerbeoordelingVastgelegdData(feit.StroomId, feit.ClientId, gemeente, h.HerbeoordelingId, h.Datum),
                    "herbeoordeling", "create", traject, []);

            case GemeenteWissel w:
                return Traject($"{feit.StroomId}-{feit.FeitId}", new TrajectVerhuisdData(feit.StroomId, feit.ClientId, gemeente, w.Van, w.Naar, w.Op),
                    "traject", "update", traject, [.. Paar("van", w.Van), .. Paar("naar", w.Naar)]);

            case ClientVerhuisd v:
                var id = $"{feit.ClientId}-{feit.FeitId}";
                return new Publicatie(type, id, feit.Positie, feit.ClientId, feit.GeregistreerdOp, gemeente,
                    new ClientVerhuisdData(feit.ClientId, gemeente, v.Van, v.Naar, v.Op), null);

            default:
                return null; // a published type this version cannot read: not passed on half
        }
    }
}

/// <summary>
/// A fact as back offices receive it. <see cref="Id"/> is unique per fact (what a receiver deduplicates on),
/// <see cref="Subject"/> the traject (or for a client's move the client) it is about. <see cref="Webhook"/> is null for a type
/// that webhooks do not deliver.
/// </summary>
public sealed record Publicatie(
    GebeurtenisType Type, string Id, long Positie, string Subject, DateTimeOffset Tijd, string Gemeente, object Data, WebhookMelding? Webhook)
{
    public string TypeNaam => GebeurtenisTypen.Codes.Code(Type);
}

/// <summary>
/// What a webhook notification says about a fact, VNG Notificaties style: the traject as <c>hoofdObject</c>, the resource
/// that changed and how (<c>create</c>, <c>update</c>, <c>destroy</c>), paths under the API's base, and kenmerken to filter on.
/// Termijnen and nazorg are part of the traject: their <c>resourceUrl</c> is the traject.
/// </summary>
public sealed record WebhookMelding(string Resource, string Actie, string HoofdObjectPad, string ResourcePad, IReadOnlyDictionary<string, object> Kenmerken);

/// <summary><c>nl.participatiewet.traject.gestart</c>: a traject was opened for a client (soort: re-integratie, participatie).</summary>
public sealed record TrajectGestartData(string TrajectId, string ClientId, string Gemeente, string Soort, DateTimeOffset AangemeldOp);

/// <summary><c>nl.participatiewet.traject.mijlpaal-geregistreerd</c>: a milestone with its details.</summary>
public sealed record MijlpaalGeregistreerdData(
    string TrajectId, string ClientId, string Gemeente, string Soort, DateOnly Datum, int Volgnummer, string MijlpaalId, MijlpaalGegevens Details);

/// <summary><c>nl.participatiewet.traject.mijlpaal-gecorrigeerd</c>: the milestone's date and details after the correction.</summary>
public sealed record MijlpaalGecorrigeerdData(
    string TrajectId, string ClientId, string Gemeente, string MijlpaalId, string? Soort, string CorrectieId, DateOnly? Datum, MijlpaalGegevens? Details);

/// <summary><c>nl.participatiewet.traject.mijlpaal-ingetrokken</c>: the milestone no longer counts.</summary>
public sealed record MijlpaalIngetrokkenData(string TrajectId, string ClientId, string Gemeente, string MijlpaalId, string? Soort, string CorrectieId);

/// <summary><c>nl.participatiewet.traject.termijn-verstreken</c>: a deadline (zoekperiode, herbeoordeling, nazorg) fell due.</summary>
public sealed record TermijnVerstrekenData(string TrajectId, string ClientId, string Gemeente, string Termijn, DateTimeOffset Vervaltijd, int? Controle);

/// <summary><c>nl.participatiewet.traject.nazorg-vastgelegd</c>: the outcome of a nazorg check (without the klantmanager's toelichting).</summary>
public sealed record NazorgVastgelegdData(string TrajectId, string ClientId, string Gemeente, string NazorgId, DateOnly Datum, bool AanHetWerk, int? Controle);

/// <summary><c>nl.participatiewet.traject.herbeoordeling-vastgelegd</c>: the periodic reassessment was done; the next is due a period later.</summary>
public sealed record HerbeoordelingVastgelegdData(string TrajectId, string ClientId, string Gemeente, string HerbeoordelingId, DateOnly Datum);

/// <summary>
/// <c>nl.participatiewet.traject.verhuisd</c>: the traject moved with its client to another gemeente of the region
/// (<see cref="Gemeente"/> is the new one, as in every event: where the subject belongs now).
/// </summary>
public sealed record TrajectVerhuisdData(string TrajectId, string ClientId, string Gemeente, string Van, string Naar, DateTimeOffset Op);

/// <summary><c>nl.participatiewet.client.verhuisd</c>: the client moved to another gemeente of the region (<see cref="Gemeente"/> is the new one).</summary>
public sealed record ClientVerhuisdData(string ClientId, string Gemeente, string Van, string Naar, DateTimeOffset Op);
