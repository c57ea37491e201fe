using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Invoer;

/// <summary>Turns request bodies into commands, or a 400 that lists every problem.</summary>
public static class Verzoeken
{
    public static ClientRegistratie ClientRegistratie(VeldLezer invoer, Regio regio, DateOnly vandaag)
    {
        var bsn = LeesBsn(invoer);
        var gemeente = LeesGemeente(invoer, regio);
        var naam = invoer.Tekst("naam");
        var geboortedatum = invoer.Datum("geboortedatum");
        if (geboortedatum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig("geboortedatum", "geboortedatum ligt in de toekomst."));
        }

        var klantmanager = invoer.Tekst("klantmanager", maxLengte: Medewerker.MaxLengte);
        if (klantmanager is not null && !Medewerker.IsGeldig(klantmanager))
        {
            invoer.Meld(Probleem.Ongeldig("klantmanager", Medewerker.Fout));
        }

        var klantmanagerNaam = invoer.Tekst("klantmanagerNaam", maxLengte: 100);
        var contact = invoer.Object("contact");
        var telefoon = contact?.Tekst("telefoon", maxLengte: 30);
        var email = contact?.Tekst("email", maxLengte: 254);
        Controleer(invoer, "contact.telefoon", telefoon, TelefoonFout);
        Controleer(invoer, "contact.email", email, EmailFout);
        invoer.StopBijProblemen();
        return new ClientRegistratie
        {
            Bsn = bsn!.Value,
            Gemeente = gemeente!,
            Naam = naam,
            Geboortedatum = geboortedatum,
            Klantmanager = klantmanager,
            KlantmanagerNaam = klantmanagerNaam,
            Telefoon = telefoon,
            Email = email,
        };
    }

    /// <summary>A JSON merge patch of a client's profile: naam, klantmanager, klantmanagerNaam, contact.telefoon, contact.email.</summary>
    public static ClientPatch ClientPatch(VeldLezer invoer)
    {
        invoer.AlleenVelden(["naam", "klantmanager", "klantmanagerNaam", "contact"], veld => veld switch
        {
            "gemeente" => "De gemeente verandert met een verhuizing: POST …/verhuizing {naarGemeente}.",
            "bsn" => "Het BSN van een cliënt verandert niet.",
            "geboortedatum" => "De geboortedatum komt uit de registratie en verandert niet met een wijziging.",
            _ => null,
        });
        var contact = invoer.Heeft("contact") ? invoer.Object("contact") : null;
        contact?.AlleenVelden(["telefoon", "email"]);
        var patch = new ClientPatch
        {
            Naam = invoer.PatchTekst("naam"),
            Klantmanager = invoer.PatchTekst("klantmanager", Medewerker.MaxLengte, k => Medewerker.IsGeldig(k) ? null : Medewerker.Fout),
            KlantmanagerNaam = invoer.PatchTekst("klantmanagerNaam", 100),
            Telefoon = contact?.PatchTekst("telefoon", 30, TelefoonFout) ?? PatchVeld.Afwezig,
            Email = contact?.PatchTekst("email", 254, EmailFout) ?? PatchVeld.Afwezig,
        };
        invoer.StopBijProblemen();
        return patch;
    }

    public static string Verhuizing(VeldLezer invoer, Regio regio)
    {
        invoer.AlleenVelden(["naarGemeente"]);
        var tekst = invoer.Tekst("naarGemeente", verplicht: true, maxLengte: 100);
        var gemeente = tekst is null ? null : regio.Zoek(tekst);
        if (tekst is not null && gemeente is null)
        {
            invoer.Meld(Probleem.Ongeldig("naarGemeente", "naarGemeente is één van de gemeenten in de regio: " + string.Join(", ", regio.Gemeenten) + "."));
        }

        invoer.StopBijProblemen();
        return gemeente!;
    }

    /// <summary>A correction (<paramref name="soort"/> correctie: new datum and/or details) or a withdrawal, with its reason.</summary>
    public static CorrectieAanvraag Correctie(VeldLezer invoer, string idempotencyKey, string mijlpaalId, CorrectieSoort soort, DateOnly vandaag)
    {
        var reden = invoer.Tekst("reden", verplicht: true, maxLengte: CorrectieBesluit.MaxRedenLengte);
        DateOnly? datum = null;
        VeldLezer? details = null;
        if (soort == CorrectieSoort.Correctie)
        {
            invoer.AlleenVelden(["reden", "datum", "details"]);
            datum = invoer.Datum("datum");
            if (datum > vandaag)
            {
                invoer.Meld(Probleem.Ongeldig("datum", "datum ligt in de toekomst."));
            }

            details = invoer.Object("details");
            details?.AlleenVelden(["loonwaarde", "zorg", "instrumenten", "locatie", "kvkNummer", "reden"]);
            if (datum is null && details is null && invoer.Problemen.Count == 0)
            {
                invoer.Meld(Probleem.Verplicht("datum"));
                invoer.Meld(new Probleem("details", "required", "Een correctie geeft een nieuwe datum, nieuwe details, of allebei."));
            }
        }
        else
        {
            invoer.AlleenVelden(["reden"]);
        }

        var aanvraag = new CorrectieAanvraag
        {
            IdempotencyKey = idempotencyKey,
            MijlpaalId = mijlpaalId,
            Soort = soort,
            Reden = reden ?? "",
            Datum = datum,
            Loonwaarde = details?.Getal("loonwaarde", 0, 100),
            Zorg = details?.JaNee("zorg"),
            Instrumenten = details?.Codes("instrumenten", TrajectCodes.Instrument, maxAantal: 20),
            Locatie = details?.Tekst("locatie"),
            KvkNummer = details?.Tekst("kvkNummer", maxLengte: 20),
            RedenCode = details?.Tekst("reden", maxLengte: 50),
        };
        invoer.StopBijProblemen();
        return aanvraag;
    }

    public static NazorgAanvraag Nazorg(VeldLezer invoer, string idempotencyKey, DateOnly vandaag)
    {
        invoer.AlleenVelden(["datum", "aanHetWerk", "toelichting"]);
        var datum = invoer.Datum("datum", verplicht: true);
        if (datum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig("datum", "datum ligt in de toekomst; nazorg legt vast wat is vastgesteld."));
        }

        var aanHetWerk = invoer.JaNee("aanHetWerk", verplicht: true);
        var toelichting = invoer.Tekst("toelichting", maxLengte: 500);
        invoer.StopBijProblemen();
        return new NazorgAanvraag { IdempotencyKey = idempotencyKey, Datum = datum!.Value, AanHetWerk = aanHetWerk!.Value, Toelichting = toelichting };
    }

    public static HerbeoordelingAanvraag Herbeoordeling(VeldLezer invoer, string idempotencyKey, DateOnly vandaag)
    {
        invoer.AlleenVelden(["datum"]);
        var datum = invoer.Datum("datum", verplicht: true);
        if (datum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig("datum", "datum ligt in de toekomst; een herbeoordeling legt vast wat is gedaan."));
        }

        invoer.StopBijProblemen();
        return new HerbeoordelingAanvraag { IdempotencyKey = idempotencyKey, Datum = datum!.Value };
    }

    private static string? TelefoonFout(string telefoon) =>
        telefoon.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')') ? null : "telefoon bevat alleen cijfers, spaties en + - ( ).";

    private static string? EmailFout(string email) =>
        email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)
            ? "email is geen e-mailadres." : null;

    private static void Controleer(VeldLezer invoer, string veld, string? waarde, Func<string, string?> controle)
    {
        if (waarde is not null && controle(waarde) is { } fout)
        {
            invoer.Meld(Probleem.Ongeldig(veld, fout));
        }
    }

    public static Bsn Zoekvraag(VeldLezer invoer)
    {
        var bsn = LeesBsn(invoer);
        invoer.StopBijProblemen();
        return bsn!.Value;
    }

    /// <summary>
    /// A back office that links its own record of a person: the BSN and why it asks (<c>doel</c>, a code such as
    /// <c>uitkeringsadministratie</c>), which the access log keeps.
    /// </summary>
    public static (Bsn Bsn, string Doel) Koppelvraag(VeldLezer invoer)
    {
        var bsn = LeesBsn(invoer);
        var doel = invoer.Tekst("doel", verplicht: true, maxLengte: 60);
        if (doel is not null && !System.Text.RegularExpressions.Regex.IsMatch(doel, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            invoer.Meld(Probleem.Ongeldig("doel", "doel is een code van kleine letters, cijfers en streepjes, bijvoorbeeld uitkeringsadministratie."));
        }

        invoer.StopBijProblemen();
        return (bsn!.Value, doel!);
    }

    /// <summary>The most an aanmelding may be registered after the referral came in.</summary>
    public const int MaxDagenAanmeldingTerug = 366;

    public static (TrajectSoort Soort, DateOnly? Aanmelddatum) TrajectAanmelding(VeldLezer invoer, DateOnly vandaag)
    {
        var soort = invoer.Code("soort", TrajectCodes.Soort, verplicht: true);
        var datum = invoer.Datum("aanmelddatum");
        if (datum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig("aanmelddatum", "aanmelddatum ligt in de toekomst."));
        }
        else if (datum < vandaag.AddDays(-MaxDagenAanmeldingTerug))
        {
            invoer.Meld(Probleem.Ongeldig("aanmelddatum", $"aanmelddatum ligt meer dan {MaxDagenAanmeldingTerug} dagen terug."));
        }

        invoer.StopBijProblemen();
        return (soort!.Value, datum);
    }

    public static MijlpaalAanvraag Mijlpaal(VeldLezer invoer, string idempotencyKey, DateOnly vandaag)
    {
        var soort = invoer.Code("soort", TrajectCodes.Mijlpaal, verplicht: true);
        var datum = invoer.Datum("datum", verplicht: true);
        var details = new MijlpaalDetails
        {
            Loonwaarde = invoer.Getal("loonwaarde", 0, 100),
            Zorg = invoer.JaNee("zorg"),
            Instrumenten = invoer.Codes("instrumenten", TrajectCodes.Instrument, maxAantal: 20),
            Locatie = invoer.Tekst("locatie"),
            KvkNummer = invoer.Tekst("kvkNummer", maxLengte: 20),
            UitstroomReden = soort == MijlpaalSoort.Uitstroom ? invoer.Code("reden", TrajectCodes.UitstroomReden) : null,
            BeeindigingsReden = soort == MijlpaalSoort.Beeindigd ? invoer.Code("reden", TrajectCodes.BeeindigingsReden) : null,
        };
        if (soort is not null and not (MijlpaalSoort.Uitstroom or MijlpaalSoort.Beeindigd) && invoer.Tekst("reden") is not null)
        {
            invoer.Meld(Probleem.NietToegestaan("reden", $"reden hoort niet bij een mijlpaal van soort {TrajectCodes.Mijlpaal.Code(soort.Value)}."));
        }

        if (soort is not null && datum is not null)
        {
            // The domain's rules per soort; a field that already has a problem is not reported twice.
            var gemeld = invoer.Problemen.Select(p => p.Veld).ToHashSet();
            foreach (var probleem in MijlpaalInvoer.Valideer(soort.Value, datum.Value, details, vandaag).Where(p => !gemeld.Contains(p.Veld)))
            {
                invoer.Meld(probleem);
            }
        }

        invoer.StopBijProblemen();
        return new MijlpaalAanvraag { IdempotencyKey = idempotencyKey, Soort = soort!.Value, Datum = datum!.Value, Details = details };
    }

    public static (Bsn Bsn, SignaalAanvraag Aanvraag) Signaal(VeldLezer invoer, string idempotencyKey, DateOnly vandaag)
    {
        var bsn = LeesBsn(invoer);
        var domein = invoer.Code("domein", SignaalCodes.Domein, verplicht: true);
        var soort = invoer.Tekst("soort", verplicht: true, maxLengte: 50);
        if (domein is { } d && soort is not null && !SignaalCodes.IsSoort(d, soort))
        {
            invoer.Meld(Probleem.Ongeldig("soort",
                $"Een signaal van domein {SignaalCodes.Domein.Code(d)} heeft soort: {string.Join(", ", SignaalCodes.Soorten(d))}."));
        }

        var datum = invoer.Datum("datum", verplicht: true);
        if (datum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig("datum", "datum ligt in de toekomst."));
        }

        var organisatie = invoer.Object("bron", verplicht: true)?.Tekst("organisatie", verplicht: true);
        var contact = invoer.Object("contactpersoon", verplicht: true);
        var naam = contact?.Tekst("naam", verplicht: true);
        var telefoon = contact?.Tekst("telefoon", maxLengte: 30);
        if (telefoon is not null && !telefoon.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'))
        {
            invoer.Meld(Probleem.Ongeldig("contactpersoon.telefoon", "contactpersoon.telefoon bevat alleen cijfers, spaties en + - ( )."));
        }

        var email = contact?.Tekst("email", maxLengte: 254);
        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Contains(' ', StringComparison.Ordinal)))
        {
            invoer.Meld(Probleem.Ongeldig("contactpersoon.email", "contactpersoon.email is geen e-mailadres."));
        }

        var inhoud = invoer.Tekst("inhoud", maxLengte: 4000);
        invoer.StopBijProblemen();
        return (bsn!.Value, new SignaalAanvraag
        {
            IdempotencyKey = idempotencyKey,
            Domein = domein!.Value,
            Soort = soort!,
            Datum = datum!.Value,
            BronOrganisatie = organisatie!,
            Contactpersoon = new Contactpersoon { Naam = naam!, Telefoon = telefoon, Email = email },
            Inhoud = inhoud,
        });
    }

    public static WerkgeverGegevens Werkgever(VeldLezer invoer, string kvkNummer)
    {
        var naam = invoer.Tekst("naam", verplicht: true);
        var gemeente = invoer.Tekst("gemeente", verplicht: true, maxLengte: 100);
        var sector = invoer.Tekst("sector", maxLengte: 100);
        invoer.StopBijProblemen();
        return new WerkgeverGegevens { KvkNummer = kvkNummer, Naam = naam!, Gemeente = gemeente!, Sector = sector };
    }

    public static VacatureAanvraag Vacature(VeldLezer invoer)
    {
        var titel = invoer.Tekst("titel", verplicht: true);
        var aantal = invoer.GeheelGetal("aantal", 1, 1000, verplicht: true);
        var omschrijving = invoer.Tekst("omschrijving", maxLengte: 4000);
        var uren = invoer.GeheelGetal("urenPerWeek", 1, 60);
        var leerwerkplek = invoer.JaNee("leerwerkplek");
        var sluitingsdatum = invoer.Datum("sluitingsdatum");
        invoer.StopBijProblemen();
        return new VacatureAanvraag
        {
            Titel = titel!,
            Aantal = aantal!.Value,
            Omschrijving = omschrijving,
            UrenPerWeek = uren,
            Leerwerkplek = leerwerkplek ?? false,
            Sluitingsdatum = sluitingsdatum,
        };
    }

    private static Bsn? LeesBsn(VeldLezer invoer)
    {
        var tekst = invoer.Tekst("bsn", verplicht: true, maxLengte: 20);
        if (tekst is null)
        {
            return null;
        }

        if (Bsn.TryParse(tekst, out var bsn, out var fout))
        {
            return bsn;
        }

        invoer.Meld(Probleem.Ongeldig("bsn", fout));
        return null;
    }

    private static string? LeesGemeente(VeldLezer invoer, Regio regio)
    {
        var tekst = invoer.Tekst("gemeente", verplicht: true, maxLengte: 100);
        if (tekst is null)
        {
            return null;
        }

        var gemeente = regio.Zoek(tekst);
        if (gemeente is null)
        {
            invoer.Meld(Probleem.Ongeldig("gemeente", "gemeente is één van de gemeenten in de regio: " + string.Join(", ", regio.Gemeenten) + "."));
        }

        return gemeente;
    }
}
