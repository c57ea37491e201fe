using Trajecten.Abstractions.Messages;
using Trajecten.Domain;
using Trajecten.Domain.Client;
using Trajecten.Domain.Identificatie;
using Trajecten.Domain.Signalen;
using Trajecten.Domain.Traject;

namespace Trajecten.Api.Invoer;

/// <summary>
/// Turns checked request bodies into commands: the rules the contract's schema cannot state (the elfproef, the region's
/// gemeenten, dates not in the future, the domain's rules per milestone) are added to the problems the schema found, and
/// a 400 lists them all.
/// </summary>
public static class Verzoeken
{
    public static ClientRegistratie ClientRegistratie(Invoer<Verzoek.NieuweClient> invoer, Regio regio, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        var bsn = LeesBsn(invoer, v.Bsn);
        var gemeente = LeesGemeente(invoer, "gemeente", v.Gemeente, regio);
        NietInDeToekomst(invoer, "geboortedatum", v.Geboortedatum, vandaag);
        if (v.Klantmanager is { } klantmanager && !Medewerker.IsGeldig(klantmanager))
        {
            invoer.Meld(Probleem.Ongeldig("klantmanager", Medewerker.Fout));
        }

        invoer.StopBijProblemen();
        return new ClientRegistratie
        {
            Bsn = bsn!.Value,
            Gemeente = gemeente!,
            Naam = v.Naam,
            Geboortedatum = v.Geboortedatum,
            Klantmanager = v.Klantmanager,
            KlantmanagerNaam = v.KlantmanagerNaam,
            Telefoon = v.Contact?.Telefoon,
            Email = v.Contact?.Email,
        };
    }

    /// <summary>A JSON merge patch of a client's profile: naam, klantmanager, klantmanagerNaam, contact.telefoon, contact.email.</summary>
    public static ClientPatch ClientPatch(Invoer<Verzoek.ClientWijziging> invoer)
    {
        var v = invoer.Waarde;
        if (v.Klantmanager.Waarde is { } klantmanager && !Medewerker.IsGeldig(klantmanager))
        {
            invoer.Meld(Probleem.Ongeldig("klantmanager", Medewerker.Fout));
        }

        invoer.StopBijProblemen();
        return new ClientPatch
        {
            Naam = v.Naam,
            Klantmanager = v.Klantmanager,
            KlantmanagerNaam = v.KlantmanagerNaam,
            Telefoon = v.Contact?.Telefoon ?? PatchVeld.Afwezig,
            Email = v.Contact?.Email ?? PatchVeld.Afwezig,
        };
    }

    public static string Verhuizing(Invoer<Verzoek.Verhuizing> invoer, Regio regio)
    {
        var gemeente = LeesGemeente(invoer, "naarGemeente", invoer.Waarde.NaarGemeente, regio);
        invoer.StopBijProblemen();
        return gemeente!;
    }

    /// <summary>A request to destroy a person's data: the ground, as a code.</summary>
    public static string Vernietiging(Invoer<Verzoek.NieuweVernietiging> invoer)
    {
        invoer.StopBijProblemen();
        return invoer.Waarde.Grondslag!;
    }

    /// <summary>The confirmation of a request to destroy: its code.</summary>
    public static string Bevestiging(Invoer<Verzoek.Vernietigingsbevestiging> invoer)
    {
        invoer.StopBijProblemen();
        return invoer.Waarde.Bevestigingscode!;
    }

    /// <summary>The confirmation of a retention round: the date and the counts of the listing it repeats.</summary>
    public static (DateOnly Peildatum, int Verlopen, long Verwerkingen) Bewaarronde(Invoer<Verzoek.BewaarrondeBevestiging> invoer)
    {
        invoer.StopBijProblemen();
        return (invoer.Waarde.Peildatum!.Value, invoer.Waarde.Verlopen!.Value, invoer.Waarde.Verwerkingen!.Value);
    }

    /// <summary>Restrict the processing of a client's data (AVG art. 18) or lift the restriction, with the reason.</summary>
    public static (bool Beperkt, string Reden) Beperking(Invoer<Verzoek.BeperkingWijziging> invoer)
    {
        invoer.StopBijProblemen();
        return (invoer.Waarde.Beperkt!.Value, invoer.Waarde.Reden!);
    }

    /// <summary>A correction: a new datum and/or new details, with its reason.</summary>
    public static CorrectieAanvraag Correctie(Invoer<Verzoek.NieuweCorrectie> invoer, string idempotencyKey, string mijlpaalId, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        NietInDeToekomst(invoer, "datum", v.Datum, vandaag);
        if (v.Datum is null && v.Details is null && invoer.Problemen.Count == 0)
        {
            invoer.Meld(Probleem.Verplicht("datum"));
            invoer.Meld(new Probleem("details", "required", "Een correctie geeft een nieuwe datum, nieuwe details, of allebei."));
        }

        var details = v.Details;
        var instrumenten = Codes(invoer, "details.instrumenten", details?.Instrumenten, TrajectCodes.Instrument);
        invoer.StopBijProblemen();
        return new CorrectieAanvraag
        {
            IdempotencyKey = idempotencyKey,
            MijlpaalId = mijlpaalId,
            Soort = CorrectieSoort.Correctie,
            Reden = v.Reden!,
            Datum = v.Datum,
            Loonwaarde = details?.Loonwaarde,
            Zorg = details?.Zorg,
            Instrumenten = instrumenten,
            Locatie = details?.Locatie,
            KvkNummer = details?.KvkNummer,
            RedenCode = details?.Reden,
        };
    }

