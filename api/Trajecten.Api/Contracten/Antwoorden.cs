using Trajecten.Abstractions.Messages;
using Trajecten.Domain.Klantbeeld;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Contracten;

// The JSON the API answers with. Kept apart from grain state and messages so storage can change
// without changing the contract; property names are the lowerCamelCase Dutch of ../shared/API.md.

public sealed record ContactAntwoord(string? Telefoon, string? Email);

public sealed record ClientAntwoord(
    string ClientId, string Gemeente, string? Naam, DateOnly? Geboortedatum, string? Klantmanager,
    DateTimeOffset GeregistreerdOp, IReadOnlyList<string> TrajectIds, string? KlantmanagerNaam, ContactAntwoord? Contact,
    DateTimeOffset? VerwerkingBeperktSinds)
{
    public static ClientAntwoord Van(ClientProfiel p) =>
        new(p.ClientId, p.Gemeente, p.Naam, p.Geboortedatum, p.Klantmanager, p.GeregistreerdOp, p.TrajectIds, p.KlantmanagerNaam,
            p.Telefoon is null && p.Email is null ? null : new ContactAntwoord(p.Telefoon, p.Email), p.Beperking?.Op);

    /// <summary>The version of the profile as an entity tag: a change must name it in If-Match.</summary>
    public static string ETag(ClientProfiel p) => $"\"{p.Versie}\"";
}

public sealed record MijlpaalAntwoord(
    string MijlpaalId, int Volgnummer, string Soort, DateOnly Datum, DateTimeOffset GeregistreerdOp,
    decimal? Loonwaarde, bool? Zorg, string? Doelgroep, IReadOnlyList<string>? Instrumenten,
    string? Locatie, string? KvkNummer, string? Reden)
{
    public static MijlpaalAntwoord Van(Mijlpaal m)
    {
        var g = MijlpaalGegevens.Van(m.Details);
        return new(m.MijlpaalId, m.Volgnummer, TrajectCodes.Mijlpaal.Code(m.Soort), m.Datum, m.GeregistreerdOp,
            g.Loonwaarde, g.Zorg, g.Doelgroep, g.Instrumenten, g.Locatie, g.KvkNummer, g.Reden);
    }
}

public sealed record TermijnAntwoord(string Soort, DateTimeOffset Vervaltijd, DateTimeOffset? VerstrekenOp, int? Controle)
{
    public static TermijnAntwoord Van(Termijn t) => new(TermijnRegels.Codes.Code(t.Soort), t.Vervaltijd, t.VerstrekenOp, t.Controle);
}

/// <summary>A correction or withdrawal in the traject's history; <c>datum</c> and the details are the milestone's after a correction.</summary>
public sealed record CorrectieAntwoord(
    string CorrectieId, string MijlpaalId, string Soort, string? Reden, DateTimeOffset GeregistreerdOp, DateOnly? Datum,
    decimal? Loonwaarde, bool? Zorg, string? Doelgroep, IReadOnlyList<string>? Instrumenten, string? Locatie, string? KvkNummer, string? UitstroomReden)
{
    public static CorrectieAntwoord Van(MijlpaalCorrectie c) => new(
        c.CorrectieId, c.MijlpaalId, TrajectCodes.Correctie.Code(c.Soort), c.Reden, c.GeregistreerdOp, c.Datum,
        c.Details?.Loonwaarde, c.Details?.Zorg, c.Details?.Doelgroep is { } d ? TrajectCodes.Doelgroep.Code(d) : null,
        c.Details?.Instrumenten?.Select(TrajectCodes.Instrument.Code).ToArray(), c.Details?.Locatie, c.Details?.KvkNummer,
        c.Details?.UitstroomReden is { } u ? TrajectCodes.UitstroomReden.Code(u)
        : c.Details?.BeeindigingsReden is { } b ? TrajectCodes.BeeindigingsReden.Code(b) : null);
}

public sealed record NazorgAntwoordJson(string NazorgId, DateOnly Datum, bool AanHetWerk, string? Toelichting, DateTimeOffset GeregistreerdOp, int? Controle)
{
    public static NazorgAntwoordJson Van(NazorgUitkomst n) => new(n.NazorgId, n.Datum, n.AanHetWerk, n.Toelichting, n.GeregistreerdOp, n.Controle);
}

public sealed record HerbeoordelingAntwoordJson(string HerbeoordelingId, DateOnly Datum, DateTimeOffset GeregistreerdOp)
{
    public static HerbeoordelingAntwoordJson Van(Herbeoordeling h) => new(h.HerbeoordelingId, h.Datum, h.GeregistreerdOp);
}

public sealed record TrajectAntwoord(
    string TrajectId, string ClientId, string Gemeente, string Soort, string Fase, string? Doelgroep,
    DateTimeOffset AangemeldOp, IReadOnlyList<MijlpaalAntwoord> Mijlpalen, IReadOnlyList<TermijnAntwoord> Termijnen,
    IReadOnlyList<CorrectieAntwoord> Correcties, IReadOnlyList<NazorgAntwoordJson> Nazorg, IReadOnlyList<HerbeoordelingAntwoordJson> Herbeoordelingen)
{
    public static TrajectAntwoord Van(TrajectOverzicht t) => new(
        t.TrajectId, t.ClientId, t.Gemeente, TrajectCodes.Soort.Code(t.Soort), TrajectCodes.Fase.Code(t.Fase),
        t.Doelgroep is { } d ? TrajectCodes.Doelgroep.Code(d) : null, t.AangemeldOp,
        t.Mijlpalen.Select(MijlpaalAntwoord.Van).ToArray(), t.Termijnen.Select(TermijnAntwoord.Van).ToArray(),
        t.Correcties.Select(CorrectieAntwoord.Van).ToArray(), t.Nazorg.Select(NazorgAntwoordJson.Van).ToArray(),
        t.Herbeoordelingen.Select(HerbeoordelingAntwoordJson.Van).ToArray());
}

