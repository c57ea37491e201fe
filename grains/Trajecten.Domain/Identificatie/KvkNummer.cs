namespace Trajecten.Domain.Identificatie;

/// <summary>KvK-nummer: exactly 8 digits, no checksum.</summary>
public static class KvkNummer
{
    public static bool IsGeldig(string? invoer) =>
        invoer is { Length: 8 } && invoer.All(char.IsAsciiDigit);

    public const string Fout = "Een KvK-nummer bestaat uit precies 8 cijfers.";
}
