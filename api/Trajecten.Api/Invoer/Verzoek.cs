using Trajecten.Domain.Client;

namespace Trajecten.Api.Invoer;

/// <summary>
/// The request bodies as System.Text.Json binds them, one record per request schema of the contract (openapi.yaml) and
/// named after it. The contract's schema has already been checked when a record is bound; what stays nullable here can
/// still be absent, or removed because it had a problem, so the domain rules can report the other fields in the same 400.
/// </summary>
public static class Verzoek
{
    public sealed record NieuweClient(
        string? Bsn, string? Gemeente, string? Naam, DateOnly? Geboortedatum, string? Klantmanager, string? KlantmanagerNaam, Contact? Contact);

    public sealed record Contact(string? Telefoon, string? Email);

    public sealed record Zoekvraag(string? Bsn, string? Doel);

    /// <summary>A JSON merge patch (RFC 7396): a <see cref="PatchVeld"/> tells absent (keep) from null (remove) and a value (set).</summary>
    public sealed record ClientWijziging(PatchVeld Naam, PatchVeld Klantmanager, PatchVeld KlantmanagerNaam, ContactWijziging? Contact);

    public sealed record ContactWijziging(PatchVeld Telefoon, PatchVeld Email);

    public sealed record Verhuizing(string? NaarGemeente);

    public sealed record BeperkingWijziging(bool? Beperkt, string? Reden);

    public sealed record NieuweVernietiging(string? Grondslag);

    public sealed record Vernietigingsbevestiging(string? Bevestigingscode);

    public sealed record BewaarrondeBevestiging(DateOnly? Peildatum, int? Verlopen, long? Verwerkingen);

    public sealed record NieuwTraject(string? Soort, DateOnly? Aanmelddatum);

    public sealed record NieuweMijlpaal(
        string? Soort, DateOnly? Datum, decimal? Loonwaarde, bool? Zorg, string[]? Instrumenten, string? Locatie, string? KvkNummer,
        string? Reden);

    public sealed record NieuweCorrectie(string? Reden, DateOnly? Datum, Correctiedetails? Details);

    public sealed record Correctiedetails(
        decimal? Loonwaarde, bool? Zorg, string[]? Instrumenten, string? Locatie, string? KvkNummer, string? Reden);

    public sealed record NieuweIntrekking(string? Reden);

    public sealed record NieuweNazorg(DateOnly? Datum, bool? AanHetWerk, string? Toelichting);

    public sealed record NieuweHerbeoordeling(DateOnly? Datum);

    public sealed record NieuwSignaal(
        string? Bsn, string? Domein, string? Soort, DateOnly? Datum, Bron? Bron, Contactpersoon? Contactpersoon, string? Inhoud);

    public sealed record Bron(string? Organisatie);

    public sealed record Contactpersoon(string? Naam, string? Telefoon, string? Email);

    public sealed record WerkgeverGegevens(string? Naam, string? Gemeente, string? Sector);

    public sealed record NieuweVacature(
        string? Titel, int? Aantal, string? Omschrijving, int? UrenPerWeek, bool? Leerwerkplek, DateOnly? Sluitingsdatum);

    public sealed record NieuwAbonnement(string? CallbackUrl, string? Auth, Kanaal[]? Kanalen);

    public sealed record Kanaal(string? Naam, Kanaalfilters? Filters);

    public sealed record Kanaalfilters(string? Gemeente, string? Soort, string? Type);
}