public sealed record MijlpalenAntwoord(string TrajectId, IReadOnlyList<MijlpaalAntwoord> Mijlpalen);

public sealed record BronAntwoord(string Organisatie);

public sealed record ContactpersoonAntwoord(string Naam, string? Telefoon, string? Email);

public sealed record SignaalAntwoord(
    string SignaalId, string Domein, string Soort, DateOnly Datum, BronAntwoord Bron, ContactpersoonAntwoord Contactpersoon, string? Inhoud)
{
    public static SignaalAntwoord Van(SignaalMelding s, string? inhoud) => new(
        s.SignaalId, SignaalCodes.Domein.Code(s.Domein), s.Soort, s.Datum, new BronAntwoord(s.BronOrganisatie),
        new ContactpersoonAntwoord(s.Contactpersoon.Naam, s.Contactpersoon.Telefoon, s.Contactpersoon.Email), inhoud);
}

public sealed record SignaalOntvangstAntwoord(string SignaalId);

public sealed record AandachtspuntAntwoord(string Code, string Omschrijving, DateOnly Sinds, string? TrajectId)
{
    public static AandachtspuntAntwoord Van(Aandachtspunt a) => new(a.Code, a.Omschrijving, a.Sinds, a.TrajectId);
}

public sealed record KlantbeeldTrajectAntwoord(
    string TrajectId, string Soort, string Fase, string? Doelgroep, DateTimeOffset AangemeldOp, IReadOnlyList<MijlpaalAntwoord> Mijlpalen,
    IReadOnlyList<CorrectieAntwoord> Correcties);

public sealed record KlantbeeldAntwoord(
    string ClientId, string Gemeente, string? Klantmanager, string? Doelgroep,
    IReadOnlyList<KlantbeeldTrajectAntwoord> Trajecten, IReadOnlyList<SignaalAntwoord> Signalen,
    IReadOnlyList<AandachtspuntAntwoord> Aandachtspunten, DateTimeOffset BijgewerktOp)
{
    /// <summary>The view for one reader; <paramref name="inhoud"/> maps signaalId to content, only for signals the reader may read.</summary>
    public static KlantbeeldAntwoord Van(Klantbeeld k, IReadOnlyDictionary<string, string> inhoud) => new(
        k.ClientId, k.Gemeente, k.Klantmanager, k.Doelgroep is { } d ? TrajectCodes.Doelgroep.Code(d) : null,
        k.Trajecten.Select(t => new KlantbeeldTrajectAntwoord(
            t.TrajectId, TrajectCodes.Soort.Code(t.Soort), TrajectCodes.Fase.Code(t.Fase),
            t.Doelgroep is { } td ? TrajectCodes.Doelgroep.Code(td) : null, t.AangemeldOp,
            t.Mijlpalen.Select(MijlpaalAntwoord.Van).ToArray(), t.Correcties.Select(CorrectieAntwoord.Van).ToArray())).ToArray(),
        k.Signalen.Select(s => SignaalAntwoord.Van(s, inhoud.GetValueOrDefault(s.SignaalId))).ToArray(),
        k.Aandachtspunten.Select(AandachtspuntAntwoord.Van).ToArray(),
        k.BijgewerktOp);
}

public sealed record VacatureAntwoord(
    string VacatureId, string Titel, int Aantal, string? Omschrijving, int? UrenPerWeek, bool Leerwerkplek,
    DateOnly? Sluitingsdatum, DateTimeOffset GeplaatstOp)
{
    public static VacatureAntwoord Van(Vacature v) => new(
        v.VacatureId, v.Gegevens.Titel, v.Gegevens.Aantal, v.Gegevens.Omschrijving, v.Gegevens.UrenPerWeek,
        v.Gegevens.Leerwerkplek, v.Gegevens.Sluitingsdatum, v.GeplaatstOp);
}

public sealed record PlaatsingAntwoord(string TrajectId, string MijlpaalId, string Soort, DateOnly Datum);

public sealed record WerkgeverAntwoord(
    string KvkNummer, string Naam, string Gemeente, string? Sector, DateTimeOffset GeregistreerdOp, DateTimeOffset GewijzigdOp,
    IReadOnlyList<PlaatsingAntwoord> Plaatsingen, IReadOnlyList<VacatureAntwoord> Vacatures)
{
    public static WerkgeverAntwoord Van(WerkgeverOverzicht w) => new(
        w.Gegevens.KvkNummer, w.Gegevens.Naam, w.Gegevens.Gemeente, w.Gegevens.Sector, w.GeregistreerdOp, w.GewijzigdOp,
        w.Plaatsingen.Select(p => new PlaatsingAntwoord(p.TrajectId, p.MijlpaalId, p.Soort, p.Datum)).ToArray(),
        w.Vacatures.Select(VacatureAntwoord.Van).ToArray());
}
