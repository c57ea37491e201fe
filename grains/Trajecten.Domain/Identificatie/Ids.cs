using System.Security.Cryptography;

namespace Trajecten.Domain.Identificatie;

/// <summary>
/// Opaque identifiers: a short type prefix and 26 lowercase base32 characters (128 bits).
/// The prefix and the dash keep every id from parsing as a hexadecimal number, which Orleans'
/// storage would otherwise read as an integer key.
/// </summary>
public static class Ids
{
    public const string ClientPrefix = "cl";
    public const string TrajectPrefix = "tr";
    public const string MijlpaalPrefix = "mp";
    public const string SignaalPrefix = "sg";
    public const string VacaturePrefix = "vc";
    public const string AbonnementPrefix = "ab";
    public const string CorrectiePrefix = "co";
    public const string NazorgPrefix = "nz";
    public const string HerbeoordelingPrefix = "hb";

    private const string Alfabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Lengte = 26;

    public static string Nieuw(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Maak(prefix, bytes);
    }

    public static string Maak(string prefix, ReadOnlySpan<byte> bytes16) => $"{prefix}-{Base32(bytes16)}";

    /// <summary>
    /// The same id for the same <paramref name="bron"/> every time (a SHA-256 of it): what makes a retried request land on the
    /// grain the first attempt created, even when that attempt failed before it could remember the id.
    /// </summary>
    public static string Afgeleid(string prefix, string bron) =>
        Maak(prefix, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(prefix + "\n" + bron)).AsSpan(0, 16));

    /// <summary>True when <paramref name="id"/> has the shape of an id with this prefix.</summary>
    public static bool IsGeldig(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + 1 + Lengte
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id[prefix.Length] == '-'
        && id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(Alfabet) < 0;

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        Span<char> tekens = stackalloc char[Lengte];
        int buffer = 0, bits = 0, n = 0;
        foreach (var b in bytes[..16])
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                tekens[n++] = Alfabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        tekens[n] = Alfabet[(buffer << (5 - bits)) & 31];
        return new string(tekens);
    }
}
