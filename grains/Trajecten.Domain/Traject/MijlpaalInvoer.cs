namespace Trajecten.Domain.Traject;

/// <summary>Which details each milestone soort takes, and what values they may have.</summary>
public static class MijlpaalInvoer
{
    public const int MaxTekstLengte = 200;

    public static IReadOnlyList<Probleem> Valideer(MijlpaalSoort soort, DateOnly datum, MijlpaalDetails d, DateOnly vandaag)
    {
        var problemen = new List<Probleem>();
        if (datum > vandaag)
        {
            problemen.Add(Probleem.Ongeldig("datum", $"De datum {datum:yyyy-MM-dd} ligt in de toekomst; een mijlpaal registreert wat al gebeurd is."));
        }

        var soortCode = TrajectCodes.Mijlpaal.Code(soort);
        void NietBij(string veld, bool aanwezig)
        {
            if (aanwezig)
            {
                problemen.Add(Probleem.NietToegestaan(veld, $"{veld} hoort niet bij een mijlpaal van soort {soortCode}."));
            }
        }

        NietBij("loonwaarde", d.Loonwaarde is not null && soort != MijlpaalSoort.Diagnose);
        NietBij("zorg", d.Zorg is not null && soort != MijlpaalSoort.Diagnose);
        NietBij("doelgroep", d.Doelgroep is not null);
        NietBij("instrumenten", d.Instrumenten is not null && soort != MijlpaalSoort.Plan);
        NietBij("locatie", d.Locatie is not null && soort != MijlpaalSoort.Leerwerkbedrijf);
        NietBij("kvkNummer", d.KvkNummer is not null && soort is not (MijlpaalSoort.Plaatsing or MijlpaalSoort.Uitstroom));
        NietBij("reden", (d.UitstroomReden is not null && soort != MijlpaalSoort.Uitstroom)
                         || (d.BeeindigingsReden is not null && soort != MijlpaalSoort.Beeindigd));

        switch (soort)
        {
            case MijlpaalSoort.Diagnose:
                var zorg = d.Zorg == true;
                if (d.Loonwaarde is null && !zorg)
                {
                    problemen.Add(Probleem.Ongeldig("loonwaarde", "Een diagnose heeft een loonwaarde (0 tot en met 100) of zorg: true."));
                }
                else if (d.Loonwaarde is not null && zorg)
                {
                    problemen.Add(Probleem.Ongeldig("zorg", "Geef een loonwaarde óf zorg: true, niet allebei."));
                }
                else if (d.Loonwaarde is { } lw && (lw < 0 || lw > 100))
                {
                    problemen.Add(Probleem.Ongeldig("loonwaarde", "De loonwaarde is een percentage van 0 tot en met 100."));
                }

                break;
            case MijlpaalSoort.Plan:
                if (d.Instrumenten is null || d.Instrumenten.Count == 0)
                {
                    problemen.Add(Probleem.Ongeldig("instrumenten", "Een plan noemt minstens één instrument: " + TrajectCodes.Instrument.Toegestaan + "."));
                }
                else if (d.Instrumenten.Distinct().Count() != d.Instrumenten.Count)
                {
                    problemen.Add(Probleem.Ongeldig("instrumenten", "Elk instrument mag maar één keer in het plan staan."));
                }

                break;
            case MijlpaalSoort.Leerwerkbedrijf:
                if (string.IsNullOrWhiteSpace(d.Locatie))
                {
                    problemen.Add(Probleem.Verplicht("locatie"));
                }
                else if (d.Locatie.Length > MaxTekstLengte)
                {
                    problemen.Add(Probleem.Ongeldig("locatie", $"locatie is hoogstens {MaxTekstLengte} tekens."));
                }

                break;
            case MijlpaalSoort.Plaatsing:
                if (d.KvkNummer is null)
                {
                    problemen.Add(Probleem.Verplicht("kvkNummer"));
                }

                break;
            case MijlpaalSoort.Uitstroom:
                if (d.UitstroomReden is null)
                {
                    problemen.Add(Probleem.Ongeldig("reden", "De reden van uitstroom is " + TrajectCodes.UitstroomReden.Toegestaan + "."));
                }

                break;
            case MijlpaalSoort.Beeindigd:
                if (d.BeeindigingsReden is null)
                {
                    problemen.Add(Probleem.Ongeldig("reden", "De reden van beëindiging is " + TrajectCodes.BeeindigingsReden.Toegestaan + "."));
                }

                break;
        }

        if (d.KvkNummer is not null && !Identificatie.KvkNummer.IsGeldig(d.KvkNummer))
        {
            problemen.Add(Probleem.Ongeldig("kvkNummer", Identificatie.KvkNummer.Fout));
        }

        return problemen;
    }
}