    /// <summary>A withdrawal of a milestone recorded in error, with its reason.</summary>
    public static CorrectieAanvraag Intrekking(Invoer<Verzoek.NieuweIntrekking> invoer, string idempotencyKey, string mijlpaalId)
    {
        invoer.StopBijProblemen();
        return new CorrectieAanvraag
        {
            IdempotencyKey = idempotencyKey, MijlpaalId = mijlpaalId, Soort = CorrectieSoort.Intrekking, Reden = invoer.Waarde.Reden!,
        };
    }

    public static NazorgAanvraag Nazorg(Invoer<Verzoek.NieuweNazorg> invoer, string idempotencyKey, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        NietInDeToekomst(invoer, "datum", v.Datum, vandaag, "; nazorg legt vast wat is vastgesteld");
        invoer.StopBijProblemen();
        return new NazorgAanvraag { IdempotencyKey = idempotencyKey, Datum = v.Datum!.Value, AanHetWerk = v.AanHetWerk!.Value, Toelichting = v.Toelichting };
    }

    public static HerbeoordelingAanvraag Herbeoordeling(Invoer<Verzoek.NieuweHerbeoordeling> invoer, string idempotencyKey, DateOnly vandaag)
    {
        var datum = invoer.Waarde.Datum;
        NietInDeToekomst(invoer, "datum", datum, vandaag, "; een herbeoordeling legt vast wat is gedaan");
        invoer.StopBijProblemen();
        return new HerbeoordelingAanvraag { IdempotencyKey = idempotencyKey, Datum = datum!.Value };
    }

    public static Bsn Zoekvraag(Invoer<Verzoek.Zoekvraag> invoer)
    {
        var bsn = LeesBsn(invoer, invoer.Waarde.Bsn);
        invoer.StopBijProblemen();
        return bsn!.Value;
    }

    /// <summary>
    /// A back office that links its own record of a person: the BSN and why it asks (<c>doel</c>, a code such as
    /// <c>uitkeringsadministratie</c>), which the access log keeps.
    /// </summary>
    public static (Bsn Bsn, string Doel) Koppelvraag(Invoer<Verzoek.Zoekvraag> invoer)
    {
        var bsn = LeesBsn(invoer, invoer.Waarde.Bsn);
        if (invoer.Waarde.Doel is null)
        {
            invoer.Meld(Probleem.Verplicht("doel"));
        }

        invoer.StopBijProblemen();
        return (bsn!.Value, invoer.Waarde.Doel!);
    }

    /// <summary>The most an aanmelding may be registered after the referral came in.</summary>
    public const int MaxDagenAanmeldingTerug = 366;

    public static (TrajectSoort Soort, DateOnly? Aanmelddatum) TrajectAanmelding(Invoer<Verzoek.NieuwTraject> invoer, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        var soort = Code(invoer, "soort", v.Soort, TrajectCodes.Soort);
        NietInDeToekomst(invoer, "aanmelddatum", v.Aanmelddatum, vandaag);
        if (v.Aanmelddatum < vandaag.AddDays(-MaxDagenAanmeldingTerug))
        {
            invoer.Meld(Probleem.Ongeldig("aanmelddatum", $"aanmelddatum ligt meer dan {MaxDagenAanmeldingTerug} dagen terug."));
        }

        invoer.StopBijProblemen();
        return (soort!.Value, v.Aanmelddatum);
    }

    public static MijlpaalAanvraag Mijlpaal(Invoer<Verzoek.NieuweMijlpaal> invoer, string idempotencyKey, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        var soort = Code(invoer, "soort", v.Soort, TrajectCodes.Mijlpaal);
        var details = new MijlpaalDetails
        {
            Loonwaarde = v.Loonwaarde,
            Zorg = v.Zorg,
            Instrumenten = Codes(invoer, "instrumenten", v.Instrumenten, TrajectCodes.Instrument),
            Locatie = v.Locatie,
            KvkNummer = v.KvkNummer,
            UitstroomReden = soort == MijlpaalSoort.Uitstroom ? Code(invoer, "reden", v.Reden, TrajectCodes.UitstroomReden) : null,
            BeeindigingsReden = soort == MijlpaalSoort.Beeindigd ? Code(invoer, "reden", v.Reden, TrajectCodes.BeeindigingsReden) : null,
        };
        if (soort is not null and not (MijlpaalSoort.Uitstroom or MijlpaalSoort.Beeindigd) && v.Reden is not null)
        {
            invoer.Meld(Probleem.NietToegestaan("reden", $"reden hoort niet bij een mijlpaal van soort {TrajectCodes.Mijlpaal.Code(soort.Value)}."));
        }

        if (soort is not null && v.Datum is not null)
        {
            foreach (var probleem in MijlpaalInvoer.Valideer(soort.Value, v.Datum.Value, details, vandaag))
            {
                invoer.Meld(probleem);
            }
        }

        invoer.StopBijProblemen();
        return new MijlpaalAanvraag { IdempotencyKey = idempotencyKey, Soort = soort!.Value, Datum = v.Datum!.Value, Details = details };
    }

