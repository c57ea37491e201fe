using System.Globalization;
using System.Text.Json;
using Trajecten.Domain;

namespace Trajecten.Api.Invoer;

/// <summary>
/// Reads the fields of a JSON object and collects every problem (missing, wrong type, out of range)
/// instead of stopping at the first, so a 400 lists them all. JSON null counts as absent.
/// </summary>
public sealed class VeldLezer
{
    private readonly JsonElement _object;
    private readonly string _pad;
    private readonly List<Probleem> _problemen;

    public VeldLezer(JsonElement jsonObject) : this(jsonObject, "", []) { }

    private VeldLezer(JsonElement jsonObject, string pad, List<Probleem> problemen)
    {
        _object = jsonObject;
        _pad = pad;
        _problemen = problemen;
    }

    public IReadOnlyList<Probleem> Problemen => _problemen;

    public void Meld(Probleem probleem) => _problemen.Add(probleem with { Veld = Pad(probleem.Veld) });

    /// <summary>Throws a 400 listing every problem found so far, if any.</summary>
    public void StopBijProblemen()
    {
        if (_problemen.Count > 0)
        {
            throw OngeldigeInvoerException.Van(_problemen);
        }
    }

    public string? Tekst(string naam, bool verplicht = false, int maxLengte = 200)
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind != JsonValueKind.String)
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een tekst zijn.");
            return null;
        }

        var tekst = waarde.GetString()!.Trim();
        if (tekst.Length == 0)
        {
            if (verplicht)
            {
                Fout(naam, "required", $"{Pad(naam)} is verplicht en mag niet leeg zijn.");
            }

            return null;
        }

        if (tekst.Length > maxLengte)
        {
            Fout(naam, "max-length", $"{Pad(naam)} is hoogstens {maxLengte} tekens.");
            return null;
        }

        if (tekst.Any(char.IsControl))
        {
            Fout(naam, "invalid", $"{Pad(naam)} bevat stuurtekens.");
            return null;
        }

        return tekst;
    }

    /// <summary>A code from a fixed list.</summary>
    public T? Code<T>(string naam, CodeLijst<T> codes, bool verplicht = false) where T : struct, Enum
    {
        var tekst = Tekst(naam, verplicht, 100);
        if (tekst is null)
        {
            return null;
        }

        if (codes.TryParse(tekst, out var waarde))
        {
            return waarde;
        }

        Fout(naam, "invalid", $"{Pad(naam)} is {codes.Toegestaan}.");
        return null;
    }

    public DateOnly? Datum(string naam, bool verplicht = false)
    {
        var tekst = Tekst(naam, verplicht, 10);
        if (tekst is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(tekst, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var datum)
            && datum.Year >= 1900)
        {
            return datum;
        }

        Fout(naam, "invalid-date", $"{Pad(naam)} is een datum als JJJJ-MM-DD (vanaf 1900).");
        return null;
    }

    public decimal? Getal(string naam, decimal min, decimal max, bool verplicht = false)
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind != JsonValueKind.Number || !waarde.TryGetDecimal(out var getal))
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een getal zijn.");
            return null;
        }

        if (getal < min || getal > max)
        {
            Fout(naam, "out-of-range", $"{Pad(naam)} ligt tussen {min} en {max}.");
            return null;
        }

        return getal;
    }

    public int? GeheelGetal(string naam, int min, int max, bool verplicht = false)
    {
        var getal = Getal(naam, min, max, verplicht);
        if (getal is null)
        {
            return null;
        }

        if (!decimal.IsInteger(getal.Value))
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een geheel getal zijn.");
            return null;
        }

        return (int)getal.Value;
    }

    public bool? JaNee(string naam, bool verplicht = false)
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet true of false zijn.");
            return null;
        }

        return waarde.GetBoolean();
    }

    /// <summary>A list of codes from a fixed list; every wrong element is reported.</summary>
    public T[]? Codes<T>(string naam, CodeLijst<T> codes, int maxAantal, bool verplicht = false) where T : struct, Enum
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind != JsonValueKind.Array)
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een lijst zijn.");
            return null;
        }

        if (waarde.GetArrayLength() > maxAantal)
        {
            Fout(naam, "max-items", $"{Pad(naam)} heeft hoogstens {maxAantal} elementen.");
            return null;
        }

        var resultaat = new List<T>();
        var i = 0;
        foreach (var element in waarde.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && codes.TryParse(element.GetString(), out var code))
            {
                resultaat.Add(code);
            }
            else
            {
                Fout($"{naam}[{i}]", "invalid", $"{Pad(naam)}[{i}] is {codes.Toegestaan}.");
            }

            i++;
        }

        return resultaat.ToArray();
    }

    /// <summary>A list of objects; their problems are reported as kanalen[0].naam.</summary>
    public IReadOnlyList<VeldLezer>? Lijst(string naam, bool verplicht = false)
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind != JsonValueKind.Array || waarde.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een lijst van objecten zijn.");
            return null;
        }

        return waarde.EnumerateArray().Select((e, i) => new VeldLezer(e, $"{Pad(naam)}[{i}].", _problemen)).ToArray();
    }

    /// <summary>A nested object; its problems are reported with a dotted path (contactpersoon.naam).</summary>
    public VeldLezer? Object(string naam, bool verplicht = false)
    {
        if (!Waarde(naam, verplicht, out var waarde))
        {
            return null;
        }

        if (waarde.ValueKind != JsonValueKind.Object)
        {
            Fout(naam, "invalid-type", $"{Pad(naam)} moet een object zijn.");
            return null;
        }

        return new VeldLezer(waarde, Pad(naam) + ".", _problemen);
    }

    /// <summary>
    /// A field of a JSON merge patch (RFC 7396): absent means "keep", null means "remove", a text means "set" (checked like
    /// <see cref="Tekst"/>).
    /// </summary>
    public Domain.Client.PatchVeld PatchTekst(string naam, int maxLengte = 200, Func<string, string?>? controle = null)
    {
        if (!_object.TryGetProperty(naam, out var waarde))
        {
            return Domain.Client.PatchVeld.Afwezig;
        }

        if (waarde.ValueKind == JsonValueKind.Null)
        {
            return new Domain.Client.PatchVeld(true, null);
        }

        var tekst = Tekst(naam, verplicht: true, maxLengte);
        if (tekst is not null && controle?.Invoke(tekst) is { } fout)
        {
            Fout(naam, "invalid", fout);
            return Domain.Client.PatchVeld.Afwezig;
        }

        return tekst is null ? Domain.Client.PatchVeld.Afwezig : new Domain.Client.PatchVeld(true, tekst);
    }

    /// <summary>Whether the object has this member (null included).</summary>
    public bool Heeft(string naam) => _object.TryGetProperty(naam, out _);

    /// <summary>Reports every member not in <paramref name="bekend"/>, with the reason <paramref name="reden"/> gives (or a general one).</summary>
    public void AlleenVelden(IReadOnlyCollection<string> bekend, Func<string, string?>? reden = null)
    {
        foreach (var veld in _object.EnumerateObject().Select(p => p.Name).Where(n => !bekend.Contains(n)))
        {
            Fout(veld, "not-allowed", reden?.Invoke(veld) ?? $"{Pad(veld)} kan hier niet; toegestaan: {string.Join(", ", bekend)}.");
        }
    }

    private bool Waarde(string naam, bool verplicht, out JsonElement waarde)
    {
        if (_object.TryGetProperty(naam, out waarde) && waarde.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (verplicht)
        {
            _problemen.Add(new Probleem(Pad(naam), "required", $"{Pad(naam)} is verplicht."));
        }

        return false;
    }

    private void Fout(string naam, string code, string reden) => _problemen.Add(new Probleem(Pad(naam), code, reden));

    private string Pad(string naam) => _pad + naam;
}
