namespace Trajecten.Domain.Identificatie;

/// <summary>
/// Burgerservicenummer: 9 digits that pass the elfproef (weights 9..2 and -1 for the last digit).
/// <see cref="ToString"/> never reveals the number, so a BSN cannot leak into a log line by accident;
/// only <see cref="Waarde"/> does, and only the client grain's state and the pseudonymiser read it.
/// </summary>
[GenerateSerializer, Immutable, Alias("trajecten.bsn")]
public readonly record struct Bsn
{
    private Bsn(string waarde) => Waarde = waarde;

    [Id(0)] public string Waarde { get; init; }

    /// <summary>Checks the input and explains, in one Dutch sentence, what is wrong with it.</summary>
    public static bool TryParse(string? invoer, out Bsn bsn, out string fout)
    {
        bsn = default;
        var kandidaat = invoer?.Trim() ?? "";
        if (kandidaat.Length == 8 && kandidaat.All(char.IsAsciiDigit))
        {
            kandidaat = "0" + kandidaat; // an 8-digit BSN is written with a leading zero
        }

        if (kandidaat.Length != 9 || !kandidaat.All(char.IsAsciiDigit))
        {
            fout = "Een BSN bestaat uit 9 cijfers.";
            return false;
        }

        var som = 0;
        for (var i = 0; i < 8; i++)
        {
            som += (kandidaat[i] - '0') * (9 - i);
        }

        som -= kandidaat[8] - '0';
        if (som == 0 || som % 11 != 0)
        {
            fout = "Dit BSN voldoet niet aan de elfproef.";
            return false;
        }

        bsn = new Bsn(kandidaat);
        fout = "";
        return true;
    }

    public override string ToString() => "BSN(***)";
}