    public static (Bsn Bsn, SignaalAanvraag Aanvraag) Signaal(Invoer<Verzoek.NieuwSignaal> invoer, string idempotencyKey, DateOnly vandaag)
    {
        var v = invoer.Waarde;
        var bsn = LeesBsn(invoer, v.Bsn);
        var domein = Code(invoer, "domein", v.Domein, SignaalCodes.Domein);
        if (domein is { } d && v.Soort is { } soort && !SignaalCodes.IsSoort(d, soort))
        {
            invoer.Meld(Probleem.Ongeldig("soort",
                $"Een signaal van domein {SignaalCodes.Domein.Code(d)} heeft soort: {string.Join(", ", SignaalCodes.Soorten(d))}."));
        }

        NietInDeToekomst(invoer, "datum", v.Datum, vandaag);
        invoer.StopBijProblemen();
        var contact = v.Contactpersoon!;
        return (bsn!.Value, new SignaalAanvraag
        {
            IdempotencyKey = idempotencyKey,
            Domein = domein!.Value,
            Soort = v.Soort!,
            Datum = v.Datum!.Value,
            BronOrganisatie = v.Bron!.Organisatie!,
            Contactpersoon = new Contactpersoon { Naam = contact.Naam!, Telefoon = contact.Telefoon, Email = contact.Email },
            Inhoud = v.Inhoud,
        });
    }

    public static WerkgeverGegevens Werkgever(Invoer<Verzoek.WerkgeverGegevens> invoer, string kvkNummer)
    {
        var v = invoer.Waarde;
        invoer.StopBijProblemen();
        return new WerkgeverGegevens { KvkNummer = kvkNummer, Naam = v.Naam!, Gemeente = v.Gemeente!, Sector = v.Sector };
    }

    public static VacatureAanvraag Vacature(Invoer<Verzoek.NieuweVacature> invoer)
    {
        var v = invoer.Waarde;
        invoer.StopBijProblemen();
        return new VacatureAanvraag
        {
            Titel = v.Titel!,
            Aantal = v.Aantal!.Value,
            Omschrijving = v.Omschrijving,
            UrenPerWeek = v.UrenPerWeek,
            Leerwerkplek = v.Leerwerkplek ?? false,
            Sluitingsdatum = v.Sluitingsdatum,
        };
    }

    /// <summary>A code the schema has already checked against its enum; the domain's list decides, so the two cannot drift apart unnoticed.</summary>
    public static T? Code<TInvoer, T>(Invoer<TInvoer> invoer, string veld, string? tekst, CodeLijst<T> codes) where T : struct, Enum
    {
        if (tekst is null)
        {
            return null;
        }

        if (codes.TryParse(tekst, out var waarde))
        {
            return waarde;
        }

        invoer.Meld(Probleem.Ongeldig(veld, $"{veld} is {codes.Toegestaan}."));
        return null;
    }

    private static T[]? Codes<TInvoer, T>(Invoer<TInvoer> invoer, string veld, string[]? teksten, CodeLijst<T> codes) where T : struct, Enum
    {
        if (teksten is null)
        {
            return null;
        }

        var waarden = new List<T>();
        for (var i = 0; i < teksten.Length; i++)
        {
            if (Code(invoer, $"{veld}[{i}]", teksten[i], codes) is { } waarde)
            {
                waarden.Add(waarde);
            }
        }

        return [.. waarden];
    }

    private static void NietInDeToekomst<T>(Invoer<T> invoer, string veld, DateOnly? datum, DateOnly vandaag, string uitleg = "")
    {
        if (datum > vandaag)
        {
            invoer.Meld(Probleem.Ongeldig(veld, $"{veld} ligt in de toekomst{uitleg}."));
        }
    }

    private static Bsn? LeesBsn<T>(Invoer<T> invoer, string? tekst)
    {
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

    /// <summary>A gemeente of the region, matched without regard to case; answered in the region's own spelling.</summary>
    public static string? LeesGemeente<T>(Invoer<T> invoer, string veld, string? tekst, Regio regio)
    {
        if (tekst is null)
        {
            return null;
        }

        var gemeente = regio.Zoek(tekst);
        if (gemeente is null)
        {
            invoer.Meld(Probleem.Ongeldig(veld, $"{veld} is één van de gemeenten in de regio: " + string.Join(", ", regio.Gemeenten) + "."));
        }

        return gemeente;
    }
}
